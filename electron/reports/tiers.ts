/**
 * 阶梯电量汇总: units and charge per utility and tier over a year or a month, from each sale's priced
 * segments (sales.segments, JSON [{tier, units, price, charge}]). Reversed sales are left out: their tiers
 * were given back. Read in id-ordered pages so a year over millions of sales reports progress and never
 * holds all rows at once.
 */
import { sql } from 'kysely';
import type { Db } from '../db/repositories/db';
import type { TierRow, TierView } from '../../shared/contract/report-views';
import { periodDates } from './report-time';

const PAGE = 20_000;

interface Segment { readonly tier: number; readonly units: number; readonly charge: number }

export async function tierSummary(db: Db, period: string, onProgress: (done: number, total: number) => void = () => {}): Promise<TierView> {
  const { first, next } = periodDates(period);
  const range = db.selectFrom('sales as s').where('s.business_date', '>=', first).where('s.business_date', '<', next)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sale_reversals as r').select('r.id').whereRef('r.sale_id', '=', 's.id'))));
  const total = Number((await range.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const acc = new Map<string, { utility: string; tier: number; units: number; charge: number; sales: number }>();
  let after = { date: '', id: 0 };
  let done = 0;
  for (;;) {
    const page = await range.select(['s.id', 's.business_date', 's.utility', 's.segments']).where(sql<boolean>`(s.business_date, s.id) > (${after.date}, ${after.id})`).orderBy('s.business_date').orderBy('s.id').limit(PAGE).execute();
    if (page.length === 0) break;
    for (const sale of page) {
      for (const seg of JSON.parse(sale.segments) as Segment[]) {
        const key = `${sale.utility}:${seg.tier}`;
        const row = acc.get(key) ?? { utility: sale.utility, tier: seg.tier, units: 0, charge: 0, sales: 0 };
        row.units += seg.units;
        row.charge += seg.charge;
        row.sales += 1;
        acc.set(key, row);
      }
    }
    after = { date: page[page.length - 1]!.business_date, id: Number(page[page.length - 1]!.id) };
    done += page.length;
    onProgress(done, total);
  }
  const rows: TierRow[] = [...acc.values()].sort((a, b) => a.utility.localeCompare(b.utility) || a.tier - b.tier);
  return { period, rows, totals: { units: rows.reduce((s, r) => s + r.units, 0), charge: rows.reduce((s, r) => s + r.charge, 0) } };
}
