/**
 * Every report total equals the ledger (issue 7 "every report's totals against the ledger"): a small hall
 * with two clerks, four utilities/credit kinds, a reversal and a reprint; each figure is checked against
 * sums taken straight from ledger_entries, and the reports write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import type { SqlRunner } from '../support/sql';
import { approvedBySupervisor } from '../support/approve';
import type { SaleView } from '../../shared/contract/views';

const DATE = '2026-06-15';
let fx: Fixture;
let reversed: SaleView;

async function ledger(sql: SqlRunner, where: string, ...params: unknown[]): Promise<number> {
  return Number((await sql.one<{ s: number }>(`select coalesce(sum(amount_fen), 0) as s from ledger_entries where ${where}`, params)).s);
}
const PAY = `book in ('cash', 'voucher_funds')`;
const SALES_OF = `sale_id in (select id from sales where business_date = ?)`;
const REVERSALS_OF = `txn_ref in (select receipt_no from sale_reversals where business_date = ?)`;

async function sell(meterId: number, amount: number, session: string): Promise<SaleView> {
  return fx.ok('sales.sell', { meterId, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: fx.key() }, session);
}

beforeAll(async () => {
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk2);
  await sell(fx.meters.energy, 5_000, fx.sessions.clerk1);
  await sell(fx.meters.water, 3_300, fx.sessions.clerk1);
  await sell(fx.meters.money, 2_000, fx.sessions.clerk2);
  reversed = await sell(fx.meters.hall, 10_000, fx.sessions.clerk2);
  const approvalId = await approvedBySupervisor(fx, { kind: 'reversal', saleId: reversed.id }, fx.sessions.clerk2);
  await fx.ok('sales.reverse', { saleId: reversed.id, approvalId, reason: '输错金额', idempotencyKey: fx.key() }, fx.sessions.clerk2);
  await sell(fx.meters.hall, 1_234, fx.sessions.clerk2);
}, 60_000);
afterAll(async () => { await fx?.close(); });

describe('report totals equal the ledger', () => {
  it('day close: sales, charge, reversals, net and every grouping', async () => {
    const before = await fx.counts();
    const day = await fx.ok('reports.dayClose', { date: DATE }, fx.sessions.supervisor);
    const paid = await ledger(fx.sql, `${PAY} and ${SALES_OF}`, DATE);
    expect(day.sales).toMatchObject({ count: 5, amount: paid });
    expect(paid).toBe(5_000 + 3_300 + 2_000 + 10_000 + 1_234);
    expect(day.sales.charge).toBe(-(await ledger(fx.sql, `book = 'revenue' and ${SALES_OF}`, DATE)));
    expect(day.reversals).toEqual({ count: 1, amount: -(await ledger(fx.sql, `${PAY} and ${REVERSALS_OF}`, DATE)) });
    expect(day.reversals.amount).toBe(10_000);
    expect(day.net).toBe(await ledger(fx.sql, `${PAY} and (${SALES_OF} or ${REVERSALS_OF})`, DATE, DATE));
    for (const groups of [day.byClerk, day.byMethod, day.byTariff, day.byArea]) {
      expect(groups.reduce((s, g) => s + g.amount, 0)).toBe(day.sales.amount);
      expect(groups.reduce((s, g) => s + g.charge, 0)).toBe(day.sales.charge);
      expect(groups.reduce((s, g) => s + g.count, 0)).toBe(day.sales.count);
    }
    for (const clerk of ['clerk1', 'clerk2'] as const) {
      const row = day.byClerk.find((g) => g.key === String(fx.users[clerk]));
      expect(row?.amount).toBe(await ledger(fx.sql, `${PAY} and sale_id in (select id from sales where business_date = ? and clerk_id = ?)`, DATE, fx.users[clerk]));
    }
    expect(day.voided).toEqual([expect.objectContaining({ receiptNo: reversed.receiptNo, amount: 10_000, clerkName: 'CLERK2' })]);
    expect(day.trend.at(-1)).toEqual({ date: DATE, amount: day.sales.amount, count: 5 });
    expect(await fx.counts()).toEqual(before);
  });

  it('monthly by area / building / category, tiers and reversals', async () => {
    const month = DATE.slice(0, 7);
    const paid = await ledger(fx.sql, `${PAY} and sale_id in (select id from sales where business_date like ?)`, `${month}%`);
    const reversedLedger = -(await ledger(fx.sql, `${PAY} and txn_ref in (select receipt_no from sale_reversals where business_date like ?)`, `${month}%`));
    for (const by of ['area', 'building', 'category'] as const) {
      const m = await fx.ok('reports.monthly', { month, by }, fx.sessions.admin);
      expect(m.totals).toMatchObject({ amount: paid, reversedAmount: reversedLedger, net: paid - reversedLedger, saleCount: 5, reversedCount: 1 });
      expect(m.rows.reduce((s, r) => s + r.charge, 0)).toBe(-(await ledger(fx.sql, `book = 'revenue' and sale_id in (select id from sales where business_date like ?)`, `${month}%`)));
      expect(m.consumptionTrend).toHaveLength(12);
    }
    const standing = `sale_id in (select id from sales where business_date like ? and id not in (select sale_id from sale_reversals))`;
    for (const period of ['2026', month]) {
      const tiers = await fx.ok('reports.tiers', { period }, fx.sessions.supervisor);
      expect(tiers.totals.charge).toBe(-(await ledger(fx.sql, `book = 'revenue' and ${standing}`, `${period}%`)));
    }
    const rev = await fx.ok('reports.reversals', { from: DATE, to: DATE }, fx.sessions.supervisor);
    expect(rev.reversedTotal).toBe(reversedLedger);
  });

  it('the payment record lists the standing payments with their ledger total', async () => {
    const file = await fx.ok('reports.monthlyPaymentRecord', { month: '2026-06', format: 'csv' }, fx.sessions.supervisor);
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFF序号,客户编号,客户名称,户号,地址,表号,类别,本月用量,购买量,缴费金额(元),收据号,缴费日期,支付方式\r\n')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(text).not.toContain(reversed.receiptNo);
    const standing = await ledger(fx.sql, `${PAY} and sale_id in (select id from sales where business_date like '2026-06%' and id not in (select sale_id from sale_reversals))`);
    expect(lines.at(-1)!.split(',')[9]).toBe((standing / 100).toFixed(2));
    expect(file).toMatchObject({ fileName: 'payment-record-2026-06.csv', rows: 4 });
  });
});
