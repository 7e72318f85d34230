/**
 * Meter communication and collection rows: `meter_buses`, the meters' bus/protocol/firmware (0070),
 * `read_sweeps` and the append-only `meter_readings` (0080).
 */
import type { Selectable } from 'kysely';
import type { MeterBusTable, MeterReadingTable, ReadSweepTable } from '../schema-meters';
import type { Db } from './db';

export type BusRow = Selectable<MeterBusTable>;
export type SweepRow = Selectable<ReadSweepTable>;
export type ReadingRow = Selectable<MeterReadingTable>;

export interface NewBusRow {
  code: string; name: string; kind: string; endpoint: string; baud_rate: number; data_bits: number; parity: string; stop_bits: number;
  reply_timeout_ms: number | null; retries: number; active: number;
}

export function listBuses(db: Db): Promise<BusRow[]> {
  return db.selectFrom('meter_buses').selectAll().orderBy('code').execute();
}

export function findBus(db: Db, id: number): Promise<BusRow | undefined> {
  return db.selectFrom('meter_buses').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findBusByCode(db: Db, code: string): Promise<BusRow | undefined> {
  return db.selectFrom('meter_buses').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertBus(db: Db, bus: NewBusRow, at: string): Promise<number> {
  const row = await db.insertInto('meter_buses').values({ ...bus, created_at: at }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateBus(db: Db, id: number, bus: NewBusRow): Promise<void> {
  await db.updateTable('meter_buses').set(bus).where('id', '=', id).execute();
}

/** Active (not removed) meters per bus. */
export async function meterCountsByBus(db: Db): Promise<Map<number, number>> {
  const rows = await db.selectFrom('meters').select(['bus_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('bus_id', 'is not', null).where('status', '=', 'active').groupBy('bus_id').execute();
  return new Map(rows.map((r) => [Number(r.bus_id), Number(r.n)]));
}

export async function setMeterComm(db: Db, meterId: number, comm: { bus_id: number | null; protocol: string | null; firmware: string | null }): Promise<void> {
  await db.updateTable('meters').set(comm).where('id', '=', meterId).execute();
}

/** A meter the hall reads: active, with a bus and a protocol. */
export interface CommMeterRow {
  id: number; meter_no: string; account_id: number; model: string; comm_address: string; credit_via: string;
  bus_id: number; protocol: string; firmware: string | null;
}

export async function commMeters(db: Db, filter: { busId?: number; meterIds?: readonly number[] } = {}): Promise<CommMeterRow[]> {
  let query = db.selectFrom('meters')
    .select(['id', 'meter_no', 'account_id', 'model', 'comm_address', 'credit_via', 'bus_id', 'protocol', 'firmware'])
    .where('status', '=', 'active').where('bus_id', 'is not', null).where('protocol', 'is not', null);
  if (filter.busId !== undefined) query = query.where('bus_id', '=', filter.busId);
  if (filter.meterIds !== undefined) query = query.where('id', 'in', filter.meterIds.length > 0 ? [...filter.meterIds] : [-1]);
  const rows = await query.orderBy('bus_id').orderBy('id').execute();
  return rows.map((r) => ({ ...r, bus_id: Number(r.bus_id), protocol: r.protocol! }));
}

export async function insertSweep(db: Db, sweep: { kind: string; scheduled_for: string | null; started_at: string; bus_id: number | null; total: number; user_id: number | null }): Promise<number> {
  const row = await db.insertInto('read_sweeps').values(sweep).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function finishSweep(db: Db, id: number, done: { finished_at: string; ok: number; failed: number }): Promise<void> {
  await db.updateTable('read_sweeps').set(done).where('id', '=', id).execute();
}

export function findSweep(db: Db, id: number): Promise<SweepRow | undefined> {
  return db.selectFrom('read_sweeps').selectAll().where('id', '=', id).executeTakeFirst();
}

export function latestSweep(db: Db, kind?: string): Promise<SweepRow | undefined> {
  let query = db.selectFrom('read_sweeps').selectAll().where('finished_at', 'is not', null);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** periods: the period energies of a time-of-use meter (migration 0110; balance-readings.ts periodsJson). */
export type NewReadingRow = Omit<MeterReadingTable, 'id' | 'flags' | 'attempts'> & { flags: string; attempts: number; periods?: string | null };

export async function insertReading(db: Db, reading: NewReadingRow): Promise<number> {
  return Number((await db.insertInto('meter_readings').values(reading).returning('id').executeTakeFirstOrThrow()).id);
}

export function readingsOfMeter(db: Db, meterId: number, limit: number): Promise<ReadingRow[]> {
  return db.selectFrom('meter_readings').selectAll().where('meter_id', '=', meterId).orderBy('read_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Every good reading of a meter, oldest first (the monthly consumption is derived from them). */
export function goodTotalsOfMeter(db: Db, meterId: number): Promise<{ read_at: string; total: number | null }[]> {
  return db.selectFrom('meter_readings').select(['read_at', 'total']).where('meter_id', '=', meterId).where('quality', '=', 'good')
    .where('total', 'is not', null).orderBy('read_at').orderBy('id').execute();
}

/** Per meter: the last good reading time, the last attempt (its sweep and quality) and the last failure. */
export async function boardFacts(db: Db): Promise<Map<number, { lastGoodAt: string | null; last: ReadingRow | null; lastFailed: ReadingRow | null }>> {
  const good = await db.selectFrom('meter_readings').select(['meter_id', (eb) => eb.fn.max('read_at').as('at')])
    .where('quality', '=', 'good').groupBy('meter_id').execute();
  const lastIds = await db.selectFrom('meter_readings').select(['meter_id', (eb) => eb.fn.max('id').as('id')]).groupBy('meter_id').execute();
  const failedIds = await db.selectFrom('meter_readings').select(['meter_id', (eb) => eb.fn.max('id').as('id')])
    .where('quality', '=', 'failed').groupBy('meter_id').execute();
  const ids = [...lastIds, ...failedIds].map((r) => Number(r.id));
  const rows = ids.length === 0 ? [] : await db.selectFrom('meter_readings').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const facts = new Map<number, { lastGoodAt: string | null; last: ReadingRow | null; lastFailed: ReadingRow | null }>();
  const entry = (meterId: number) => {
    const existing = facts.get(meterId);
    if (existing) return existing;
    const created = { lastGoodAt: null as string | null, last: null as ReadingRow | null, lastFailed: null as ReadingRow | null };
    facts.set(meterId, created);
    return created;
  };
  for (const r of good) entry(Number(r.meter_id)).lastGoodAt = r.at as string;
  for (const r of lastIds) entry(Number(r.meter_id)).last = byId.get(Number(r.id)) ?? null;
  for (const r of failedIds) entry(Number(r.meter_id)).lastFailed = byId.get(Number(r.id)) ?? null;
  return facts;
}
