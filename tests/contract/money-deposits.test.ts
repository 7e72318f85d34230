/**
 * Bank deposits of holiday cash obligations and cash drops, overdue obligations blocking a clerk's next
 * holiday cash, and the cashier controls (per-sale maximum, drawer limit and drops, refunds on approval).
 * Labour Day 2026 is off 05-01..05-05 (next bank working day Wednesday 05-06); Saturday 05-09 is a
 * make-up working day, Saturday 05-16 is an ordinary weekend.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, PASSWORDS } from '../support/backend';
import type { Fixture } from '../support/backend';
import {
  approved, depositAll, expectBooksOk, holidayCash, ledgerOf, newAccount, onDate, openShifts, refused, sellInput, sold, SUPERVISOR_CREDENTIALS, voucher,
} from './money-kit';

const slip = (slipRef: string, amount: number, obligationIds: number[], dropIds: number[], depositDate: string) =>
  ({ bank: '中国工商银行', slipRef, amount, depositDate, obligationIds, dropIds });

describe('bank deposits and overdue obligations', () => {
  let fx: Fixture;
  const pending = () => fx.ok('deposits.pending', {}, fx.sessions.supervisor);
  const drawer = (who: 'clerk1' | 'clerk2' = 'clerk1') => fx.ok('cash.drawer', {}, fx.sessions[who]);

  beforeAll(async () => {
    fx = await buildBackend({ at: '2026-05-01T02:00:00.000Z' });
    await onDate(fx, '2026-05-01');
    await openShifts(fx, 10_000);
  });
  // After each scenario every check of `db verify` passes.
  afterEach(() => expectBooksOk(fx));
  afterAll(() => fx.close());

  it('lists obligations and undeposited drops; a deposit of exactly their sum clears them, once', async () => {
    const { meterId } = await newAccount(fx, 'bank_transfer');
    const sale = await holidayCash(fx, meterId, 200_000);
    const cash = await newAccount(fx, 'cash');
    await sold(fx, cash.meterId, 60_000);
    await refused(fx, 'cash.drop', { amount: 270_001, receiver: SUPERVISOR_CREDENTIALS }, fx.sessions.clerk1, 'drop-exceeds-drawer');
    // The 2,000.00 yuan of holiday cash stay in the drawer for their own deposit: only 700.00 may be dropped.
    const held = await refused(fx, 'cash.drop', { amount: 70_001, receiver: SUPERVISOR_CREDENTIALS }, fx.sessions.clerk1, 'drop-exceeds-drawer');
    expect(held.message).toContain('700.00');
    const drop = await fx.ok('cash.drop', { amount: 50_000, receiver: SUPERVISOR_CREDENTIALS, note: '午间交款' }, fx.sessions.clerk1);
    expect(drop).toMatchObject({ clerkId: fx.users.clerk1, receivedBy: fx.users.supervisor, amount: 50_000, depositId: null });
    const list = await pending();
    expect(list).toMatchObject({ today: '2026-05-01', overdueCount: 0, overdueAmount: 0, pendingAmount: 250_000 });
    expect(list.obligations).toEqual([expect.objectContaining({ saleId: sale.id, amount: 200_000, dueDate: '2026-05-06', state: 'pending' })]);
    expect(list.drops.map((d) => d.id)).toEqual([drop.id]);
    const obligation = list.obligations[0]!.id;
    expect(await drawer()).toMatchObject({ float: 10_000, cashTaken: 260_000, drops: 50_000, deposits: 0, refunds: 0, expected: 220_000 });

    await onDate(fx, '2026-05-06');
    await refused(fx, 'deposits.record', slip('SLIP-0001', 249_999, [obligation], [drop.id], '2026-05-06'), fx.sessions.clerk1, 'deposit-amount-mismatch');
    await refused(fx, 'deposits.record', slip('SLIP-0001', 250_000, [obligation], [drop.id], '2026-05-07'), fx.sessions.clerk1, 'deposit-date-future');
    await refused(fx, 'deposits.record', slip('SLIP-0001', 250_000, [obligation, 999_999], [drop.id], '2026-05-06'), fx.sessions.clerk1, 'deposit-item-unavailable');
    const deposit = await fx.ok('deposits.record', slip('SLIP-0001', 250_000, [obligation], [drop.id], '2026-05-06'), fx.sessions.clerk1);
    expect(deposit).toMatchObject({ amount: 250_000, depositDate: '2026-05-06', obligationIds: [obligation], dropIds: [drop.id], recordedBy: fx.users.clerk1 });
    expect(await ledgerOf(fx, `DEP-${deposit.id}`)).toEqual([
      { book: 'cash', meterId: null, shiftId: sale.shiftId, amount: -200_000 },
      { book: 'safe', meterId: null, shiftId: null, amount: -50_000 },
      { book: 'bank', meterId: null, shiftId: null, amount: 250_000 },
    ]);
    expect(await pending()).toMatchObject({ obligations: [], drops: [], pendingAmount: 0 });
    expect(await drawer()).toMatchObject({ cashTaken: 260_000, drops: 50_000, deposits: 200_000, expected: 20_000 });
    expect((await fx.ok('audit.list', { entity: 'deposit', entityId: String(deposit.id) }, fx.sessions.supervisor)).map((a) => a.action)).toEqual(['deposit.record']);

    // Each item is banked once; a slip is recorded once (case and spaces aside).
    await refused(fx, 'deposits.record', slip('SLIP-0002', 200_000, [obligation], [], '2026-05-06'), fx.sessions.clerk1, 'deposit-item-unavailable');
    await refused(fx, 'deposits.record', slip('SLIP-0003', 50_000, [], [drop.id], '2026-05-06'), fx.sessions.clerk2, 'deposit-item-unavailable');
    const second = await fx.ok('cash.drop', { amount: 10_000, receiver: SUPERVISOR_CREDENTIALS }, fx.sessions.clerk2);
    await refused(fx, 'deposits.record', { ...slip(' slip-0001 ', 10_000, [], [second.id], '2026-05-06'), bank: '中国工商银行' }, fx.sessions.clerk1, 'deposit-slip-duplicate');
    await fx.ok('deposits.record', slip('SLIP-0004', 10_000, [], [second.id], '2026-05-06'), fx.sessions.clerk1);
  });

  it("an overdue obligation blocks that clerk's next holiday cash until deposited, not other clerks'", async () => {
    await onDate(fx, '2026-05-02');
    const a = await newAccount(fx, 'bank_transfer');
    const late = await holidayCash(fx, a.meterId, 30_000);
    await onDate(fx, '2026-05-06');
    expect((await pending()).obligations.find((o) => o.saleId === late.id)?.state).toBe('pending');
    await onDate(fx, '2026-05-07');
    expect(await pending()).toMatchObject({ overdueCount: 1, overdueAmount: 30_000 });
    expect((await pending()).obligations[0]).toMatchObject({ saleId: late.id, state: 'overdue', clerkId: fx.users.clerk1 });
    expect(await drawer()).toMatchObject({ overdueObligations: 1, holidayCashBlocked: true });
    expect(await drawer('clerk2')).toMatchObject({ overdueObligations: 0, holidayCashBlocked: false });

    await onDate(fx, '2026-05-16');
    const b = await newAccount(fx, 'bank_transfer');
    const c = await newAccount(fx, 'bank_transfer');
    const blocked = await approved(fx, { kind: 'holiday_cash', meterId: b.meterId, amount: 20_000 });
    const error = await refused(fx, 'sales.sell', sellInput(fx, b.meterId, 20_000, { approvalId: blocked.id }), fx.sessions.clerk1, 'deposit-overdue-blocks');
    expect(error.params).toEqual({ count: 1 });
    // Ordinary cash and other clerks are not blocked.
    const cash = await newAccount(fx, 'cash');
    await sold(fx, cash.meterId, 5_000);
    await holidayCash(fx, c.meterId, 20_000, 'clerk2');

    const rules = await fx.ok('settings.moneyRules', {}, fx.sessions.clerk1);
    await refused(fx, 'settings.setMoneyRules', { ...rules, blockHolidayCashWhenOverdue: false }, fx.sessions.supervisor, 'forbidden');
    await fx.ok('settings.setMoneyRules', { ...rules, blockHolidayCashWhenOverdue: false }, fx.sessions.admin);
    expect(await drawer()).toMatchObject({ overdueObligations: 1, holidayCashBlocked: false });
    await sold(fx, b.meterId, 20_000, { approvalId: blocked.id });
    await fx.ok('settings.setMoneyRules', rules, fx.sessions.admin);
    expect((await fx.ok('audit.list', { entity: 'settings' }, fx.sessions.admin)).filter((x) => x.action === 'settings.money-rules')).toHaveLength(2);

    const again = await approved(fx, { kind: 'holiday_cash', meterId: b.meterId, amount: 10_000 });
    await refused(fx, 'sales.sell', sellInput(fx, b.meterId, 10_000, { approvalId: again.id }), fx.sessions.clerk1, 'deposit-overdue-blocks');
    const overdue = (await pending()).obligations.find((o) => o.saleId === late.id)!;
    await fx.ok('deposits.record', slip('SLIP-0005', 30_000, [overdue.id], [], '2026-05-16'), fx.sessions.clerk1);
    expect(await drawer()).toMatchObject({ overdueObligations: 0, holidayCashBlocked: false });
    await sold(fx, b.meterId, 10_000, { approvalId: again.id });
  });
});

describe('cashier controls', () => {
  let fx: Fixture;
  const drawer = () => fx.ok('cash.drawer', {}, fx.sessions.clerk1);

  beforeAll(async () => {
    fx = await buildBackend();
    await onDate(fx, '2026-06-15');
    await openShifts(fx, 10_000, ['clerk1']);
  });
  // After each scenario every check of `db verify` passes.
  afterEach(() => expectBooksOk(fx));
  afterAll(() => fx.close());

  it('refuses a sale above the per-sale maximum, by cash or voucher', async () => {
    const { accountId, meterId } = await newAccount(fx, 'cash');
    const rules = await fx.ok('settings.moneyRules', {}, fx.sessions.clerk1);
    expect(rules).toMatchObject({ maxSale: 5_000_000, drawerLimit: 3_000_000, holidayCashPerApproval: 500_000, holidayCashPerCustomer: 500_000 });
    const error = await refused(fx, 'sales.sell', sellInput(fx, meterId, 5_000_001), fx.sessions.clerk1, 'sale-over-maximum');
    expect(error.params).toEqual({ max: '50000.00' });
    const v = await voucher(fx, 6_000_000, accountId);
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 5_000_001, { voucherId: v.id }), fx.sessions.clerk1, 'sale-over-maximum');
  });

  it('a full drawer refuses cash sales until a drop to the supervisor brings it under the limit', async () => {
    const { accountId, meterId } = await newAccount(fx, 'cash');
    await sold(fx, meterId, 2_890_000);
    await sold(fx, meterId, 100_000);
    expect(await drawer()).toMatchObject({ float: 10_000, cashTaken: 2_990_000, expected: 3_000_000, limit: 3_000_000, limitReached: true });
    const error = await refused(fx, 'sales.sell', sellInput(fx, meterId, 100), fx.sessions.clerk1, 'drawer-limit-reached');
    expect(error.params).toEqual({ expected: '30000.00', limit: '30000.00' });
    // A voucher sale takes no cash and goes through.
    const v = await voucher(fx, 10_000, accountId);
    await sold(fx, meterId, 10_000, { voucherId: v.id });

    await refused(fx, 'cash.drop', { amount: 500_000, receiver: { username: 'clerk2', password: PASSWORDS.clerk2 } }, fx.sessions.clerk1, 'approval-not-supervisor');
    await refused(fx, 'cash.drop', { amount: 500_000, receiver: { username: 'super1', password: 'not-the-password' } }, fx.sessions.clerk1, 'bad-credentials');
    const drop = await fx.ok('cash.drop', { amount: 500_000, receiver: SUPERVISOR_CREDENTIALS }, fx.sessions.clerk1);
    expect(await ledgerOf(fx, `DROP-${drop.id}`)).toEqual([
      { book: 'cash', meterId: null, shiftId: drop.shiftId, amount: -500_000 },
      { book: 'safe', meterId: null, shiftId: null, amount: 500_000 },
    ]);
    expect(await drawer()).toMatchObject({ cashTaken: 2_990_000, drops: 500_000, expected: 2_500_000, limitReached: false });
    await sold(fx, meterId, 100);

    // A supervisor selling at a counter cannot receive their own drop.
    await openShifts(fx, 10_000, ['supervisor']);
    await refused(fx, 'cash.drop', { amount: 5_000, receiver: SUPERVISOR_CREDENTIALS }, fx.sessions.supervisor, 'approval-self');
  });

  it('closing an account with a refund needs a refund approval for exactly the refund; the drawer shows it', async () => {
    const { accountId, meterId } = await newAccount(fx, 'cash');
    await sold(fx, meterId, 30_000);
    const before = await drawer();
    const close = (approvalId?: number) => ({
      accountId, residuals: [{ meterId, refund: 12_000 }], reason: '销户退款', ...(approvalId === undefined ? {} : { approvalId }),
    });
    await refused(fx, 'accounts.close', close(), fx.sessions.clerk1, 'approval-required');
    const wrongAmount = await approved(fx, { kind: 'refund', accountId, amount: 11_999 });
    await refused(fx, 'accounts.close', close(wrongAmount.id), fx.sessions.clerk1, 'approval-mismatch');
    const ok = await approved(fx, { kind: 'refund', accountId, amount: 12_000 });
    const closed = await fx.ok('accounts.close', close(ok.id), fx.sessions.clerk1);
    expect(closed).toMatchObject({ refunded: 12_000, status: 'closed' });
    expect((await fx.ok('approvals.get', { approvalId: ok.id }, fx.sessions.clerk1)).state).toBe('used');
    const after = await drawer();
    expect(after).toMatchObject({ refunds: before.refunds + 12_000, expected: before.expected - 12_000 });
    expect(after.expected).toBe(after.float + after.cashTaken - after.drops - after.deposits - after.refunds);
    const report = await fx.ok('shifts.close', { counted: { '100': Math.floor(after.expected / 10_000) } }, fx.sessions.clerk1);
    expect(report.expectedCash).toBe(after.expected);
  });
});

describe('a closed shift whose holiday cash is banked in the same instant as the close', () => {
  it('keeps the count it reconciled: db verify measures the close by ledger line, not by timestamp', async () => {
    const fx = await buildBackend({ at: '2026-10-03T02:00:00.000Z' });
    try {
      await onDate(fx, '2026-10-03');
      await openShifts(fx, 10_000, ['clerk1']);
      const { meterId } = await newAccount(fx, 'bank_transfer');
      await holidayCash(fx, meterId, 5_000);
      // The clock does not move between these calls: the close and the deposit carry the same timestamp.
      const closed = await fx.ok('shifts.close', { counted: { 10000: 1, 5000: 1 } }, fx.sessions.clerk1);
      expect(closed.shift).toMatchObject({ expected: 15_000, counted: 15_000, shortOver: 0 });
      const deposit = await depositAll(fx);
      expect(deposit.at).toBe(closed.shift.closedAt);
      expect((await fx.ok('shifts.report', { shiftId: closed.shift.id }, fx.sessions.supervisor))).toMatchObject({ depositsTotal: 5_000, expectedCash: 10_000 });
      await expectBooksOk(fx);
    } finally {
      await fx.close();
    }
  });
});
