/**
 * The one approval mechanism: a request (kind, subject, reason) by the person at the counter; one
 * decision by a supervisor who authenticates at that counter (or in their own session) and is never the
 * requester; an expiry; a single use, in the same transaction as the change it allows. Every step audited.
 */
import { DomainError } from '../domain/errors';
import { approvalState, assertCanDecide, assertUsable, expiryOf } from '../domain/money/approval';
import type { ApprovalFacts } from '../domain/money/approval';
import { appendAudit } from '../db/repositories/audit-repository';
import { findApproval, insertApproval, insertDecision, insertUse, listApprovals } from '../db/repositories/approvals-repository';
import type { ApprovalRow } from '../db/repositories/approvals-repository';
import { findMeter } from '../db/repositories/meters-repository';
import { findSale } from '../db/repositories/sales-repository';
import type { Db } from '../db/repositories/db';
import { activeMeterOf, openAccountOrRefuse } from './accounts-service';
import { loadMoneyRules } from './money-rules-service';
import { found, inTransaction } from './deps';
import type { Actor, ServiceDeps } from './deps';
import { lockRowsForUpdate } from '../db/repositories/locks';
import type { ContractInput } from '../../shared/contract/methods';
import type { ApprovalSubject, ApprovalView } from '../../shared/contract/money-views';
import type { ApprovalKind, ApprovalState } from '../../shared/vocabulary';

function facts(row: ApprovalRow): ApprovalFacts & { subject: ApprovalSubject } {
  return {
    requestedBy: Number(row.requested_by), expiresAt: row.expires_at, used: row.used_at !== null,
    decision: row.decision as ApprovalFacts['decision'], subject: JSON.parse(row.subject) as ApprovalSubject,
  };
}

export function approvalView(row: ApprovalRow, now: Date): ApprovalView {
  const f = facts(row);
  return {
    id: Number(row.id), kind: row.kind as ApprovalKind, subject: f.subject, reason: row.reason, state: approvalState(f, now),
    requestedBy: f.requestedBy, requestedByName: row.requested_by_name, requestedAt: row.requested_at, expiresAt: row.expires_at,
    decidedBy: row.decided_by === null ? null : Number(row.decided_by), decidedByName: row.decided_by_name, decidedAt: row.decided_at,
    decisionNote: row.note, usedAt: row.used_at,
  };
}

/**
 * Uses an approval inside the caller's transaction: it must be approved, unexpired, unused, the actor's
 * own request and for `wanted`. Answers who approved it.
 */
export async function consumeApproval(db: Db, use: { approvalId: number; actor: Actor; wanted: ApprovalSubject; now: Date; entity: string; entityId: string | number }): Promise<number> {
  // Used once only: a second counter using it at once waits, then finds it used (not a unique-key error).
  await lockRowsForUpdate(db, 'approvals', [use.approvalId]);
  const row = found(await findApproval(db, use.approvalId), 'approval');
  assertUsable(facts(row), use.actor.userId, use.wanted, use.now);
  const at = use.now.toISOString();
  await insertUse(db, { approvalId: use.approvalId, usedBy: use.actor.userId, entity: use.entity, entityId: String(use.entityId), at });
  await appendAudit(db, { at, userId: use.actor.userId, action: 'approval.use', entity: 'approval', entityId: use.approvalId, after: { entity: use.entity, entityId: use.entityId } });
  return Number(row.decided_by);
}

/** Answers whether a control job exists as a draft (set by the composition root once control jobs exist). */
export type ControlJobDraftCheck = (db: Db, jobId: number) => Promise<void>;

async function activeMeterExists(db: Db, meterId: number): Promise<void> {
  const meter = found(await findMeter(db, meterId), 'meter');
  await activeMeterOf(db, Number((await openAccountOrRefuse(db, Number(meter.account_id))).id), meterId);
}

/** The checks of consumeApproval without the use: for a step that must not start unless the approval will hold. */
export async function checkApproval(db: Db, use: { approvalId: number; actor: Actor; wanted: ApprovalSubject; now: Date }): Promise<void> {
  assertUsable(facts(found(await findApproval(db, use.approvalId), 'approval')), use.actor.userId, use.wanted, use.now);
}

/**
 * A request names something real and still open: a sale, an active meter of an open account, an open
 * account, a draft control job.
 */
async function subjectExists(db: Db, subject: ApprovalSubject, draftCheck: ControlJobDraftCheck): Promise<void> {
  switch (subject.kind) {
    case 'reversal': found(await findSale(db, subject.saleId), 'sale'); return;
    case 'holiday_cash': case 'manual_reading': case 'card_replacement': case 'card_unloaded': return activeMeterExists(db, subject.meterId);
    case 'refund': await openAccountOrRefuse(db, subject.accountId); return;
    case 'control_job': return draftCheck(db, subject.jobId);
  }
}

const STATE_FILTERS: Record<ApprovalState, { undecided?: boolean; decided?: string; unused?: boolean }> = {
  pending: { undecided: true }, approved: { decided: 'approve', unused: true }, rejected: { decided: 'reject' },
  used: { decided: 'approve' }, expired: { unused: true },
};

const NO_CONTROL_JOBS: ControlJobDraftCheck = async () => { throw new DomainError('not-found', { what: 'control job' }); };

export function createApprovalsService(
  deps: ServiceDeps, verifyPresent: (username: string, password: string) => Promise<Actor>, draftCheck: ControlJobDraftCheck = NO_CONTROL_JOBS,
) {
  const view = async (db: Db, id: number) => approvalView(found(await findApproval(db, id), 'approval'), deps.clock.now());

  async function request(actor: Actor, input: ContractInput<'approvals.request'>): Promise<ApprovalView> {
    return inTransaction(deps, async (trx) => {
      await subjectExists(trx, input.subject, draftCheck);
      const now = deps.clock.now();
      const rules = await loadMoneyRules(trx);
      const id = await insertApproval(trx, {
        kind: input.subject.kind, subject: JSON.stringify(input.subject), reason: input.reason, requestedBy: actor.userId,
        at: now.toISOString(), expiresAt: expiryOf(now, rules.approvalMinutes),
      });
      const after = await view(trx, id);
      await appendAudit(trx, { at: now.toISOString(), userId: actor.userId, action: 'approval.request', entity: 'approval', entityId: id, after });
      return after;
    });
  }

  /** The approver is the supervisor whose credentials were typed at the counter, or the supervisor in session. */
  async function decide(actor: Actor, input: ContractInput<'approvals.decide'>): Promise<ApprovalView> {
    const approver = input.approver ? await verifyPresent(input.approver.username, input.approver.password) : actor;
    return inTransaction(deps, async (trx) => {
      const now = deps.clock.now();
      await lockRowsForUpdate(trx, 'approvals', [input.approvalId]); // decided once, by one supervisor
      const row = found(await findApproval(trx, input.approvalId), 'approval');
      assertCanDecide(facts(row), approver, now);
      await insertDecision(trx, { approvalId: input.approvalId, decision: input.decision, decidedBy: approver.userId, note: input.note ?? null, at: now.toISOString() });
      const after = await view(trx, input.approvalId);
      await appendAudit(trx, {
        at: now.toISOString(), userId: approver.userId, action: `approval.${input.decision}`, entity: 'approval', entityId: input.approvalId,
        after: { ...after, atCounterOf: input.approver ? actor.userId : null },
      });
      return after;
    });
  }

  async function list(input: ContractInput<'approvals.list'>): Promise<ApprovalView[]> {
    const now = deps.clock.now();
    const rows = await listApprovals(deps.db, { ...(input.state ? STATE_FILTERS[input.state] : {}), kind: input.kind, limit: input.limit ?? 100 });
    const views = rows.map((r) => approvalView(r, now));
    return input.state ? views.filter((v) => v.state === input.state) : views;
  }

  return {
    request, decide, list,
    get: (approvalId: number): Promise<ApprovalView> => view(deps.db, approvalId),
  };
}
