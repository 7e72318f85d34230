/**
 * Benchmarks through the real contract path (zod validation, session and role check, service, Kysely,
 * SQLite with synchronous=FULL): lookups, quotes, sale commits and the shift report.
 */
import type { Backend } from '../main/composition';
import { percentile, prng, round2, timeEach } from './stats';
import { requireSqlite } from '../db/database-handle';

export interface Sample {
  readonly meterIds: number[];
  readonly meterNos: string[];
  readonly cardNos: string[];
  readonly phones: string[];
  readonly namePrefixes: string[];
  readonly roomKeys: string[];
}

/** Picks lookup keys from random accounts of the generated hall. */
export function drawSample(backend: Backend, count: number, seed = 7): Sample {
  const raw = requireSqlite(backend.database, 'this benchmark').raw;
  const maxId = Number((raw.prepare('select max(id) as n from meters').get() as { n: number }).n);
  const random = prng(seed);
  const byId = raw.prepare(`select m.id, m.meter_no, m.card_no, c.phone, c.name, p.room_key from meters m
    join accounts a on a.id = m.account_id join customers c on c.id = a.customer_id join premises p on p.id = a.premises_id
    where m.id >= ? and m.status = 'active' and a.status = 'open' and m.credit_kind = 'energy'
    and (m.credit_cap is null or m.remaining + 200000 < m.credit_cap) order by m.id limit 1`);
  const sample: Sample = { meterIds: [], meterNos: [], cardNos: [], phones: [], namePrefixes: [], roomKeys: [] };
  while (sample.meterIds.length < count) {
    const row = byId.get(1 + Math.floor(random() * maxId)) as { id: number; meter_no: string; card_no: string | null; phone: string | null; name: string; room_key: string } | undefined;
    if (!row) continue;
    sample.meterIds.push(row.id);
    sample.meterNos.push(row.meter_no);
    if (row.card_no) sample.cardNos.push(row.card_no);
    if (row.phone) sample.phones.push(row.phone);
    sample.namePrefixes.push(row.name.slice(0, 2));
    sample.roomKeys.push(row.room_key);
  }
  return sample;
}

async function call(backend: Backend, session: string, method: string, input: unknown): Promise<unknown> {
  const result = await backend.dispatch(method, input, { session });
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export async function benchLookups(backend: Backend, session: string, sample: Sample, perKind: number) {
  const kinds: Record<string, string[]> = {
    meter: sample.meterNos, card: sample.cardNos, phone: sample.phones, name: sample.namePrefixes, room: sample.roomKeys,
  };
  const all: number[] = [];
  const byKind: Record<string, number> = {};
  for (const [kind, keys] of Object.entries(kinds)) {
    const samples = await timeEach(perKind, (i) => call(backend, session, 'customers.search', { query: keys[i % keys.length]!, limit: 20 }));
    byKind[`${kind}_p95_ms`] = round2(percentile(samples, 95));
    all.push(...samples);
  }
  return { lookup_p95_ms: round2(percentile(all, 95)), lookup_by_kind: byKind };
}

export async function benchQuotes(backend: Backend, session: string, sample: Sample, count: number) {
  const samples = await timeEach(count, (i) => call(backend, session, 'sales.quote', {
    meterId: sample.meterIds[i % sample.meterIds.length]!, request: { mode: 'money', amount: 5000 + (i % 50) * 100 },
  }));
  return { quote_p95_ms: round2(percentile(samples, 95)) };
}

export async function benchSales(backend: Backend, session: string, sample: Sample, count: number) {
  const samples = await timeEach(count, (i) => call(backend, session, 'sales.sell', {
    meterId: sample.meterIds[i % sample.meterIds.length]!, request: { mode: 'money', amount: 5000 },
    tendered: 10000, idempotencyKey: `bench-${Date.now().toString(36)}-${i}`,
  }));
  return { sale_commit_p50_ms: round2(percentile(samples, 50)), sale_commit_p95_ms: round2(percentile(samples, 95)), samples };
}

/** The shift report of the busiest shift in the hall (the worst case a clerk can meet). */
export async function benchShiftReport(backend: Backend, session: string) {
  const busiest = requireSqlite(backend.database, 'this benchmark').raw.prepare('select shift_id, count(*) as n from sales group by shift_id order by n desc limit 1').get() as { shift_id: number; n: number };
  const samples = await timeEach(5, () => call(backend, session, 'shifts.report', { shiftId: busiest.shift_id }));
  return { shift_report_ms: round2(percentile(samples, 100)), shift_report_sales: busiest.n };
}
