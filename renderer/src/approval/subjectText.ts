import type { ApprovalSubject } from '../../../shared/contract/money-views';
import { yuan } from '../money/format';
import { formatUnits, units } from '../../../shared/money';

type T = (key: string, params?: Record<string, string>) => string;

/** One line saying what an approval is for, in the approver's language. */
export function subjectText(subject: ApprovalSubject, t: T): string {
  switch (subject.kind) {
    case 'reversal': return t('approval.subject.reversal');
    case 'control_job': return t('approval.subject.control_job', { jobId: String(subject.jobId) });
    case 'card_replacement': case 'card_unloaded': return t(`approval.subject.${subject.kind}`, { meterId: String(subject.meterId) });
    case 'manual_reading': return t('approval.subject.manual_reading', { total: formatUnits(units(subject.total)), meterId: String(subject.meterId) });
    default: return t(`approval.subject.${subject.kind}`, { amount: yuan(subject.amount) });
  }
}
