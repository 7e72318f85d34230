import { Button, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalView } from '../../../shared/contract/money-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { useContractList } from '../hooks/useContractList';
import { dateTime } from '../components/dates';
import { subjectText } from './subjectText';


/** A supervisor's own session: pending requests, decided here without retyping the password. */
export function ApprovalsPage({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const { rows: loaded, error, setError, load } = useContractList('approvals.list', { state: 'pending', limit: 100 });
  const rows: readonly ApprovalView[] = loaded ?? [];
  const [notes, setNotes] = useState<Record<number, string>>({});
  const decide = async (approvalId: number, decision: 'approve' | 'reject') => {
    const result = await client.call('approvals.decide', { approvalId, decision, note: notes[approvalId]?.trim() || null });
    setError(result.ok ? null : result.error.message);
    await load();
    onChanged();
  };
  return (
    <div className="page-body" data-testid="approvals-page">
      <header className="page-head"><h2>{t('nav.approvals')}</h2><Button onClick={() => void load()}>{t('common.refresh')}</Button></header>
      <ErrorText testId="approvals-error" message={error} />
      <Table<ApprovalView> size="small" rowKey="id" pagination={false} dataSource={[...rows]} data-testid="approvals-table"
        locale={{ emptyText: t('approval.none') }}
        onRow={(a) => ({ 'data-testid': 'approval-row', 'data-approval-id': a.id, 'data-kind': a.kind } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('approval.kind'), render: (_, a) => <Tag>{t(`approval.kinds.${a.kind}`)}</Tag> },
          { title: t('approval.what'), render: (_, a) => subjectText(a.subject, t) },
          { title: t('approval.reason'), dataIndex: 'reason' },
          { title: t('approval.requestedBy'), render: (_, a) => `${a.requestedByName} · ${dateTime(a.requestedAt)}` },
          { title: t('approval.note'), render: (_, a) => <Input size="small" value={notes[a.id] ?? ''} onChange={(e) => setNotes((n) => ({ ...n, [a.id]: e.target.value }))} /> },
          {
            title: '', render: (_, a) => (
              <span className="row-actions">
                <Button size="small" type="primary" data-testid="approval-approve" onClick={() => void decide(a.id, 'approve')}>{t('approval.approve')}</Button>
                <Button size="small" danger data-testid="approval-reject-row" onClick={() => void decide(a.id, 'reject')}>{t('approval.reject')}</Button>
              </span>
            ),
          },
        ]} />
    </div>
  );
}
