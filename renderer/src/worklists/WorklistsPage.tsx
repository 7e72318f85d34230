/**
 * Reminder worklists (Alt+0, issue 7 item 5): a tab per list kind; the table of customers with balance or
 * days, last sale and last contact; a contact's outcome logged (Enter on a row or the row's button), SMS to
 * the selected rows and the list printed as the duplicate customer list.
 */
import { Button, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatUnits, formatYuan, fen, units } from '../../../shared/money';
import { WORKLIST_KINDS } from '../../../shared/contract/worklist-views';
import type { WorklistKind, WorklistRowView } from '../../../shared/contract/worklist-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { dateTime } from '../components/dates';
import { DocumentPreview } from '../documents/DocumentPreview';
import { useDocument } from '../documents/useDocument';
import { ContactDialog } from './ContactDialog';
import { useWorklist } from './useWorklist';

function balanceText(r: WorklistRowView): string {
  return r.measure === 'units' ? formatUnits(units(r.balance)) : formatYuan(fen(r.balance));
}

/** `today` (Beijing business date) bounds a promise's date; null until the counter knows it. */
export function WorklistsPage({ today }: { today: string | null }) {
  const { t } = useTranslation();
  const client = useApi();
  const [kind, setKind] = useState<WorklistKind>('lowBalance');
  const model = useWorklist(client, kind);
  const doc = useDocument();
  const [contactRow, setContactRow] = useState<WorklistRowView | null>(null);
  const rows = model.view?.rows ?? [];

  const table = (
    <Table<WorklistRowView> size="small" rowKey="meterId" pagination={false} dataSource={[...rows]} locale={{ emptyText: t('worklists.empty') }}
      rowSelection={{ selectedRowKeys: model.selected, onChange: (keys) => model.setSelected(keys.map(Number)) }}
      onRow={(r) => ({ 'data-testid': 'worklist-row', 'data-meter': r.meterId, tabIndex: 0, onKeyDown: (e: React.KeyboardEvent) => { if (e.key === 'Enter') setContactRow(r); } } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('worklists.customer'), render: (_, r) => <>{r.customerName} <span className="mono">{r.accountNo}</span></> },
        { title: t('worklists.meter'), dataIndex: 'meterNo', render: (v: string) => <span className="mono">{v}</span> },
        { title: t('worklists.balance'), className: 'num', render: (_, r) => <span data-testid="worklist-balance">{balanceText(r)}</span> },
        { title: t('worklists.days'), render: (_, r) => (r.reason === 'notRecharged' ? t('worklists.daysSince', { days: r.daysSinceSale ?? '—' }) : r.daysLeft === null ? '—' : t('worklists.daysLeft', { days: r.daysLeft })) },
        { title: t('worklists.reasonTitle'), dataIndex: 'reason', render: (v: string) => <Tag>{t(`worklists.reason.${v}`)}</Tag> },
        { title: t('worklists.lastContact'), render: (_, r) => (r.lastContact ? `${t(`worklists.outcome.${r.lastContact.outcome}`)} · ${dateTime(r.lastContact.at)}` : '—') },
        { title: '', render: (_, r) => <Button size="small" data-testid="worklist-contact" onClick={() => setContactRow(r)}>{t('worklists.logContact')}</Button> },
      ]} />
  );

  return (
    <div className="page-body" data-testid="worklists-page">
      <header className="page-head">
        <h2>{t('nav.worklists')}</h2>
        <span data-testid="worklist-total">{t('worklists.total', { count: model.view?.total ?? 0 })}</span>
        <Button data-testid="worklist-sms" disabled={model.selected.length === 0} onClick={() => void model.sendSms()}>{t('worklists.sendSms', { count: model.selected.length })}</Button>
        <Button data-testid="worklist-print" loading={doc.busy} onClick={() => void doc.open(() => client.call('worklists.print', { kind }))}>{t('worklists.print')}</Button>
      </header>
      {model.sms && <p data-testid="worklist-sms-result">{t('worklists.smsResult', { sent: model.sms.sent, failed: model.sms.failed, limited: model.sms.rateLimited, noPhone: model.sms.noPhone.length })}</p>}
      <ErrorText testId="worklist-error" message={model.error ?? doc.error} />
      <Tabs activeKey={kind} onChange={(key) => setKind(key as WorklistKind)}
        items={WORKLIST_KINDS.map((k) => ({ key: k, label: <span data-testid={`tab-${k}`}>{t(`worklists.kind.${k}`)}</span>, children: k === kind ? table : null }))} />
      <ContactDialog row={contactRow} today={today ?? model.view?.today ?? ''} onSave={model.logContact} onClose={() => setContactRow(null)} />
      <DocumentPreview model={doc} />
    </div>
  );
}
