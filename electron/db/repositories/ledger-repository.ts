import type { Db } from './db';
import type { LedgerLine } from '../../domain/sales/ledger-plan';

/** Appends one balanced transaction's lines. The plan was checked to sum to zero by the domain. */
export async function appendLedger(db: Db, txnRef: string, lines: readonly LedgerLine[], ids: {
  saleId: number | null; accountId: number; shiftId: number | null; at: string;
}): Promise<void> {
  if (lines.length === 0) return;
  await db.insertInto('ledger_entries').values(lines.map((line) => ({
    txn_ref: txnRef, sale_id: ids.saleId, book: line.book, account_id: ids.accountId,
    meter_id: line.meterId, shift_id: line.book === 'cash' ? ids.shiftId : null, amount_fen: line.amount, created_at: ids.at,
  }))).execute();
}

/** Sum of the cash book for a shift: what went into (and out of) the drawer besides the float. */
export async function shiftCashMovements(db: Db, shiftId: number): Promise<number> {
  const row = await db.selectFrom('ledger_entries').select((eb) => eb.fn.sum<number>('amount_fen').as('total'))
    .where('shift_id', '=', shiftId).where('book', '=', 'cash').executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function shiftRefunds(db: Db, shiftId: number): Promise<number> {
  const row = await db.selectFrom('ledger_entries').select((eb) => eb.fn.sum<number>('amount_fen').as('total'))
    .where('shift_id', '=', shiftId).where('book', '=', 'cash').where('amount_fen', '<', 0).executeTakeFirst();
  return 0 - Number(row?.total ?? 0) || 0;
}
