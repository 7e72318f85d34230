/**
 * The one approval mechanism, exercised through holiday cash on Labour Day 2026 (off 05-01..05-05):
 * no self-approval, a supervisor's credentials only, lockout on wrong passwords, rejection, expiry,
 * single use, and a subject that must match; every step audited.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, PASSWORDS, refusal } from '../support/backend';
import type { Fixture } from '../support/backend';
import {
  allCounts, approved, expectBooksOk, newAccount, onDate, openShifts, refused, sellInput, sold, SUPERVISOR_CREDENTIALS,
} from './money-kit';
import type { Subject } from './money-kit';

describe('approvals', () => {
  let fx: Fixture;
  const request = (subject: Subject, who: 'clerk1' | 'clerk2' | 'supervisor' = 'clerk1') =>
    fx.ok('approvals.request', { subject, reason: '节假日收取现金' }, fx.sessions[who]);
  const actions = async (approvalId: number) =>
    (await fx.ok('audit.list', { entity: 'approval', entityId: String(approvalId) }, fx.sessions.supervisor)).map((a) => a.action).sort();
  const supervisorRow = () => fx.sql.one<{ failed_logins: number; locked_until: string | null }>("select failed_logins, locked_until from users where username = 'super1'");

  beforeAll(async () => {
    fx = await buildBackend({ at: '2026-05-01T02:00:00.000Z' });
    await onDate(fx, '2026-05-01');
    await openShifts(fx);
  });
  // After each scenario every check of `db verify` passes.
  afterEach(() => expectBooksOk(fx));
  afterAll(() => fx.close());

  it('a supervisor in session or by credentials at a clerk counter approves; the use is audited', async () => {
    const { meterId } = await newAccount(fx, 'bank_transfer');
    const a = await request({ kind: 'holiday_cash', meterId, amount: 20_000 });
    expect(a).toMatchObject({ kind: 'holiday_cash', state: 'pending', requestedBy: fx.users.clerk1, requestedByName: 'CLERK1', decidedBy: null });
    expect((await fx.ok('approvals.list', { state: 'pending' }, fx.sessions.supervisor)).map((x) => x.id)).toContain(a.id);
    const decided = await fx.ok('approvals.decide', { approvalId: a.id, decision: 'approve', note: '同意' }, fx.sessions.supervisor);
    expect(decided).toMatchObject({ state: 'approved', decidedBy: fx.users.supervisor, decidedByName: 'SUPER1', decisionNote: '同意' });
    const sale = await sold(fx, meterId, 20_000, { approvalId: a.id });
    expect(sale.approvalId).toBe(a.id);
    expect(await fx.ok('approvals.get', { approvalId: a.id }, fx.sessions.clerk2)).toMatchObject({ state: 'used', usedAt: fx.clock.now().toISOString() });
    expect(await actions(a.id)).toEqual(['approval.approve', 'approval.request', 'approval.use']);

    const atCounter = await approved(fx, { kind: 'holiday_cash', meterId, amount: 10_000 }, 'clerk2');
    expect(atCounter).toMatchObject({ state: 'approved', decidedBy: fx.users.supervisor });
    const audit = await fx.ok('audit.list', { entity: 'approval', entityId: String(atCounter.id) }, fx.sessions.supervisor);
    expect(audit.find((x) => x.action === 'approval.approve')).toMatchObject({ userId: fx.users.supervisor, after: { atCounterOf: fx.users.clerk2 } });
  });

  it('no self-approval, and only a supervisor approves', async () => {
    const { meterId } = await newAccount(fx, 'bank_transfer');
    const subject: Subject = { kind: 'holiday_cash', meterId, amount: 10_000 };
    const own = await request(subject, 'supervisor');
    await refused(fx, 'approvals.decide', { approvalId: own.id, decision: 'approve' }, fx.sessions.supervisor, 'approval-self');
    await refused(fx, 'approvals.decide', { approvalId: own.id, decision: 'approve', approver: SUPERVISOR_CREDENTIALS }, fx.sessions.supervisor, 'approval-self');
    await refused(fx, 'approvals.decide', { approvalId: own.id, decision: 'approve', approver: SUPERVISOR_CREDENTIALS }, fx.sessions.clerk1, 'approval-self');

    const mine = await request(subject, 'clerk1');
    await refused(fx, 'approvals.decide', { approvalId: mine.id, decision: 'approve' }, fx.sessions.clerk1, 'approval-not-supervisor');
    await refused(fx, 'approvals.decide', { approvalId: mine.id, decision: 'approve', approver: { username: 'clerk1', password: PASSWORDS.clerk1 } }, fx.sessions.clerk1, 'approval-not-supervisor');
    await refused(fx, 'approvals.decide', { approvalId: mine.id, decision: 'approve', approver: { username: 'clerk2', password: PASSWORDS.clerk2 } }, fx.sessions.clerk1, 'approval-not-supervisor');
    await refused(fx, 'approvals.decide', { approvalId: mine.id, decision: 'approve' }, fx.sessions.clerk2, 'approval-not-supervisor');
    // Still pending after all that: the sale cannot use it.
    expect((await fx.ok('approvals.get', { approvalId: mine.id }, fx.sessions.clerk1)).state).toBe('pending');
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000, { approvalId: mine.id }), fx.sessions.clerk1, 'approval-required');
    expect(await actions(mine.id)).toEqual(['approval.request']);
  });

  it('a rejected approval cannot be used or decided again', async () => {
    const { meterId } = await newAccount(fx, 'bank_transfer');
    const rejected = await approved(fx, { kind: 'holiday_cash', meterId, amount: 10_000 }, 'clerk1', 'reject');
    expect(rejected).toMatchObject({ state: 'rejected', decidedBy: fx.users.supervisor });
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000, { approvalId: rejected.id }), fx.sessions.clerk1, 'approval-rejected');
    await refused(fx, 'approvals.decide', { approvalId: rejected.id, decision: 'approve', approver: SUPERVISOR_CREDENTIALS }, fx.sessions.clerk1, 'approval-not-pending');
    expect(await actions(rejected.id)).toEqual(['approval.reject', 'approval.request']);
    expect((await fx.ok('approvals.list', { state: 'rejected' }, fx.sessions.supervisor)).map((x) => x.id)).toEqual([rejected.id]);
  });

  it('an approval expires after approvalMinutes, decided or not', async () => {
    const { meterId } = await newAccount(fx, 'bank_transfer');
    const rules = await fx.ok('settings.moneyRules', {}, fx.sessions.clerk1);
    expect(rules.approvalMinutes).toBe(15);
    const decided = await approved(fx, { kind: 'holiday_cash', meterId, amount: 10_000 });
    const undecided = await request({ kind: 'holiday_cash', meterId, amount: 10_000 });
    fx.clock.advance(15 * 60_000);
    expect((await fx.ok('approvals.get', { approvalId: decided.id }, fx.sessions.clerk1)).state).toBe('approved');
    fx.clock.advance(1_000);
    expect((await fx.ok('approvals.get', { approvalId: decided.id }, fx.sessions.clerk1)).state).toBe('expired');
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000, { approvalId: decided.id }), fx.sessions.clerk1, 'approval-expired');
    await refused(fx, 'approvals.decide', { approvalId: undecided.id, decision: 'approve', approver: SUPERVISOR_CREDENTIALS }, fx.sessions.clerk1, 'approval-expired');
    expect((await fx.ok('approvals.list', { state: 'expired' }, fx.sessions.supervisor)).map((x) => x.id)).toEqual(expect.arrayContaining([decided.id, undecided.id]));
  });

  it('an approval is used once, by its requester, for its meter and at most its amount', async () => {
    const a = await newAccount(fx, 'bank_transfer');
    const b = await newAccount(fx, 'bank_transfer');
    const forA = await approved(fx, { kind: 'holiday_cash', meterId: a.meterId, amount: 10_000 });
    await refused(fx, 'sales.sell', sellInput(fx, b.meterId, 10_000, { approvalId: forA.id }), fx.sessions.clerk1, 'approval-mismatch');
    await refused(fx, 'sales.sell', sellInput(fx, a.meterId, 10_001, { approvalId: forA.id }), fx.sessions.clerk1, 'approval-mismatch');
    await refused(fx, 'sales.sell', sellInput(fx, a.meterId, 10_000, { approvalId: forA.id, who: 'clerk2' }), fx.sessions.clerk2, 'approval-mismatch');
    const reversalKind = await approved(fx, { kind: 'refund', accountId: a.accountId, amount: 10_000 });
    await refused(fx, 'sales.sell', sellInput(fx, a.meterId, 10_000, { approvalId: reversalKind.id }), fx.sessions.clerk1, 'approval-mismatch');
    await refused(fx, 'sales.sell', sellInput(fx, a.meterId, 10_000, { approvalId: 999_999 }), fx.sessions.clerk1, 'not-found');

    // The amount is a ceiling: 99.99 against an approval of 100.00 is covered.
    await sold(fx, a.meterId, 9_999, { approvalId: forA.id });
    await refused(fx, 'sales.sell', sellInput(fx, a.meterId, 1, { approvalId: forA.id }), fx.sessions.clerk1, 'approval-used');
    expect(await actions(forA.id)).toEqual(['approval.approve', 'approval.request', 'approval.use']);

    // Two different sales racing on one approval: one uses it, the other is refused.
    const once = await approved(fx, { kind: 'holiday_cash', meterId: b.meterId, amount: 10_000 });
    const sales = (await fx.counts()).sales;
    const answers = await Promise.all([1, 2].map(() => fx.call('sales.sell', sellInput(fx, b.meterId, 10_000, { approvalId: once.id }), fx.sessions.clerk1)));
    expect(answers.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['approval-used', 'ok']);
    expect((await fx.counts()).sales).toBe(sales + 1);
  });

  it('a wrong approver password is bad-credentials and counts towards the lockout', async () => {
    const { meterId } = await newAccount(fx, 'bank_transfer');
    const pending = await request({ kind: 'holiday_cash', meterId, amount: 10_000 });
    const wrong = { approvalId: pending.id, decision: 'approve' as const, approver: { username: 'super1', password: 'wrong-password' } };
    for (let i = 1; i <= 4; i += 1) {
      await refused(fx, 'approvals.decide', wrong, fx.sessions.clerk1, 'bad-credentials');
      expect((await supervisorRow()).failed_logins).toBe(i);
    }
    const before = await allCounts(fx);
    expect(refusal(await fx.call('approvals.decide', wrong, fx.sessions.clerk1)).code).toBe('bad-credentials');
    expect((await supervisorRow()).locked_until).not.toBeNull();
    expect(await allCounts(fx)).toEqual({ ...before, audit_log: (before.audit_log ?? 0) + 1 });
    expect((await fx.ok('audit.list', { entity: 'user', entityId: String(fx.users.supervisor) }, fx.sessions.admin))[0]?.action).toBe('user.locked');
    // Locked: even the right password is refused, at the counter and at login.
    await refused(fx, 'approvals.decide', { ...wrong, approver: SUPERVISOR_CREDENTIALS }, fx.sessions.clerk1, 'account-locked');
    expect((await fx.ok('approvals.get', { approvalId: pending.id }, fx.sessions.clerk1)).state).toBe('pending');
  });
});
