import { sql } from 'kysely';
import type { Db } from './db';
import type { VoucherTable } from '../schema-money';

export type VoucherRow = Omit<VoucherTable, 'id' | 'used_fen'> & { id: number; used_fen: number; account_no: string | null; has_image: number };

/** Bank names and references are compared trimmed, without inner spaces and upper-cased: "icbc 0012" = "ICBC0012". */
export function bankKey(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

function voucherQuery(db: Db) {
  return db.selectFrom('vouchers as v').leftJoin('accounts as a', 'a.id', 'v.account_id')
    .selectAll('v').select(['a.account_no'])
    .select((eb) => eb.exists(eb.selectFrom('voucher_images as i').select('i.voucher_id').whereRef('i.voucher_id', '=', 'v.id')).as('has_image'));
}

export async function insertVoucher(db: Db, v: Omit<VoucherTable, 'id' | 'used_fen'>): Promise<number> {
  const row = await db.insertInto('vouchers').values(v).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findVoucher(db: Db, id: number): Promise<VoucherRow | undefined> {
  return voucherQuery(db).where('v.id', '=', id).executeTakeFirst() as Promise<VoucherRow | undefined>;
}

export async function findVoucherByKey(db: Db, bank: string, referenceNo: string) {
  return db.selectFrom('vouchers').select(['id']).where('bank_key', '=', bankKey(bank)).where('reference_key', '=', bankKey(referenceNo)).executeTakeFirst();
}

/** The UTC instant (ISO, as registered_at is stored) of 00:00 Beijing time, `days` after the business date `date`. */
function beijingMidnight(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();
}

export interface VoucherFilter {
  readonly query?: string;
  readonly state?: 'registered' | 'partly_used' | 'used_up';
  readonly accountId?: number;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
}

/**
 * The payer contains `text`, whatever its letter case. Spelled out rather than a bare LIKE because the two
 * databases' LIKE differ: SQLite's ignores ASCII case and has no escape character, PostgreSQL's keeps case
 * and treats `\` as one. So both sides go through the database's own lower() and `\`, `%` and `_` are
 * escaped: the clerk's text is matched as typed (a payer "100%_Co" is found by "%_"), the same on both.
 */
function payerContains(text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(v.payer) like lower(${pattern}) escape '\\'`;
}

/** The register: newest first, by reference/payer/payer-account prefix, state, account and registration date. */
export async function searchVouchers(db: Db, f: VoucherFilter): Promise<VoucherRow[]> {
  let q = voucherQuery(db);
  if (f.query) {
    const key = bankKey(f.query);
    const query = f.query;
    q = q.where((eb) => eb.or([eb('v.reference_key', '=', key), payerContains(query), eb('v.payer_account', '=', query)]));
  }
  if (f.state === 'registered') q = q.where('v.used_fen', '=', 0);
  if (f.state === 'partly_used') q = q.where('v.used_fen', '>', 0).whereRef('v.used_fen', '<', 'v.amount_fen');
  if (f.state === 'used_up') q = q.whereRef('v.used_fen', '=', 'v.amount_fen');
  if (f.accountId !== undefined) q = q.where('v.account_id', '=', f.accountId);
  // registered_at is a UTC instant; from/to are Beijing business dates, so each bound is that day's Beijing midnight.
  if (f.from) q = q.where('v.registered_at', '>=', beijingMidnight(f.from, 0));
  if (f.to) q = q.where('v.registered_at', '<', beijingMidnight(f.to, 1));
  return q.orderBy('v.id', 'desc').limit(f.limit).execute() as Promise<VoucherRow[]>;
}

/** Draws on (positive) or gives back to (negative) a voucher; the column's CHECK refuses an over-draw. */
export async function drawVoucher(db: Db, d: { voucherId: number; saleId: number; amount: number; at: string }): Promise<void> {
  await db.updateTable('vouchers').set((eb) => ({ used_fen: eb('used_fen', '+', d.amount) })).where('id', '=', d.voucherId).execute();
  await db.insertInto('voucher_draws').values({ voucher_id: d.voucherId, sale_id: d.saleId, amount_fen: d.amount, created_at: d.at }).execute();
}

export async function voucherDraws(db: Db, voucherId: number) {
  return db.selectFrom('voucher_draws as d').innerJoin('sales as s', 's.id', 'd.sale_id')
    .select(['d.sale_id', 's.receipt_no', 'd.amount_fen', 'd.created_at']).where('d.voucher_id', '=', voucherId).orderBy('d.id').execute();
}

export async function insertVoucherImage(db: Db, voucherId: number, mime: string, data: Buffer): Promise<void> {
  await db.insertInto('voucher_images').values({ voucher_id: voucherId, mime, data }).execute();
}

export async function findVoucherImage(db: Db, voucherId: number) {
  return db.selectFrom('voucher_images').selectAll().where('voucher_id', '=', voucherId).executeTakeFirst();
}
