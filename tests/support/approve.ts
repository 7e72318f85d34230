/** A supervisor's approval given at the counter: requested in `session`, approved with super1's credentials. */
import { PASSWORDS } from './backend';
import type { Fixture } from './backend';
import type { ApprovalSubject } from '../../shared/contract/money-views';

export async function approvedBySupervisor(fx: Fixture, subject: ApprovalSubject, session: string, reason = '测试审批'): Promise<number> {
  const request = await fx.ok('approvals.request', { subject, reason }, session);
  await fx.ok('approvals.decide', { approvalId: request.id, decision: 'approve', note: null, approver: { username: 'super1', password: PASSWORDS.supervisor } }, session);
  return request.id;
}
