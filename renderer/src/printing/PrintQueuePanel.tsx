import type { HTMLAttributes } from 'react';
import { Button, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { PRINT_JOB_STATES } from '../../../shared/contract/print-views';
import type { PrintJobState, PrintJobView } from '../../../shared/contract/print-views';
import { ErrorText } from '../components/ErrorText';
import { dateTime } from '../components/dates';
import { printerText } from './PrintStatus';
import type { PrintQueueModel } from './usePrintQueue';

const STATE_COLOR: Record<PrintJobState, string> = { queued: 'blue', sent: 'cyan', printed: 'green', failed: 'red' };

/** Only a job still waiting for its printer can be retried; a dialog job was handed to the shell once. */
export function canRetry(job: PrintJobView): boolean {
  return (job.state === 'failed' || job.state === 'queued') && job.driver !== 'dialog';
}

function columns(t: TFunction, model: PrintQueueModel, mayRetry: boolean): ColumnsType<PrintJobView> {
  const cols: ColumnsType<PrintJobView> = [
    { title: t('printing.columns.createdAt'), key: 'at', render: (_, j) => dateTime(j.createdAt) },
    { title: t('printing.columns.kind'), key: 'kind', render: (_, j) => t(`printing.kinds.${j.kind}`) },
    { title: t('printing.columns.receiptNo'), key: 'receipt', render: (_, j) => <span className="mono" data-testid="job-receipt">{j.receiptNo ?? '—'}</span> },
    { title: t('printing.columns.reprint'), key: 'reprint', render: (_, j) => (j.reprintNo > 0 ? t('printing.queue.copy', { n: j.reprintNo }) : t('printing.queue.original')) },
    { title: t('printing.columns.printer'), key: 'printer', render: (_, j) => printerText(t, j) },
    { title: t('printing.columns.state'), key: 'state', render: (_, j) => <Tag color={STATE_COLOR[j.state]} data-testid="job-state">{t(`printing.states.${j.state}`)}</Tag> },
    { title: t('printing.columns.attempts'), key: 'attempts', dataIndex: 'attempts' },
    { title: t('printing.columns.error'), key: 'error', render: (_, j) => (j.error ? <span data-testid="job-error">{j.error.message || j.error.code}</span> : '') },
    { title: t('printing.columns.nextAttempt'), key: 'next', render: (_, j) => (j.nextAttemptAt && j.state === 'failed' ? dateTime(j.nextAttemptAt) : '') },
  ];
  if (!mayRetry) return cols;
  return [...cols, {
    title: t('printing.columns.actions'), key: 'actions',
    render: (_, j) => canRetry(j) && (
      <Button size="small" data-testid="job-retry" loading={model.retrying === j.jobId} onClick={() => void model.retry(j.jobId)}>{t('printing.queue.retry')}</Button>
    ),
  }];
}

/** The print queue: every job's slip, receipt, copy number, printer, state, attempts, last error and next try. */
export function PrintQueuePanel({ model, mayRetry }: { model: PrintQueueModel; mayRetry: boolean }) {
  const { t } = useTranslation();
  const retried = model.retried;
  return (
    <section className="panel" data-testid="print-queue">
      <header className="page-head">
        <h3>{t('printing.queue.title')}</h3>
        <Select data-testid="queue-state" className="queue-state" style={{ width: 140 }} value={model.state ?? 'all'}
          onChange={(v: PrintJobState | 'all') => model.setState(v === 'all' ? null : v)}
          options={[{ value: 'all', label: t('printing.queue.all') }, ...PRINT_JOB_STATES.map((s) => ({ value: s, label: t(`printing.states.${s}`) }))]} />
        <Button data-testid="queue-refresh" onClick={() => void model.reload()}>{t('printing.queue.refresh')}</Button>
        <span className="muted">{t('printing.queue.autoRefresh')}</span>
      </header>
      {retried && <div className="ok-text" data-testid="queue-retried">{t('printing.queue.retried', { jobId: retried.jobId, state: t(`printing.states.${retried.state}`) })}</div>}
      <ErrorText testId="queue-error" message={model.error} />
      <Table<PrintJobView> size="small" rowKey="jobId" dataSource={model.jobs ? [...model.jobs] : []} loading={model.jobs === null} pagination={false}
        columns={columns(t, model, mayRetry)} locale={{ emptyText: t('printing.queue.empty') }}
        onRow={(j) => ({ 'data-testid': 'job-row', 'data-state': j.state, 'data-job-id': j.jobId, 'data-reprint': j.reprintNo } as HTMLAttributes<HTMLElement>)} />
    </section>
  );
}
