import { Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ControlRetryItemView } from '../../../../shared/contract/control-views';
import { ErrorText } from '../../components/ErrorText';
import { dateTime } from '../../components/dates';
import { useContractList } from '../../hooks/useContractList';
import { TARGET_STATE_COLOR } from './jobs';

/** Targets waiting for a retry or given up, across jobs, oldest first (controlJobs.retryQueue). */
export function RetryQueue({ onOpen }: { onOpen: (jobId: number) => void }) {
  const { t } = useTranslation();
  const { rows, error, load } = useContractList('controlJobs.retryQueue', {});
  return (
    <div data-testid="retry-queue">
      <div className="page-head"><Button data-testid="retry-queue-refresh" onClick={() => void load()}>{t('meters.refresh')}</Button></div>
      <Table<ControlRetryItemView> size="small" rowKey={(r) => `${r.jobId}-${r.meterId}`} dataSource={[...(rows ?? [])]} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-testid': 'retry-item', 'data-meter-no': r.meterNo, 'data-state': r.state } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('controls.job'), dataIndex: 'jobId', render: (id: number) => <Button type="link" size="small" onClick={() => onOpen(id)}>#{id}</Button> },
          { title: t('controls.command'), dataIndex: 'action', render: (v: string) => t(`controls.actions.${v}`) },
          { title: t('meters.meterNo'), dataIndex: 'meterNo', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('controls.customer'), dataIndex: 'customerName' },
          { title: t('controls.state'), dataIndex: 'state', render: (v: ControlRetryItemView['state']) => <Tag color={TARGET_STATE_COLOR[v]}>{t(`controls.targetStates.${v}`)}</Tag> },
          { title: t('controls.attempts'), dataIndex: 'attempts', align: 'right' },
          { title: t('meters.lastError'), render: (_, r) => (r.lastError ? `${r.lastError.code} · ${r.lastError.message}` : '') },
          { title: t('controls.nextAttempt'), dataIndex: 'nextAttemptAt', render: (v: string | null) => (v ? dateTime(v) : '—') },
        ]} />
      <ErrorText testId="retry-queue-error" message={error} />
    </div>
  );
}
