import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { PrintJobView } from '../../../shared/contract/print-views';
import { dateTime } from '../components/dates';
import type { PrintStep } from './slipFlow';

const COLOR: Record<PrintJobView['state'], string> = { printed: 'green', failed: 'red', queued: 'blue', sent: 'blue' };

/** "CUPS 打印队列 Counter-A4" / "模拟打印机 sim1": the driver's name and its target. */
export function printerText(t: TFunction, job: Pick<PrintJobView, 'driver' | 'target'>): string {
  return [t(`printing.drivers.${job.driver}`), job.target].filter(Boolean).join(' ');
}

function jobText(t: TFunction, job: PrintJobView): string {
  const printer = printerText(t, job);
  if (job.state === 'printed') return job.reprintNo > 0 ? t('printing.counter.printedCopy', { n: job.reprintNo, printer }) : t('printing.counter.printed', { printer });
  if (job.state === 'failed') {
    const error = job.error?.message || job.error?.code || '?';
    return job.nextAttemptAt ? t('printing.counter.failed', { error, at: dateTime(job.nextAttemptAt) }) : t('printing.counter.failedNoRetry', { error });
  }
  return t(`printing.counter.${job.state}`, { printer });
}

function stepText(t: TFunction, step: Exclude<PrintStep, { kind: 'error' }>): string {
  switch (step.kind) {
    case 'job': return jobText(t, step.job);
    case 'shell': return step.reprintNo > 0 ? t('printing.counter.dialogCopy', { n: step.reprintNo }) : t('printing.counter.dialog');
    case 'opened': return step.reprintNo > 0 ? t('printing.counter.openedCopy', { n: step.reprintNo }) : t('printing.counter.opened');
    case 'shellFailed': return t('printing.counter.shellFailed', { reason: step.reason });
  }
}

function stateOf(step: Exclude<PrintStep, { kind: 'error' }>): string {
  if (step.kind === 'job') return step.job.state;
  return step.kind === 'shellFailed' ? 'failed' : step.kind;
}

/** Where the slip went after F9: printed, failed and retried later (see the queue), the dialog, the PDF. */
export function PrintStatus({ step }: { step: PrintStep | null }) {
  const { t } = useTranslation();
  if (!step || step.kind === 'error') return null;
  const state = stateOf(step);
  return (
    <div className="print-status">
      <Tag color={COLOR[state as PrintJobView['state']] ?? (state === 'failed' ? 'red' : 'default')} data-testid="print-status" data-state={state}
        data-reprint={step.kind === 'job' ? step.job.reprintNo : undefined}>
        {stepText(t, step)}
      </Tag>
    </div>
  );
}
