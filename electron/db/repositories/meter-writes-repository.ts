/**
 * The remote-write journal (migration 0090): `meter_writes` rows and their `meter_write_events`, both
 * append-only. A write's state is its latest event.
 */
import type { Db } from './db';
import type { MeterWriteTable } from '../schema-meters';

export type MeterWriteState = 'pending' | 'sent' | 'verified' | 'completed' | 'failed' | 'voided';
/** States after which nothing more happens to the meter on the journal's behalf. */
export const FINAL_STATES: readonly MeterWriteState[] = ['completed', 'voided'];

export type MeterWriteRow = Omit<MeterWriteTable, 'id'> & { id: number };
export interface MeterWriteEvent { readonly id: number; readonly state: MeterWriteState; readonly at: string; readonly detail: Record<string, unknown> }

export async function insertMeterWrite(db: Db, row: Omit<MeterWriteTable, 'id'>): Promise<number> {
  const inserted = await db.insertInto('meter_writes').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function appendWriteEvent(db: Db, writeId: number, state: MeterWriteState, at: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.insertInto('meter_write_events').values({ write_id: writeId, state, at, detail: JSON.stringify(detail) }).execute();
}

export async function findMeterWrite(db: Db, id: number): Promise<MeterWriteRow | undefined> {
  return db.selectFrom('meter_writes').selectAll().where('id', '=', id).executeTakeFirst() as Promise<MeterWriteRow | undefined>;
}

export async function writeOfSale(db: Db, saleId: number): Promise<MeterWriteRow | undefined> {
  return db.selectFrom('meter_writes').selectAll().where('sale_id', '=', saleId).executeTakeFirst() as Promise<MeterWriteRow | undefined>;
}

export async function eventsOfWrite(db: Db, writeId: number): Promise<MeterWriteEvent[]> {
  const rows = await db.selectFrom('meter_write_events').selectAll().where('write_id', '=', writeId).orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), state: r.state as MeterWriteState, at: r.at, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}

export async function lastEvent(db: Db, writeId: number): Promise<MeterWriteEvent> {
  const row = await db.selectFrom('meter_write_events').selectAll().where('write_id', '=', writeId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return { id: Number(row.id), state: row.state as MeterWriteState, at: row.at, detail: JSON.parse(row.detail) as Record<string, unknown> };
}

/** The state of a write: its latest event's. */
export async function writeState(db: Db, writeId: number): Promise<MeterWriteState> {
  return (await lastEvent(db, writeId)).state;
}

/** The meter's writes in order, each with its state. */
export async function writesOfMeter(db: Db, meterId: number): Promise<(MeterWriteRow & { state: MeterWriteState })[]> {
  const rows = await db.selectFrom('meter_writes').selectAll().where('meter_id', '=', meterId).orderBy('id').execute() as MeterWriteRow[];
  const out: (MeterWriteRow & { state: MeterWriteState })[] = [];
  for (const row of rows) out.push({ ...row, state: await writeState(db, Number(row.id)) });
  return out;
}

/** Writes not completed or voided, oldest first. */
export async function openWrites(db: Db): Promise<(MeterWriteRow & { state: MeterWriteState })[]> {
  const rows = await db.selectFrom('meter_writes as w')
    .selectAll('w')
    .select((eb) => eb.selectFrom('meter_write_events as e').select('e.state').whereRef('e.write_id', '=', 'w.id').orderBy('e.id', 'desc').limit(1).as('state'))
    .orderBy('w.id').execute();
  return rows
    .map((r) => ({ ...(r as MeterWriteRow), state: r.state as MeterWriteState }))
    .filter((r) => !FINAL_STATES.includes(r.state));
}
