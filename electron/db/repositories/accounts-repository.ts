import type { Db } from './db';

export async function insertAccount(db: Db, a: { accountNo: string; customerId: number; premisesId: number; category: string; settlement?: string; at: string }) {
  const row = await db.insertInto('accounts').values({
    account_no: a.accountNo, customer_id: a.customerId, premises_id: a.premisesId, category: a.category,
    status: 'open', opened_at: a.at, closed_at: null, settlement: a.settlement ?? 'cash',
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findAccount(db: Db, id: number) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function openAccountAtPremises(db: Db, premisesId: number) {
  return db.selectFrom('accounts').select('id').where('premises_id', '=', premisesId).where('status', '=', 'open').executeTakeFirst();
}

export async function setAccountSettlement(db: Db, accountId: number, settlement: string): Promise<void> {
  await db.updateTable('accounts').set({ settlement }).where('id', '=', accountId).execute();
}

export async function setAccountOwner(db: Db, accountId: number, customerId: number): Promise<void> {
  await db.updateTable('accounts').set({ customer_id: customerId }).where('id', '=', accountId).execute();
}

export async function closeAccountRow(db: Db, accountId: number, at: string): Promise<void> {
  await db.updateTable('accounts').set({ status: 'closed', closed_at: at }).where('id', '=', accountId).execute();
}

export async function appendAccountEvent(db: Db, e: { accountId: number; kind: string; receiptNo: string | null; detail: unknown; userId: number; at: string }) {
  await db.insertInto('account_events').values({
    account_id: e.accountId, kind: e.kind, receipt_no: e.receiptNo, detail: JSON.stringify(e.detail), user_id: e.userId, created_at: e.at,
  }).execute();
}

export async function listAccountEvents(db: Db, accountId: number) {
  return db.selectFrom('account_events').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}

/** Units bought in a tier period by an account for one utility (0 when none yet). */
export async function unitsToDate(db: Db, accountId: number, utility: string, periodKey: string): Promise<number> {
  const row = await db.selectFrom('units_to_date').select('units')
    .where('account_id', '=', accountId).where('utility', '=', utility).where('period_key', '=', periodKey).executeTakeFirst();
  return Number(row?.units ?? 0);
}

export async function addUnitsToDate(db: Db, key: { accountId: number; utility: string; periodKey: string }, add: number): Promise<void> {
  const updated = await db.updateTable('units_to_date').set((eb) => ({ units: eb('units', '+', add) }))
    .where('account_id', '=', key.accountId).where('utility', '=', key.utility).where('period_key', '=', key.periodKey)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db.insertInto('units_to_date')
      .values({ account_id: key.accountId, utility: key.utility, period_key: key.periodKey, units: add }).execute();
  }
}
