/**
 * One approval mechanism for every exception (holiday cash, reversal, refund, control jobs, settlement
 * readings; later card replacement): a request with a reason and a subject, one decision by a supervisor who is not the
 * requester, an expiry, and a single use by the requester for exactly the subject approved. Pure: the
 * caller passes the stored rows and the clock's now.
 */
import { DomainError } from '../errors';
import type { ApprovalSubject } from '../../../shared/contract/money-views';
import type { ApprovalState, Role } from '../../../shared/vocabulary';

export interface ApprovalFacts {
  readonly requestedBy: number;
  readonly expiresAt: string;
  readonly decision: 'approve' | 'reject' | null;
  readonly used: boolean;
}

export function approvalState(a: ApprovalFacts, now: Date): ApprovalState {
  if (a.used) return 'used';
  if (a.decision === 'reject') return 'rejected';
  if (now.toISOString() > a.expiresAt) return 'expired';
  return a.decision === 'approve' ? 'approved' : 'pending';
}

export function expiryOf(requestedAt: Date, minutes: number): string {
  return new Date(requestedAt.getTime() + minutes * 60_000).toISOString();
}

/** A decision needs a pending request and an active supervisor who did not ask for it. */
export function assertCanDecide(a: ApprovalFacts, approver: { userId: number; role: Role }, now: Date): void {
  if (approver.role !== 'supervisor') throw new DomainError('approval-not-supervisor');
  if (approver.userId === a.requestedBy) throw new DomainError('approval-self');
  const state = approvalState(a, now);
  if (state === 'expired') throw new DomainError('approval-expired');
  if (state !== 'pending') throw new DomainError('approval-not-pending');
}

/** Same kind and same object; an approved amount is a ceiling (the quote may come out a fen lower, never higher). */
export function subjectCovers(approved: ApprovalSubject, wanted: ApprovalSubject): boolean {
  if (approved.kind === 'holiday_cash' && wanted.kind === 'holiday_cash') return approved.meterId === wanted.meterId && wanted.amount <= approved.amount;
  if (approved.kind === 'reversal' && wanted.kind === 'reversal') return approved.saleId === wanted.saleId;
  if (approved.kind === 'refund' && wanted.kind === 'refund') return approved.accountId === wanted.accountId && wanted.amount === approved.amount;
  if (approved.kind === 'control_job' && wanted.kind === 'control_job') return approved.jobId === wanted.jobId;
  if (approved.kind === 'card_replacement' && wanted.kind === 'card_replacement') return approved.meterId === wanted.meterId;
  if (approved.kind === 'card_unloaded' && wanted.kind === 'card_unloaded') return approved.meterId === wanted.meterId;
  if (approved.kind === 'manual_reading' && wanted.kind === 'manual_reading') {
    // The reading entered must be exactly the one approved: same meter, instant and total.
    return approved.meterId === wanted.meterId && Date.parse(approved.readAt) === Date.parse(wanted.readAt) && approved.total === wanted.total;
  }
  return false;
}

/** Using an approval: approved, unexpired, unused, by the requester, for what was approved. */
export function assertUsable(a: ApprovalFacts & { subject: ApprovalSubject }, user: number, wanted: ApprovalSubject, now: Date): void {
  if (a.requestedBy !== user || !subjectCovers(a.subject, wanted)) throw new DomainError('approval-mismatch');
  const state = approvalState(a, now);
  if (state === 'used') throw new DomainError('approval-used');
  if (state === 'rejected') throw new DomainError('approval-rejected');
  if (state === 'expired') throw new DomainError('approval-expired');
  if (state === 'pending') throw new DomainError('approval-required');
}
