/**
 * What every applier of the ledger property shares: failing with the operation, the fingerprint a refusal
 * must leave untouched, predicting an outcome, booking cash to a drawer, and the supervisor's approval
 * given at a clerk's counter (request, then the supervisor's credentials, in the same minute as the use).
 */
import { businessDate, businessYear } from '../domain/time/business-time';
import type { Result } from '../../shared/result';
import type { ApprovalSubject } from '../../shared/contract/money-views';
import { credentialsOf } from './ledger-property-hall';
import type { Actor, Hall } from './ledger-property-hall';
import { bump } from './ledger-property-model';
import type { Model, ShiftModel } from './ledger-property-model';
import type { Op } from './ledger-property-ops';

export function fail(op: Op, what: string): never {
  throw new Error(`${what} — after ${JSON.stringify(op)}`);
}

/** Everything a refused call must leave untouched. */
export function fingerprint(hall: Hall): string {
  // Highest ids rather than counts: as telling for append-only tables, and no table scan on every call.
  return JSON.stringify(hall.raw.prepare(`select (select max(id) from sales) as sales, (select max(id) from ledger_entries) as ledger,
    (select coalesce(sum(last_no), 0) from receipt_sequences) as serials, (select max(id) from account_events) as events,
    (select max(id) from audit_log) as audit, (select max(id) from meters) as meters, (select max(id) from shifts) as shifts,
    (select count(*) from shifts where status = 'open') as open, (select coalesce(sum(credit_fen), 0) from meters) as credit,
    (select coalesce(sum(remaining), 0) from meters) as remaining, (select count(*) from accounts where status = 'open') as accounts,
    (select max(id) from vouchers) as vouchers, (select max(id) from voucher_draws) as draws, (select coalesce(sum(used_fen), 0) from vouchers) as used,
    (select max(id) from cash_drops) as drops, (select max(id) from bank_deposits) as deposits, (select max(id) from deposit_items) as items,
    (select max(id) from sale_reversals) as reversals, (select max(id) from deposit_obligations) as obligations,
    (select count(*) from approval_uses) as uses`).get());
}

export function expectOutcome<T>(op: Op, model: Model, result: Result<unknown>, refusal: string | null, before: string, hall: Hall): T | null {
  if (refusal === null) {
    if (!result.ok) fail(op, `expected success, got ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }
  if (result.ok) fail(op, `expected the refusal ${refusal}, but it succeeded`);
  if (result.error.code !== refusal) fail(op, `expected the refusal ${refusal}, got ${result.error.code}: ${result.error.message}`);
  if (fingerprint(hall) !== before) fail(op, `the refusal ${refusal} wrote to the database`);
  bump(model.refused, refusal);
  return null;
}

export function today(hall: Hall): string {
  return businessDate(hall.clock.now());
}

export function issueReceipt(hall: Hall, model: Model): void {
  bump(model.receipts, businessYear(hall.clock.now()));
}

export function shiftOf(model: Model, who: Actor): ShiftModel | undefined {
  const id = model.openShift[who];
  return id === null ? undefined : model.shifts.get(id);
}

/** Cash in (+) or a refund out (−) of `who`'s open drawer. */
export function takeCash(model: Model, who: Actor, amount: number): void {
  const shift = shiftOf(model, who);
  if (!shift) throw new Error(`model: ${who} moved cash without an open shift`);
  if (amount >= 0) shift.taken += amount;
  else shift.refunds -= amount;
  model.moneyIn += amount;
}

/** A request by `who`, approved at once by the supervisor typing their credentials at `who`'s counter. */
export async function approved(hall: Hall, who: Actor, subject: ApprovalSubject, reason: string): Promise<number> {
  const request = await hall.ok('approvals.request', { subject, reason }, who);
  const decided = await hall.ok('approvals.decide', { approvalId: request.id, decision: 'approve', approver: credentialsOf('supervisor') }, who);
  if (decided.state !== 'approved' || decided.decidedBy !== hall.users.supervisor) throw new Error(`approval ${request.id} is ${decided.state}`);
  return request.id;
}
