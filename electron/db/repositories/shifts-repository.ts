import { sql } from 'kysely';
import type { Db } from './db';
import { dialectOf } from './locks';

export async function openShiftOf(db: Db, clerkId: number) {
  return db.selectFrom('shifts').selectAll().where('clerk_id', '=', clerkId).where('status', '=', 'open').executeTakeFirst();
}

/**
 * Locks an open shift against its close for the rest of the transaction (FOR SHARE: sales of the shift do not
 * wait for each other; the close's exclusive row lock waits for them, and they for it). True when the shift is still
 * open: PostgreSQL re-checks the row after waiting, so a sale that waited for the close finds it closed.
 * SQLite's single writer already keeps a close and a sale apart: it only re-reads.
 */
export async function lockOpenShiftShared(db: Db, id: number): Promise<boolean> {
  if (dialectOf(db) === 'postgres') {
    const row = await sql<{ id: number }>`select id from shifts where id = ${id} and status = 'open' for share`.execute(db);
    return row.rows.length === 1;
  }
  return (await db.selectFrom('shifts').select('id').where('id', '=', id).where('status', '=', 'open').executeTakeFirst()) !== undefined;
}

export async function findShift(db: Db, id: number) {
  return db.selectFrom('shifts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertShift(db: Db, s: { clerkId: number; counterCode: string; float: number; at: string }): Promise<number> {
  const row = await db.insertInto('shifts').values({
    clerk_id: s.clerkId, counter_code: s.counterCode, status: 'open', opened_at: s.at, float_fen: s.float,
    closed_at: null, expected_fen: null, counted_fen: null, short_over_fen: null, denominations: null, note: null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function closeShiftRow(db: Db, id: number, c: {
  at: string; expected: number; counted: number; shortOver: number; denominations: string; note: string | null;
}): Promise<void> {
  // The last ledger line at the close marks what the count reconciled: a later deposit of this shift's holiday
  // cash moves its cash book, and ids (unlike timestamps) cannot tie with the close.
  const last = await db.selectFrom('ledger_entries').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  await db.updateTable('shifts').set({
    status: 'closed', closed_at: c.at, expected_fen: c.expected, counted_fen: c.counted, short_over_fen: c.shortOver,
    denominations: c.denominations, note: c.note, closing_ledger_id: last?.id === null || last?.id === undefined ? 0 : Number(last.id),
  }).where('id', '=', id).where('status', '=', 'open').execute();
}

/** Sales of a shift grouped by utility, with the first and last receipt serials. */
export async function shiftSalesSummary(db: Db, shiftId: number) {
  const byUtility = await db.selectFrom('sales')
    .select((eb) => ['utility', eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('payable_fen').as('amount'), eb.fn.sum<number>('units').as('units')])
    .where('shift_id', '=', shiftId).groupBy('utility').orderBy('utility').execute();
  const range = await db.selectFrom('sales')
    .select((eb) => [eb.fn.min<string>('receipt_no').as('first'), eb.fn.max<string>('receipt_no').as('last')])
    .where('shift_id', '=', shiftId).executeTakeFirst();
  return { byUtility, first: range?.first ?? null, last: range?.last ?? null };
}
