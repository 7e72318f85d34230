import { Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeterWriteStateCode, RechargeView } from '../../../shared/contract/recharge-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { useContractList } from '../hooks/useContractList';
import { dateTime } from '../components/dates';
import { DELIVERY_COLOR } from './delivery';

function useRecharges() {
  const client = useApi();
  const { rows: loaded, error, setError, load } = useContractList('recharges.pending', {});
  const rows: readonly RechargeView[] = loaded ?? [];
  const [busy, setBusy] = useState<number | null>(null);
  const retry = async (writeId: number) => {
    setBusy(writeId);
    const result = await client.call('recharges.retry', { writeId });
    setBusy(null);
    setError(result.ok ? null : result.error.message);
    await load();
  };
  return { rows, error, busy, retry, load };
}

/** Remote recharges not yet completed (recharges.pending), each retried now by a clerk or supervisor. */
export function RechargesPanel({ canRetry }: { canRetry: boolean }) {
  const { t } = useTranslation();
  const model = useRecharges();
  return (
    <div data-testid="recharges">
      <Button data-testid="recharges-refresh" onClick={() => void model.load()}>{t('meters.refresh')}</Button>
      <Table<RechargeView> size="small" rowKey="writeId" pagination={false} dataSource={[...model.rows]} locale={{ emptyText: t('recharges.none') }}
        onRow={(r) => ({ 'data-testid': 'recharge-row', 'data-state': r.state, 'data-receipt': r.receiptNo } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('recharges.receipt'), dataIndex: 'receiptNo', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('meters.meterNo'), dataIndex: 'meterNo', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('recharges.createdAt'), dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
          { title: t('recharges.state'), dataIndex: 'state', render: (v: MeterWriteStateCode) => <Tag color={DELIVERY_COLOR[v]}>{t(`delivery.${v}`)}</Tag> },
          { title: t('recharges.lastEvent'), render: (_, r) => dateTime(r.lastEvent.at) },
          { title: t('meters.lastError'), dataIndex: 'lastError', render: (v: string | null) => v ?? '' },
          {
            title: '', render: (_, r) => canRetry && (
              <Button size="small" data-testid="recharge-retry" loading={model.busy === r.writeId} onClick={() => void model.retry(r.writeId)}>{t('recharges.retry')}</Button>
            ),
          },
        ]} />
      <ErrorText testId="recharges-error" message={model.error} />
    </div>
  );
}
