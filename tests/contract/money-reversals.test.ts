/** Reversals (冲正): supervisor-approved compensating entries under their own serial; the sale itself never changes. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import type { SaleView } from '../../shared/contract/views';
import { obligationsByIds } from '../../electron/db/repositories/deposits-repository';
import { obligationView } from '../../electron/services/deposits-service';
import {
  approved, expectBooksOk, holidayCash, ledgerOf, meterRow, newAccount, onDate, openShifts, refused, sold, voucher,
} from './money-kit';

describe('reversals', () => {
  let fx: Fixture;
  const drawer = () => fx.ok('cash.drawer', {}, fx.sessions.clerk1);
  const unitsToDate = async (accountId: number) => (await fx.sql.all<{ units: number }>(
    "select units from units_to_date where account_id = ? and utility = 'electricity' and period_key = 'Y2026'", [accountId]))[0]?.units;
  const reversalApproval = async (sale: SaleView) => (await approved(fx, { kind: 'reversal', saleId: sale.id })).id;
  const reverseInput = (sale: SaleView, approvalId: number, key = fx.key()) => ({ saleId: sale.id, approvalId, reason: '金额录入错误', idempotencyKey: key });

  beforeAll(async () => {
    fx = await buildBackend();
    await onDate(fx, '2026-06-15');
    await openShifts(fx, 10_000, ['clerk1', 'clerk2']);
  });
  // After each scenario every check of `db verify` passes.
  afterEach(() => expectBooksOk(fx));
  afterAll(() => fx.close());

  it('reverses a cash sale with compensating lines under the next serial, restoring meter, units-to-date and the drawer', async () => {
    const { accountId, meterId } = await newAccount(fx, 'cash', 'energy');
    const sale = await sold(fx, meterId, 10_000);
    expect(sale).toMatchObject({ receiptNo: 'A01-2026-000001', units: 20_400, creditAfter: 39 });
    expect(await unitsToDate(accountId)).toBe(20_400);
    const before = await drawer();
    const saleLines = await ledgerOf(fx, sale.receiptNo);

    const approvalId = await reversalApproval(sale);
    const key = fx.key();
    const reversal = await fx.ok('sales.reverse', reverseInput(sale, approvalId, key), fx.sessions.clerk1);
    expect(reversal).toMatchObject({
      receiptNo: 'A01-2026-000002', saleId: sale.id, saleReceiptNo: sale.receiptNo, amount: 10_000, paymentMethod: 'cash', reason: '金额录入错误',
      approvalId, approvedBy: fx.users.supervisor, clerkId: fx.users.clerk1, shiftId: before.shiftId, replayed: false,
    });
    expect(await ledgerOf(fx, reversal.receiptNo)).toEqual(saleLines.map((l) => ({ ...l, amount: -l.amount })));
    expect(await ledgerOf(fx, sale.receiptNo)).toEqual(saleLines);
    expect(await fx.ok('sales.get', { saleId: sale.id }, fx.sessions.clerk1)).toEqual({
      ...sale, reversal: { id: reversal.id, receiptNo: reversal.receiptNo, at: reversal.at },
    });
    expect(await meterRow(fx, meterId)).toEqual({ credit_fen: 0, remaining: 0, overdraft: 0 });
    expect(await unitsToDate(accountId)).toBe(0);
    expect(await drawer()).toMatchObject({ cashTaken: before.cashTaken, refunds: before.refunds + 10_000, expected: before.expected - 10_000 });
    expect((await fx.ok('approvals.get', { approvalId }, fx.sessions.clerk1)).state).toBe('used');
    const audit = await fx.ok('audit.list', { entity: 'sale', entityId: String(sale.id) }, fx.sessions.supervisor);
    expect(audit.map((a) => a.action).sort()).toEqual(['sale.create', 'sale.reverse']);

    // A retry with the same key answers the reversal again and writes nothing.
    const counts = await fx.counts();
    expect(await fx.ok('sales.reverse', reverseInput(sale, approvalId, key), fx.sessions.clerk1)).toEqual({ ...reversal, replayed: true });
    expect(await fx.counts()).toEqual(counts);
    // The serial goes on without a gap; the meter sells again from where it was.
    expect((await sold(fx, meterId, 10_000)).receiptNo).toBe('A01-2026-000003');
    expect(await unitsToDate(accountId)).toBe(20_400);
  });

  it('reversing a voucher sale gives the voucher back', async () => {
    const { accountId, meterId } = await newAccount(fx, 'bank_transfer');
    const v = await voucher(fx, 50_000, accountId);
    const sale = await sold(fx, meterId, 50_000, { voucherId: v.id });
    expect((await fx.ok('vouchers.get', { voucherId: v.id }, fx.sessions.clerk1)).state).toBe('used_up');
    const before = await drawer();
    const reversal = await fx.ok('sales.reverse', reverseInput(sale, await reversalApproval(sale)), fx.sessions.clerk1);
    expect(reversal.paymentMethod).toBe('voucher');
    expect(await fx.ok('vouchers.get', { voucherId: v.id }, fx.sessions.clerk1)).toMatchObject({
      used: 0, remaining: 50_000, state: 'registered',
      draws: [{ saleId: sale.id, amount: 50_000 }, { saleId: sale.id, amount: -50_000 }],
    });
    expect((await ledgerOf(fx, reversal.receiptNo)).map((l) => [l.book, l.amount])).toEqual([['voucher_funds', -50_000], ['revenue', 50_000]]);
    expect(await drawer()).toEqual(before);
    // The voucher pays again.
    await sold(fx, meterId, 50_000, { voucherId: v.id });
  });

  it('refuses a second reversal, a reversal of a sale not the latest, a consumed purchase, and another sale\'s approval', async () => {
    const { meterId } = await newAccount(fx, 'cash');
    const first = await sold(fx, meterId, 10_000);
    const second = await sold(fx, meterId, 20_000);
    const forFirst = await reversalApproval(first);
    const notLatest = await refused(fx, 'sales.reverse', reverseInput(first, forFirst), fx.sessions.clerk1, 'reversal-not-latest');
    expect(notLatest.params).toEqual({ receiptNo: second.receiptNo });
    await refused(fx, 'sales.reverse', reverseInput(second, forFirst), fx.sessions.clerk1, 'approval-mismatch');

    // The meter has used part of the second purchase: 300.00 credited, 100.00 left.
    await fx.sql.run('update meters set remaining = 10000 where id = ?', [meterId]);
    const forSecond = await reversalApproval(second);
    await refused(fx, 'sales.reverse', reverseInput(second, forSecond), fx.sessions.clerk1, 'reversal-consumed');
    await fx.sql.run('update meters set remaining = 30000 where id = ?', [meterId]);

    await fx.ok('sales.reverse', reverseInput(second, forSecond), fx.sessions.clerk1);
    await refused(fx, 'sales.reverse', reverseInput(second, await reversalApproval(second)), fx.sessions.clerk1, 'sale-already-reversed');
    // With the second reversed, the first is the latest standing sale and can be reversed.
    await fx.ok('sales.reverse', reverseInput(first, forFirst), fx.sessions.clerk1);
    expect(await meterRow(fx, meterId)).toEqual({ credit_fen: 0, remaining: 0, overdraft: 0 });
    const unapproved = await fx.ok('approvals.request', { subject: { kind: 'reversal', saleId: first.id }, reason: '重复' }, fx.sessions.clerk1);
    await refused(fx, 'sales.reverse', reverseInput(first, unapproved.id), fx.sessions.clerk1, 'sale-already-reversed');
  });

  it('a holiday cash sale reversed before deposit: its obligation leaves pending and the customer cap is freed', async () => {
    await onDate(fx, '2026-06-19'); // 端午 (Dragon Boat Festival), off 06-19..06-21
    const { meterId } = await newAccount(fx, 'bank_transfer');
    const sale = await holidayCash(fx, meterId, 400_000);
    const pending = await fx.ok('deposits.pending', {}, fx.sessions.supervisor);
    const obligation = pending.obligations.find((o) => o.saleId === sale.id)!;
    expect(obligation).toMatchObject({ state: 'pending', dueDate: '2026-06-22' });
    const rule = async () => (await fx.ok('sales.quote', { meterId, request: { mode: 'money', amount: 100 } }, fx.sessions.clerk1)).cashRule;
    expect(await rule()).toMatchObject({ usedThisHoliday: 400_000, remainingThisHoliday: 100_000 });

    const before = await drawer();
    await fx.ok('sales.reverse', reverseInput(sale, await reversalApproval(sale)), fx.sessions.clerk1);
    expect((await fx.ok('deposits.pending', {}, fx.sessions.supervisor)).obligations.map((o) => o.id)).not.toContain(obligation.id);
    // The pending list is the only view of obligations; the row itself stays, now in the state 'reversed'.
    const [row] = await obligationsByIds(fx.backend.database.db, [obligation.id]);
    expect(obligationView(row!, '2026-06-19')).toMatchObject({ id: obligation.id, state: 'reversed', depositId: null });
    expect(await drawer()).toMatchObject({ refunds: before.refunds + 400_000, expected: before.expected - 400_000 });
    expect(await rule()).toMatchObject({ usedThisHoliday: 0, remainingThisHoliday: 500_000 });
    await refused(fx, 'deposits.record', {
      bank: '中国工商银行', slipRef: 'SLIP-R001', amount: 400_000, depositDate: '2026-06-19', obligationIds: [obligation.id], dropIds: [],
    }, fx.sessions.clerk1, 'deposit-item-unavailable');

    // The whole cap is available again, and the reversed obligation never turns overdue.
    const full = await holidayCash(fx, meterId, 500_000);
    await onDate(fx, '2026-06-23');
    const later = await fx.ok('deposits.pending', {}, fx.sessions.supervisor);
    expect(later.obligations.map((o) => o.state)).toEqual(['overdue']);
    expect(later.overdueAmount).toBe(500_000);

    // Banked, then reversed: the deposit stands, the refund leaves the drawer like any other.
    await fx.ok('deposits.record', {
      bank: '中国工商银行', slipRef: 'SLIP-R002', amount: 500_000, depositDate: '2026-06-23', obligationIds: [later.obligations[0]!.id], dropIds: [],
    }, fx.sessions.clerk1);
    const beforeLate = await drawer();
    await fx.ok('sales.reverse', reverseInput(full, await reversalApproval(full)), fx.sessions.clerk1);
    expect(await drawer()).toMatchObject({ deposits: beforeLate.deposits, refunds: beforeLate.refunds + 500_000 });
    const [banked] = await obligationsByIds(fx.backend.database.db, [later.obligations[0]!.id]);
    expect(obligationView(banked!, '2026-06-23').state).toBe('deposited');
  });
});
