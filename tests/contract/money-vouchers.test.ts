/** Bank-transfer vouchers (转账凭证): registration once per bank reference, drawing down, and racing submissions. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, refusal } from '../support/backend';
import type { Fixture } from '../support/backend';
import type { SaleView } from '../../shared/contract/views';
import { expectBooksOk, ledgerOf, newAccount, onDate, openShifts, refused, sellInput, sold, voucher } from './money-kit';

describe('bank-transfer vouchers', () => {
  let fx: Fixture;
  const register = (bank: string, referenceNo: string, amount = 100_000, accountId: number | null = null) => ({
    bank, payerAccount: '6222-0202-0011', referenceNo, payer: '某某有限公司', amount, valueDate: '2026-06-12', accountId,
  });
  const drawer = () => fx.ok('cash.drawer', {}, fx.sessions.clerk1);
  const usedFen = async (id: number) => (await fx.sql.one<{ used_fen: number }>('select used_fen from vouchers where id = ?', [id])).used_fen;

  beforeAll(async () => {
    fx = await buildBackend();
    await onDate(fx, '2026-06-15');
    await openShifts(fx, 20_000);
  });
  // After each scenario every check of `db verify` passes.
  afterEach(() => expectBooksOk(fx));
  afterAll(() => fx.close());

  it('registers a voucher once per bank and reference, whatever the letter case or spacing', async () => {
    const v = await fx.ok('vouchers.register', register('ICBC Beijing', 'TR-2026-0001'), fx.sessions.clerk1);
    expect(v).toMatchObject({ bank: 'ICBC Beijing', referenceNo: 'TR-2026-0001', amount: 100_000, used: 0, remaining: 100_000, state: 'registered', accountId: null, hasImage: false });
    expect(await ledgerOf(fx, `VCH-${v.id}`)).toEqual([
      { book: 'bank', meterId: null, shiftId: null, amount: 100_000 },
      { book: 'voucher_funds', meterId: null, shiftId: null, amount: -100_000 },
    ]);
    const audit = await fx.ok('audit.list', { entity: 'voucher', entityId: String(v.id) }, fx.sessions.supervisor);
    expect(audit.map((a) => a.action)).toEqual(['voucher.register']);

    for (const [bank, ref] of [['ICBC Beijing', 'TR-2026-0001'], ['icbc beijing', 'tr-2026-0001'], [' ICBCBeijing ', '  Tr-2026-0001 '], ['I C B C  beijing', 'TR-2026-0001']]) {
      await refused(fx, 'vouchers.register', register(bank!, ref!, 5_000), fx.sessions.clerk1, 'voucher-duplicate');
    }
    // Another bank may use the same reference number.
    expect((await fx.ok('vouchers.register', register('中国建设银行', 'TR-2026-0001'), fx.sessions.clerk2)).state).toBe('registered');
    await refused(fx, 'vouchers.register', { ...register('中国银行', 'TR-2026-0002'), valueDate: '2026-06-16' }, fx.sessions.clerk1, 'voucher-value-date-future');
    const found = await fx.ok('vouchers.search', { query: 'tr-2026-0001' }, fx.sessions.clerk1);
    expect(found.map((f) => f.bank).sort()).toEqual(['ICBC Beijing', '中国建设银行']);
  });

  it('the register finds a payer by any part of its name, whatever the letter case, with %, _ and \\ taken as typed', async () => {
    const payers = ['Acme Trading Co', '100%_Holdings', 'A\\B Ltd'];
    for (const [i, payer] of payers.entries()) await fx.ok('vouchers.register', { ...register('中国农业银行', `PAYER-${i}`), payer }, fx.sessions.clerk1);
    const found = async (query: string) => (await fx.ok('vouchers.search', { query }, fx.sessions.clerk1)).map((v) => v.payer).sort();
    // SQLite's LIKE ignored ASCII case where PostgreSQL's kept it: both find "Acme" by any case now.
    expect(await found('acme TRADING')).toEqual(['Acme Trading Co']);
    expect(await found('ACME')).toEqual(['Acme Trading Co']);
    // Wildcards and PostgreSQL's default escape character are the clerk's characters, not the database's.
    expect(await found('%_')).toEqual(['100%_Holdings']);
    expect(await found('_')).toEqual(['100%_Holdings']);
    expect(await found('a\\b')).toEqual(['A\\B Ltd']);
    expect(await found('a%b')).toEqual([]);
    expect((await fx.ok('vouchers.search', { query: '某某有限' }, fx.sessions.clerk1)).length).toBeGreaterThan(0);
  });

  it('a sale by voucher draws on it until it is used up; over-drawing and a used-up voucher are refused', async () => {
    const { accountId, meterId } = await newAccount(fx, 'bank_transfer');
    const v = await voucher(fx, 100_000, accountId);
    const drawerBefore = await drawer();
    const shiftBefore = await fx.ok('shifts.report', { shiftId: drawerBefore.shiftId }, fx.sessions.clerk1);

    const first = await sold(fx, meterId, 30_000, { voucherId: v.id });
    expect(first).toMatchObject({ paymentMethod: 'voucher', voucherId: v.id, payable: 30_000, tendered: 30_000, change: 0 });
    expect(await ledgerOf(fx, first.receiptNo)).toEqual([
      { book: 'voucher_funds', meterId: null, shiftId: null, amount: 30_000 },
      { book: 'revenue', meterId, shiftId: null, amount: -30_000 },
    ]);
    expect(await fx.ok('vouchers.get', { voucherId: v.id }, fx.sessions.clerk1)).toMatchObject({
      used: 30_000, remaining: 70_000, state: 'partly_used', draws: [{ saleId: first.id, receiptNo: first.receiptNo, amount: 30_000 }],
    });
    // No cash reached the drawer.
    expect(await drawer()).toEqual(drawerBefore);
    expect((await fx.ok('shifts.report', { shiftId: drawerBefore.shiftId }, fx.sessions.clerk1)).expectedCash).toBe(shiftBefore.expectedCash);

    const over = await refused(fx, 'sales.sell', sellInput(fx, meterId, 70_001, { voucherId: v.id }), fx.sessions.clerk1, 'voucher-insufficient');
    expect(over.params).toMatchObject({ remaining: '700.00', payable: '700.01' });
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 10_000, { voucherId: v.id, tendered: 20_000 }), fx.sessions.clerk1, 'voucher-tender-mismatch');
    await sold(fx, meterId, 70_000, { voucherId: v.id });
    expect(await fx.ok('vouchers.get', { voucherId: v.id }, fx.sessions.clerk1)).toMatchObject({ used: 100_000, remaining: 0, state: 'used_up' });
    await refused(fx, 'sales.sell', sellInput(fx, meterId, 100, { voucherId: v.id }), fx.sessions.clerk1, 'voucher-used-up');
    expect((await fx.ok('vouchers.search', { state: 'used_up' }, fx.sessions.clerk1)).map((x) => x.id)).toContain(v.id);
    expect(await drawer()).toEqual(drawerBefore);
  });

  it('a voucher bound to one account cannot pay for another; an unbound voucher can', async () => {
    const owner = await newAccount(fx, 'bank_transfer');
    const other = await newAccount(fx, 'bank_transfer');
    const bound = await voucher(fx, 50_000, owner.accountId);
    await refused(fx, 'sales.sell', sellInput(fx, other.meterId, 10_000, { voucherId: bound.id }), fx.sessions.clerk1, 'voucher-other-account');
    const free = await voucher(fx, 50_000, null);
    expect((await sold(fx, other.meterId, 10_000, { voucherId: free.id })).voucherId).toBe(free.id);
    await refused(fx, 'sales.sell', sellInput(fx, other.meterId, 10_000, { voucherId: 999_999 }), fx.sessions.clerk1, 'not-found');
  });

  it('two simultaneous submissions of one sale make one sale and one draw; the other answer is replayed', async () => {
    const { accountId, meterId } = await newAccount(fx, 'bank_transfer');
    const v = await voucher(fx, 100_000, accountId);
    const byVoucher = sellInput(fx, meterId, 40_000, { voucherId: v.id });
    const before = await fx.counts();
    const answers = await Promise.all([0, 1].map(() => fx.call('sales.sell', byVoucher, fx.sessions.clerk1)));
    const sales = answers.map((a) => { if (!a.ok) throw new Error(a.error.code); return a.value as SaleView; });
    expect(sales.map((s) => s.replayed).sort()).toEqual([false, true]);
    expect(sales[0]!.id).toBe(sales[1]!.id);
    expect((await fx.counts()).sales).toBe(before.sales + 1);
    expect(await usedFen(v.id)).toBe(40_000);
    expect((await fx.ok('vouchers.get', { voucherId: v.id }, fx.sessions.clerk1)).draws).toHaveLength(1);

    const cash = await newAccount(fx, 'cash');
    const byCash = sellInput(fx, cash.meterId, 25_000);
    const drawerBefore = await drawer();
    const cashAnswers = await Promise.all([0, 1].map(() => fx.call('sales.sell', byCash, fx.sessions.clerk1)));
    const cashSales = cashAnswers.map((a) => { if (!a.ok) throw new Error(a.error.code); return a.value as SaleView; });
    expect(cashSales.map((s) => s.replayed).sort()).toEqual([false, true]);
    expect(Number((await fx.sql.one<{ n: number }>('select count(*) as n from sales where idempotency_key = ?', [byCash.idempotencyKey])).n)).toBe(1);
    expect((await drawer()).cashTaken).toBe(drawerBefore.cashTaken + 25_000);
  });

  it('the register is searched by Beijing business date of registration', async () => {
    await onDate(fx, '2026-06-16', '07:30'); // 2026-06-15T23:30Z
    const early = await voucher(fx, 1_000, null);
    const ids = async (from: string, to: string) => (await fx.ok('vouchers.search', { from, to }, fx.sessions.clerk1)).map((x) => x.id);
    expect(await ids('2026-06-16', '2026-06-16')).toEqual([early.id]);
    expect(await ids('2026-06-15', '2026-06-15')).not.toContain(early.id);
    await onDate(fx, '2026-06-16', '23:59'); // 2026-06-16T15:59Z
    const late = await voucher(fx, 1_000, null);
    expect(await ids('2026-06-16', '2026-06-16')).toEqual([late.id, early.id]);
    expect(await ids('2026-06-17', '2026-06-17')).toEqual([]);
  });

  it('two simultaneous different sales that together over-draw a voucher: exactly one succeeds', async () => {
    const a = await newAccount(fx, 'bank_transfer');
    const v = await voucher(fx, 60_000, null);
    const b = await newAccount(fx, 'bank_transfer');
    const before = await fx.counts();
    const answers = await Promise.all([
      fx.call('sales.sell', sellInput(fx, a.meterId, 40_000, { voucherId: v.id }), fx.sessions.clerk1),
      fx.call('sales.sell', sellInput(fx, b.meterId, 40_000, { voucherId: v.id }), fx.sessions.clerk2),
    ]);
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    const loser = answers.find((x) => !x.ok)!;
    expect(refusal(loser).code).toBe('voucher-insufficient');
    expect((await fx.counts()).sales).toBe(before.sales + 1);
    expect(await usedFen(v.id)).toBe(40_000);
  });
});
