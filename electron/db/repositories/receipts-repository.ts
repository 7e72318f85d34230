import type { Db } from './db';

/**
 * Allocates the next receipt serial of a counter in a year, e.g. A01-2026-000123. Runs inside the
 * caller's transaction, so a rolled-back sale gives its number back: serials are gapless.
 */
export async function allocateReceiptNo(db: Db, counterCode: string, year: number): Promise<string> {
  const updated = await db.updateTable('receipt_sequences').set((eb) => ({ last_no: eb('last_no', '+', 1) }))
    .where('counter_code', '=', counterCode).where('year', '=', year).returning('last_no').executeTakeFirst();
  let next = updated ? Number(updated.last_no) : 1;
  if (!updated) {
    await db.insertInto('receipt_sequences').values({ counter_code: counterCode, year, last_no: 1 }).execute();
    next = 1;
  }
  return `${counterCode}-${year}-${String(next).padStart(6, '0')}`;
}
