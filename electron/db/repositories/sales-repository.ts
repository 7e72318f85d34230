import type { Db } from './db';
import type { SaleTable } from '../schema';

export type SaleRow = Omit<SaleTable, 'id'> & { id: number };
export type NewSaleRow = Omit<SaleTable, 'id'>;

export async function insertSale(db: Db, sale: NewSaleRow): Promise<number> {
  const row = await db.insertInto('sales').values(sale).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findSale(db: Db, id: number): Promise<SaleRow | undefined> {
  return db.selectFrom('sales').selectAll().where('id', '=', id).executeTakeFirst() as Promise<SaleRow | undefined>;
}

export async function findSaleByKey(db: Db, key: string): Promise<SaleRow | undefined> {
  return db.selectFrom('sales').selectAll().where('idempotency_key', '=', key).executeTakeFirst() as Promise<SaleRow | undefined>;
}

export async function findSaleByReceipt(db: Db, receiptNo: string): Promise<SaleRow | undefined> {
  return db.selectFrom('sales').selectAll().where('receipt_no', '=', receiptNo).executeTakeFirst() as Promise<SaleRow | undefined>;
}

export async function lastSalesOfMeter(db: Db, meterId: number, limit: number) {
  return db.selectFrom('sales as s').leftJoin('sale_reversals as r', 'r.sale_id', 's.id')
    .select(['s.id', 's.receipt_no', 's.created_at', 's.payable_fen', 's.units', 's.credit_kind', 's.payment_method', 'r.receipt_no as reversal_receipt_no'])
    .where('s.meter_id', '=', meterId).orderBy('s.id', 'desc').limit(limit).execute();
}

/** Units bought per business month (YYYY-MM) of one year for one meter. */
export async function monthlyUnitsOfMeter(db: Db, meterId: number, year: number) {
  return db.selectFrom('sales')
    .select((eb) => [eb.fn('substr', ['business_date', eb.val(1), eb.val(7)]).as('month'), eb.fn.sum<number>('units').as('units')])
    .where('meter_id', '=', meterId).where('business_date', '>=', `${year}-01-01`).where('business_date', '<=', `${year}-12-31`)
    .groupBy('month').execute() as Promise<{ month: string; units: number }[]>;
}
