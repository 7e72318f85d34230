/**
 * 日结报表: a business date's sales by clerk, payment method, tariff and area, its reversals, card fees,
 * voided serials and reprints. Sales are counted gross on their own business date; a reversal counts on
 * the date it was made (sale_reversals.business_date), so net = sales − reversals + card fees is the money
 * the day's ledger took in (tests/reports/report-ledger.test.ts proves each figure against ledger_entries).
 */
import { sql } from 'kysely';
import type { Db } from '../db/repositories/db';
import { reprintsBetween, voidedSerials } from '../db/repositories/prints-repository';
import type { DayCloseView, ReportGroupRow, ReprintView, VoidedSerialView } from '../../shared/contract/report-views';
import { addDays, dayStart } from './report-time';
import { userNames } from './report-names';

type Key = 'clerk' | 'method' | 'tariff' | 'area';
const TREND_DAYS = 30;

async function groups(db: Db, date: string, by: Key): Promise<ReportGroupRow[]> {
  const base = db.selectFrom('sales as s').where('s.business_date', '=', date);
  const sums = sql<number>`count(*)`.as('n');
  const agg = [sums, sql<number>`sum(s.payable_fen)`.as('amount'), sql<number>`sum(s.charge_fen)`.as('charge'), sql<number>`sum(s.units)`.as('units')] as const;
  const rows = by === 'clerk'
    ? await base.innerJoin('users as u', 'u.id', 's.clerk_id').select(['s.clerk_id as key', 'u.display_name as label', ...agg]).groupBy(['s.clerk_id', 'u.display_name']).execute()
    : by === 'method'
      ? await base.select(['s.payment_method as key', 's.payment_method as label', ...agg]).groupBy('s.payment_method').execute()
      : by === 'tariff'
        ? await base.innerJoin('tariff_versions as v', 'v.id', 's.tariff_version_id').innerJoin('tariffs as t', 't.id', 'v.tariff_id')
          .select(['t.code as key', 't.name as label', ...agg]).groupBy(['t.code', 't.name']).execute()
        : await base.innerJoin('accounts as a', 'a.id', 's.account_id').innerJoin('premises as p', 'p.id', 'a.premises_id')
          .select(['p.area as key', 'p.area as label', ...agg]).groupBy('p.area').execute();
  return rows.map((r) => ({ key: String(r.key), label: String(r.label), count: Number(r.n), amount: Number(r.amount), charge: Number(r.charge), units: Number(r.units) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

async function totals(db: Db, date: string) {
  const s = await db.selectFrom('sales').where('business_date', '=', date)
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(payable_fen), 0)`.as('amount'), sql<number>`coalesce(sum(charge_fen), 0)`.as('charge'),
      sql<number>`coalesce(sum(units), 0)`.as('units'), sql<string | null>`min(receipt_no)`.as('first'), sql<string | null>`max(receipt_no)`.as('last')])
    .executeTakeFirstOrThrow();
  const r = await db.selectFrom('sale_reversals').where('business_date', '=', date)
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)`.as('amount')]).executeTakeFirstOrThrow();
  const c = await db.selectFrom('card_fees').where('business_date', '=', date)
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)`.as('amount')]).executeTakeFirstOrThrow();
  return {
    sales: { count: Number(s.n), amount: Number(s.amount), charge: Number(s.charge), units: Number(s.units) },
    reversals: { count: Number(r.n), amount: Number(r.amount) }, cardFees: { count: Number(c.n), amount: Number(c.amount) },
    firstReceipt: s.first ?? null, lastReceipt: s.last ?? null,
  };
}

/** Daily sales over the window ending on `date`, one row per date that had sales (index sales_business_date). */
export async function salesTrend(db: Db, from: string, to: string): Promise<DayCloseView['trend']> {
  const rows = await db.selectFrom('sales').where('business_date', '>=', from).where('business_date', '<=', to)
    .select(['business_date', sql<number>`sum(payable_fen)`.as('amount'), sql<number>`count(*)`.as('n')]).groupBy('business_date').orderBy('business_date').execute();
  return rows.map((r) => ({ date: r.business_date, amount: Number(r.amount), count: Number(r.n) }));
}

export async function dayClose(db: Db, date: string): Promise<DayCloseView> {
  const t = await totals(db, date);
  const [byClerk, byMethod, byTariff, byArea] = [await groups(db, date, 'clerk'), await groups(db, date, 'method'), await groups(db, date, 'tariff'), await groups(db, date, 'area')];
  const voidedRows = await voidedSerials(db, date);
  const reprintRows = await reprintsBetween(db, dayStart(date), dayStart(addDays(date, 1)));
  const names = await userNames(db, [...voidedRows.map((v) => v.clerkId), ...reprintRows.map((r) => r.requestedBy)]);
  const voided: VoidedSerialView[] = voidedRows.map((v) => ({
    receiptNo: v.receiptNo, reversalReceiptNo: v.reversalReceiptNo, amount: v.amountFen, reason: v.reason, clerkName: names.get(v.clerkId) ?? String(v.clerkId),
    at: v.reversedAt, saleBusinessDate: v.saleBusinessDate,
  }));
  const reprints: ReprintView[] = reprintRows.map((r) => ({ receiptNo: r.receiptNo, kind: r.kind, reprintNo: r.reprintNo, requestedBy: r.requestedBy === null ? null : names.get(r.requestedBy) ?? null, at: r.at }));
  return {
    date, ...t, net: t.sales.amount - t.reversals.amount + t.cardFees.amount, byClerk, byMethod, byTariff, byArea, voided, reprints,
    trend: await salesTrend(db, addDays(date, -(TREND_DAYS - 1)), date),
  };
}
