/**
 * 月度售电/用量报表: a month's sales, reversals, metered consumption and hall-kept charges, grouped by
 * area, building (area + building) or customer category. Sales count on their business date, reversals on
 * theirs (as the day close does), consumption per meter is the month's last good reading minus its first
 * (an interval straddling two months counts in neither — the readings are not interpolated), and
 * balance_charges count by the instant they were charged.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Db } from '../db/repositories/db';
import type { MonthlyGroupBy, MonthlyRow, MonthlyView } from '../../shared/contract/report-views';
import { dayStart, monthDates, monthsEnding } from './report-time';

const KEY: Record<MonthlyGroupBy, RawBuilder<string>> = {
  area: sql<string>`p.area`,
  building: sql<string>`p.area || ' ' || p.building || '栋'`,
  category: sql<string>`a.category`,
};

type Partial = Omit<MonthlyRow, 'key' | 'net'>;
const ZERO: Partial = { saleCount: 0, amount: 0, charge: 0, unitsSold: 0, reversedCount: 0, reversedAmount: 0, consumption: 0, chargedUnits: 0, chargedAmount: 0 };

function merge(into: Map<string, Partial>, key: string, add: Readonly<Record<string, unknown>>): void {
  const row: Record<string, number> = { ...(into.get(key) ?? ZERO) };
  for (const [name, value] of Object.entries(add)) if (name !== 'key') row[name] = (row[name] ?? 0) + Number(value ?? 0);
  into.set(key, row as unknown as Partial);
}

async function salesPart(db: Db, month: string, by: MonthlyGroupBy, out: Map<string, Partial>): Promise<void> {
  const { first, next } = monthDates(month);
  const rows = await db.selectFrom('sales as s').innerJoin('accounts as a', 'a.id', 's.account_id').innerJoin('premises as p', 'p.id', 'a.premises_id')
    .where('s.business_date', '>=', first).where('s.business_date', '<', next)
    .select([KEY[by].as('key'), sql<number>`count(*)`.as('saleCount'), sql<number>`sum(s.payable_fen)`.as('amount'), sql<number>`sum(s.charge_fen)`.as('charge'), sql<number>`sum(s.units)`.as('unitsSold')])
    .groupBy(KEY[by]).execute();
  for (const r of rows) merge(out, r.key, r);
  const rev = await db.selectFrom('sale_reversals as r').innerJoin('sales as s', 's.id', 'r.sale_id').innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('premises as p', 'p.id', 'a.premises_id')
    .where('r.business_date', '>=', first).where('r.business_date', '<', next)
    .select([KEY[by].as('key'), sql<number>`count(*)`.as('reversedCount'), sql<number>`sum(r.amount_fen)`.as('reversedAmount')]).groupBy(KEY[by]).execute();
  for (const r of rev) merge(out, r.key, r);
}

async function meteredPart(db: Db, month: string, by: MonthlyGroupBy, out: Map<string, Partial>): Promise<void> {
  const { first, next } = monthDates(month);
  const [start, end] = [dayStart(first), dayStart(next)];
  const deltas = db.selectFrom('meter_readings').where('quality', '=', 'good').where('total', 'is not', null).where('read_at', '>=', start).where('read_at', '<', end)
    .select(['meter_id', sql<number>`max(total) - min(total)`.as('d')]).groupBy('meter_id');
  const rows = await db.selectFrom(deltas.as('x')).innerJoin('meters as m', 'm.id', 'x.meter_id').innerJoin('accounts as a', 'a.id', 'm.account_id')
    .innerJoin('premises as p', 'p.id', 'a.premises_id').select([KEY[by].as('key'), sql<number>`sum(x.d)`.as('consumption')]).groupBy(KEY[by]).execute();
  for (const r of rows) merge(out, r.key, r);
  const charges = await db.selectFrom('balance_charges as c').innerJoin('accounts as a', 'a.id', 'c.account_id').innerJoin('premises as p', 'p.id', 'a.premises_id')
    .where('c.at', '>=', start).where('c.at', '<', end)
    .select([KEY[by].as('key'), sql<number>`sum(c.units)`.as('chargedUnits'), sql<number>`sum(c.charge_fen)`.as('chargedAmount')]).groupBy(KEY[by]).execute();
  for (const r of charges) merge(out, r.key, r);
}

function sumRows(rows: readonly MonthlyRow[]): Omit<MonthlyRow, 'key'> {
  const t: Record<string, number> = { ...ZERO, net: 0 };
  for (const row of rows) for (const name of Object.keys(t)) t[name] = (t[name] ?? 0) + (row[name as keyof Omit<MonthlyRow, 'key'>]);
  return t as unknown as Omit<MonthlyRow, 'key'>;
}

/** The whole hall's consumption and sales for one month (the trend chart's points). */
async function monthPoint(db: Db, month: string): Promise<{ month: string; consumption: number; amount: number }> {
  const { first, next } = monthDates(month);
  const s = await db.selectFrom('sales').where('business_date', '>=', first).where('business_date', '<', next)
    .select(sql<number>`coalesce(sum(payable_fen), 0)`.as('amount')).executeTakeFirstOrThrow();
  const deltas = db.selectFrom('meter_readings').where('quality', '=', 'good').where('total', 'is not', null)
    .where('read_at', '>=', dayStart(first)).where('read_at', '<', dayStart(next)).select(sql<number>`max(total) - min(total)`.as('d')).groupBy('meter_id');
  const c = await db.selectFrom(deltas.as('x')).select(sql<number>`coalesce(sum(x.d), 0)`.as('consumption')).executeTakeFirstOrThrow();
  return { month, consumption: Number(c.consumption), amount: Number(s.amount) };
}

export async function monthly(db: Db, month: string, by: MonthlyGroupBy, onProgress: (done: number, total: number) => void = () => {}): Promise<MonthlyView> {
  const parts = new Map<string, Partial>();
  await salesPart(db, month, by, parts);
  await meteredPart(db, month, by, parts);
  const rows = [...parts.entries()].map(([key, p]) => ({ key, ...p, net: p.amount - p.reversedAmount })).sort((a, b) => a.key.localeCompare(b.key));
  const months = monthsEnding(month, 12);
  const consumptionTrend = [];
  for (const [i, m] of months.entries()) {
    consumptionTrend.push(await monthPoint(db, m));
    onProgress(i + 1, months.length);
  }
  return { month, by, rows, totals: sumRows(rows), consumptionTrend };
}
