/**
 * The holiday cash rule on real 2026 dates (State Council arrangement seeded from chinese-days):
 * Spring Festival off 2026-02-15..02-23 with make-up working days Sat 02-14 and Sat 02-28; Qingming off
 * 04-04..04-06; Mid-autumn off 09-25..09-27 with make-up Sun 09-20; National Day off 10-01..10-07 with
 * make-up Sat 10-10.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import {
  approved, depositAll, expectBooksOk, holidayCash, newAccount, onDate, openShifts, refused, sellInput, sold, voucher,
} from './money-kit';

const LIMIT = 500_000;

describe('the holiday cash rule', () => {
  let fx: Fixture;
  const quoteRule = async (meterId: number, amount = 10_000) =>
    (await fx.ok('sales.quote', { meterId, request: { mode: 'money', amount } }, fx.sessions.clerk1)).cashRule;
  const obligationOf = async (saleId: number) => (await fx.ok('deposits.pending', {}, fx.sessions.supervisor)).obligations.find((o) => o.saleId === saleId);

  beforeAll(async () => {
    fx = await buildBackend({ at: '2026-02-10T02:00:00.000Z' });
    await openShifts(fx);
  });
  // After each scenario every check of `db verify` passes.
  afterEach(() => expectBooksOk(fx));
  afterAll(() => fx.close());

  it('on a bank working day a bank-transfer-only account cannot pay cash, not even with an approval', async () => {
    await onDate(fx, '2026-02-10');
    const { accountId, meterId } = await newAccount(fx, 'cash');
    expect((await quoteRule(meterId)).cash).toBe('allowed');
    await refused(fx, 'accounts.setSettlement', { accountId, settlement: 'bank_transfer', reason: '企业客户转账结算' }, fx.sessions.clerk1, 'forbidden');
    const set = await fx.ok('accounts.setSettlement', { accountId, settlement: 'bank_transfer', reason: '企业客户转账结算' }, fx.sessions.supervisor);
    expect(set.settlement).toBe('bank_transfer');
    const audit = await fx.ok('audit.list', { entity: 'account', entityId: String(accountId) }, fx.sessions.supervisor);
    expect(audit.find((a) => a.action === 'account.set-settlement')).toMatchObject({ userId: fx.users.supervisor, after: { settlement: 'bank_transfer', reason: '企业客户转账结算' } });
    expect(await quoteRule(meterId)).toMatchObject({
      date: '2026-02-10', bankWorkingDay: true, nextBankWorkingDay: '2026-02-11', holidayName: null, settlement: 'bank_transfer', cash: 'refused',
      holidayStart: null, holidayEnd: null, perApprovalMax: LIMIT, perCustomerCap: LIMIT, usedThisHoliday: 0, remainingThisHoliday: LIMIT,
    });
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000), fx.sessions.clerk1, 'bank-transfer-only');
    const approval = await approved(fx, { kind: 'holiday_cash', meterId, amount: 10_000 });
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000, { approvalId: approval.id }), fx.sessions.clerk1, 'bank-transfer-only');
    // A cash account next door pays as always.
    const cash = await newAccount(fx, 'cash');
    expect((await sold(fx, cash.meterId, 10_000)).paymentMethod).toBe('cash');
  });

  it('Friday 13 February is followed by the make-up Saturday; on Saturday 14 February cash is refused like any working day', async () => {
    await onDate(fx, '2026-02-13');
    const { meterId } = await newAccount(fx, 'bank_transfer');
    expect(await quoteRule(meterId)).toMatchObject({ bankWorkingDay: true, nextBankWorkingDay: '2026-02-14', cash: 'refused' });
    await onDate(fx, '2026-02-14');
    expect(await quoteRule(meterId)).toMatchObject({
      date: '2026-02-14', bankWorkingDay: true, holidayName: '春节', nextBankWorkingDay: '2026-02-24', cash: 'refused', holidayStart: null,
    });
    const approval = await approved(fx, { kind: 'holiday_cash', meterId, amount: 10_000 });
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000, { approvalId: approval.id }), fx.sessions.clerk1, 'bank-transfer-only');
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000), fx.sessions.clerk1, 'bank-transfer-only');
  });

  it('the rule turns at midnight Beijing time: 23:59:59 on the make-up Saturday refuses, 00:00 on 15 February needs approval', async () => {
    await onDate(fx, '2026-02-14', '23:59');
    const { meterId } = await newAccount(fx, 'bank_transfer');
    fx.clock.set('2026-02-14T15:59:59.000Z');
    expect(await quoteRule(meterId)).toMatchObject({ date: '2026-02-14', cash: 'refused' });
    const approval = await approved(fx, { kind: 'holiday_cash', meterId, amount: 10_000 });
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000, { approvalId: approval.id }), fx.sessions.clerk1, 'bank-transfer-only');
    fx.clock.set('2026-02-14T16:00:00.000Z');
    expect(await quoteRule(meterId)).toMatchObject({ date: '2026-02-15', cash: 'needs-approval', holidayStart: '2026-02-15' });
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000), fx.sessions.clerk1, 'holiday-cash-needs-approval');
  });

  it('Spring Festival: 5,000.00 yuan with an approval is allowed, 5,000.01 and no approval are refused', async () => {
    await onDate(fx, '2026-02-15');
    const { meterId } = await newAccount(fx, 'bank_transfer');
    expect(await quoteRule(meterId)).toMatchObject({
      date: '2026-02-15', bankWorkingDay: false, holidayName: '春节', nextBankWorkingDay: '2026-02-24', cash: 'needs-approval',
      holidayStart: '2026-02-15', holidayEnd: '2026-02-23', usedThisHoliday: 0, remainingThisHoliday: LIMIT,
    });
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000), fx.sessions.clerk1, 'holiday-cash-needs-approval');
    const over = await approved(fx, { kind: 'holiday_cash', meterId, amount: LIMIT + 1 });
    const error = await refused(fx, 'sales.sell', sellInput(fx, meterId, LIMIT + 1, { approvalId: over.id }), fx.sessions.clerk1, 'holiday-cash-over-limit');
    expect(error.params).toEqual({ max: '5000.00' });
    expect((await fx.ok('approvals.get', { approvalId: over.id }, fx.sessions.clerk1)).state).toBe('approved');

    const sale = await holidayCash(fx, meterId, LIMIT);
    expect(sale).toMatchObject({ paymentMethod: 'cash', payable: LIMIT, voucherId: null, businessDate: '2026-02-15' });
    expect(sale.approvalId).not.toBeNull();
    expect((await fx.ok('approvals.get', { approvalId: sale.approvalId! }, fx.sessions.clerk1)).state).toBe('used');
    expect(await obligationOf(sale.id)).toMatchObject({
      amount: LIMIT, businessDate: '2026-02-15', dueDate: '2026-02-24', state: 'pending', clerkId: fx.users.clerk1, receiptNo: sale.receiptNo,
    });
    expect(await quoteRule(meterId)).toMatchObject({ usedThisHoliday: LIMIT, remainingThisHoliday: 0 });
  });

  it('on a holiday a cash-settlement account needs nothing, and a voucher payment needs nothing', async () => {
    await onDate(fx, '2026-02-16');
    const cash = await newAccount(fx, 'cash');
    expect((await quoteRule(cash.meterId)).cash).toBe('allowed');
    const before = await fx.ok('deposits.pending', {}, fx.sessions.supervisor);
    const big = await sold(fx, cash.meterId, 600_000);
    expect(big).toMatchObject({ paymentMethod: 'cash', approvalId: null });

    const bt = await newAccount(fx, 'bank_transfer');
    const v = await voucher(fx, 1_000_000, bt.accountId);
    const byVoucher = await sold(fx, bt.meterId, 800_000, { voucherId: v.id });
    expect(byVoucher).toMatchObject({ paymentMethod: 'voucher', voucherId: v.id, approvalId: null });
    expect(await fx.ok('deposits.pending', {}, fx.sessions.supervisor)).toEqual(before);
    expect(await quoteRule(bt.meterId)).toMatchObject({ cash: 'needs-approval', usedThisHoliday: 0 });
  });
  it('a split payment in one holiday period meets the per-customer cap even with its own approval; the next period starts afresh', async () => {
    await onDate(fx, '2026-02-17');
    const { meterId } = await newAccount(fx, 'bank_transfer');
    const first = await holidayCash(fx, meterId, 300_000);
    expect((await obligationOf(first.id))?.dueDate).toBe('2026-02-24');

    await onDate(fx, '2026-02-20');
    expect(await quoteRule(meterId)).toMatchObject({ holidayStart: '2026-02-15', usedThisHoliday: 300_000, remainingThisHoliday: 200_000 });
    const second = await approved(fx, { kind: 'holiday_cash', meterId, amount: 250_000 }, 'clerk2');
    const error = await refused(fx, 'sales.sell', sellInput(fx, meterId, 250_000, { approvalId: second.id }), fx.sessions.clerk2, 'holiday-cash-over-customer-cap');
    expect(error.params).toEqual({ cap: '5000.00', remaining: '2000.00' });
    const rest = await holidayCash(fx, meterId, 200_000, 'clerk2');
    expect((await obligationOf(rest.id))?.clerkId).toBe(fx.users.clerk2);

    // Two counters at once for another customer, 3,000 + 2,500 with an approval each: exactly one gets through.
    const other = await newAccount(fx, 'bank_transfer');
    const [x, y] = [await approved(fx, { kind: 'holiday_cash', meterId: other.meterId, amount: 300_000 }, 'clerk1'),
      await approved(fx, { kind: 'holiday_cash', meterId: other.meterId, amount: 250_000 }, 'clerk2')];
    const before = (await fx.counts()).sales;
    const answers = await Promise.all([
      fx.call('sales.sell', sellInput(fx, other.meterId, 300_000, { approvalId: x.id }), fx.sessions.clerk1),
      fx.call('sales.sell', sellInput(fx, other.meterId, 250_000, { approvalId: y.id }), fx.sessions.clerk2),
    ]);
    expect(answers.filter((r) => r.ok)).toHaveLength(1);
    expect(answers.map((r) => (r.ok ? 'ok' : r.error.code))).toContain('holiday-cash-over-customer-cap');
    expect((await fx.counts()).sales).toBe(before + 1);

    // Banked on the first working day after the festival, so nobody is overdue when Qingming comes.
    await onDate(fx, '2026-02-24');
    await depositAll(fx);
    await onDate(fx, '2026-04-04');
    expect(await quoteRule(meterId)).toMatchObject({
      bankWorkingDay: false, holidayName: '清明', holidayStart: '2026-04-04', holidayEnd: '2026-04-06', nextBankWorkingDay: '2026-04-07',
      usedThisHoliday: 0, remainingThisHoliday: LIMIT, cash: 'needs-approval',
    });
    const again = await holidayCash(fx, meterId, 250_000);
    expect((await obligationOf(again.id))).toMatchObject({ dueDate: '2026-04-07', state: 'pending' });
    await depositAll(fx);
  });

  it('deposit due dates across weekends and the make-up Sunday 20 September', async () => {
    const cases: [date: string, due: string, start: string, end: string][] = [
      ['2026-04-11', '2026-04-13', '2026-04-11', '2026-04-12'], // Saturday → Monday
      ['2026-04-19', '2026-04-20', '2026-04-18', '2026-04-19'], // Sunday → Monday
      ['2026-09-19', '2026-09-20', '2026-09-19', '2026-09-19'], // Saturday → the make-up Sunday
      ['2026-09-25', '2026-09-28', '2026-09-25', '2026-09-27'], // Mid-autumn Friday → Monday
    ];
    for (const [date, due, start, end] of cases) {
      await onDate(fx, date);
      const { meterId } = await newAccount(fx, 'bank_transfer');
      expect(await quoteRule(meterId)).toMatchObject({ date, bankWorkingDay: false, nextBankWorkingDay: due, holidayStart: start, holidayEnd: end });
      const sale = await holidayCash(fx, meterId, 50_000);
      expect(await obligationOf(sale.id)).toMatchObject({ businessDate: date, dueDate: due, state: 'pending' });
      await onDate(fx, due);
      await depositAll(fx);
    }
  });

  it('National Day: 5,000.00 allowed and 5,000.01 refused, due 8 October; the make-up Saturday 10 October refuses cash', async () => {
    await onDate(fx, '2026-10-01');
    const a = await newAccount(fx, 'bank_transfer');
    const b = await newAccount(fx, 'bank_transfer');
    expect(await quoteRule(a.meterId)).toMatchObject({ holidayName: '国庆节', holidayStart: '2026-10-01', holidayEnd: '2026-10-07', nextBankWorkingDay: '2026-10-08' });
    const over = await approved(fx, { kind: 'holiday_cash', meterId: b.meterId, amount: LIMIT + 1 });
    await refused(fx, 'sales.sell', sellInput(fx, b.meterId, LIMIT + 1, { approvalId: over.id }), fx.sessions.clerk1, 'holiday-cash-over-limit');
    const sale = await holidayCash(fx, a.meterId, LIMIT);
    expect(await obligationOf(sale.id)).toMatchObject({ dueDate: '2026-10-08', state: 'pending' });
    await onDate(fx, '2026-10-07', '21:00');
    const late = await holidayCash(fx, b.meterId, 100_000);
    expect((await obligationOf(late.id))?.dueDate).toBe('2026-10-08');

    await onDate(fx, '2026-10-08');
    await depositAll(fx);
    await onDate(fx, '2026-10-09');
    expect((await quoteRule(a.meterId)).nextBankWorkingDay).toBe('2026-10-10');
    await onDate(fx, '2026-10-10');
    expect(await quoteRule(a.meterId)).toMatchObject({ bankWorkingDay: true, cash: 'refused', nextBankWorkingDay: '2026-10-12' });
    const approval = await approved(fx, { kind: 'holiday_cash', meterId: a.meterId, amount: 10_000 });
    await refused(fx, 'sales.sell', sellInput(fx, a.meterId, 10_000, { approvalId: approval.id }), fx.sessions.clerk1, 'bank-transfer-only');
  });

});
