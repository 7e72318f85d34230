import type { Db } from './db';
import type { MeterTable } from '../schema';

export type MeterRow = Omit<MeterTable, 'id'> & { id: number };

export interface NewMeterRow {
  meterNo: string; accountId: number; utility: string; model: string; serialNo: string; commAddress: string;
  creditKind: string; creditVia: string; unitStep: number; creditCap: number | null; tariffId: number;
  cardNo: string | null; at: string; remaining: number; overdraft: number;
}

export async function insertMeter(db: Db, m: NewMeterRow): Promise<number> {
  const row = await db.insertInto('meters').values({
    meter_no: m.meterNo, account_id: m.accountId, utility: m.utility, model: m.model, serial_no: m.serialNo,
    comm_address: m.commAddress, credit_kind: m.creditKind, credit_via: m.creditVia, unit_step: m.unitStep,
    credit_cap: m.creditCap, tariff_id: m.tariffId, card_no: m.cardNo, status: 'active', installed_at: m.at,
    removed_at: null, remaining: m.remaining, overdraft: m.overdraft, credit_fen: 0,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findMeter(db: Db, id: number): Promise<MeterRow | undefined> {
  return db.selectFrom('meters').selectAll().where('id', '=', id).executeTakeFirst() as Promise<MeterRow | undefined>;
}

export async function metersOfAccount(db: Db, accountId: number): Promise<MeterRow[]> {
  return db.selectFrom('meters').selectAll().where('account_id', '=', accountId).orderBy('id').execute() as Promise<MeterRow[]>;
}

export async function meterNoTaken(db: Db, meterNo: string): Promise<boolean> {
  return (await db.selectFrom('meters').select('id').where('meter_no', '=', meterNo).executeTakeFirst()) !== undefined;
}

export async function cardNoTaken(db: Db, cardNo: string): Promise<boolean> {
  return (await db.selectFrom('meters').select('id').where('card_no', '=', cardNo).executeTakeFirst()) !== undefined;
}

/** Writes the meter's running state after a sale or a transfer: hall-held credit, last known remaining, overdraft. */
export async function setMeterState(db: Db, id: number, state: { credit_fen?: number; remaining?: number; overdraft?: number }): Promise<void> {
  await db.updateTable('meters').set(state).where('id', '=', id).execute();
}

export async function removeMeter(db: Db, id: number, at: string, finalRemaining: number): Promise<void> {
  // The card number is released with the meter: one card per meter (一表一卡), and the new meter may take it.
  await db.updateTable('meters').set({ status: 'removed', removed_at: at, remaining: finalRemaining, card_no: null })
    .where('id', '=', id).execute();
}
