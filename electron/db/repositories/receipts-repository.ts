import type { Db } from './db';

/**
 * Allocates the next receipt serial of a counter in a year, e.g. A01-2026-000123. Runs inside the
 * caller's transaction, so a rolled-back sale gives its number back: serials are gapless.
 *
 * One upsert, the same SQL on SQLite (≥ 3.35, for RETURNING) and PostgreSQL: the first serial of a year
 * inserts the row, every later one increments it. On PostgreSQL the increment takes the row's lock until
 * commit, so a second transaction of the same counter and year waits and then increments the committed
 * value; two first serials at once meet on the unique key, and the loser's ON CONFLICT waits for the winner
 * and increments its row — never a duplicate, never a unique-violation error (an UPDATE-then-INSERT would
 * give that error, because an UPDATE of no row locks nothing).
 */
export async function allocateReceiptNo(db: Db, counterCode: string, year: number): Promise<string> {
  const row = await db.insertInto('receipt_sequences').values({ counter_code: counterCode, year, last_no: 1 })
    .onConflict((oc) => oc.columns(['counter_code', 'year']).doUpdateSet((eb) => ({ last_no: eb('receipt_sequences.last_no', '+', 1) })))
    .returning('last_no').executeTakeFirstOrThrow();
  return `${counterCode}-${year}-${String(Number(row.last_no)).padStart(6, '0')}`;
}
