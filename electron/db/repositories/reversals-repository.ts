import type { Db } from './db';
import type { SaleReversalTable } from '../schema-money';

export type ReversalRow = Omit<SaleReversalTable, 'id' | 'cause'> & { id: number; cause: string; sale_receipt_no: string; payment_method: string; approved_by: number | null };
export type NewReversal = Omit<SaleReversalTable, 'id' | 'cause'> & { cause: 'approved' | 'card_void' };

function reversalQuery(db: Db) {
  return db.selectFrom('sale_reversals as r').innerJoin('sales as s', 's.id', 'r.sale_id')
    // A card void (migration 0120) has no approval.
    .leftJoin('approval_decisions as d', 'd.approval_id', 'r.approval_id')
    .selectAll('r').select(['s.receipt_no as sale_receipt_no', 's.payment_method', 'd.decided_by as approved_by']);
}

export async function insertReversal(db: Db, r: NewReversal): Promise<number> {
  const row = await db.insertInto('sale_reversals').values(r).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findReversal(db: Db, id: number): Promise<ReversalRow | undefined> {
  return reversalQuery(db).where('r.id', '=', id).executeTakeFirst() as Promise<ReversalRow | undefined>;
}

export async function findReversalByKey(db: Db, key: string): Promise<ReversalRow | undefined> {
  return reversalQuery(db).where('r.idempotency_key', '=', key).executeTakeFirst() as Promise<ReversalRow | undefined>;
}

export async function reversalOfSale(db: Db, saleId: number) {
  return db.selectFrom('sale_reversals').select(['id', 'receipt_no', 'created_at']).where('sale_id', '=', saleId).executeTakeFirst();
}

/** The meter's latest sale still standing: only it may be reversed (a later sale was priced on top of it). */
export async function latestStandingSaleOfMeter(db: Db, meterId: number) {
  return db.selectFrom('sales as s').select(['s.id', 's.receipt_no']).where('s.meter_id', '=', meterId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sale_reversals as r').select('r.id').whereRef('r.sale_id', '=', 's.id'))))
    .orderBy('s.id', 'desc').limit(1).executeTakeFirst();
}
