import { fen } from '../../../shared/money';
import type { Db } from './db';
import type { LedgerLine } from '../../domain/sales/ledger-plan';

/** Appends one balanced transaction's lines. The plan was checked to sum to zero by the domain. */
export async function appendLedger(db: Db, txnRef: string, lines: readonly LedgerLine[], ids: {
  saleId: number | null; accountId: number | null; shiftId: number | null; at: string;
}): Promise<void> {
  if (lines.length === 0) return;
  await db.insertInto('ledger_entries').values(lines.map((line) => ({
    txn_ref: txnRef, sale_id: ids.saleId, book: line.book, account_id: ids.accountId,
    meter_id: line.meterId, shift_id: line.book === 'cash' ? line.shiftId ?? ids.shiftId : null, amount_fen: line.amount, created_at: ids.at,
  }))).execute();
}

/** The lines a sale booked, as the domain's plan lines (for its reversal). */
export async function saleLedgerLines(db: Db, saleId: number): Promise<LedgerLine[]> {
  const rows = await db.selectFrom('ledger_entries').select(['book', 'meter_id', 'amount_fen']).where('sale_id', '=', saleId).orderBy('id').execute();
  return rows.map((r) => ({ book: r.book as LedgerLine['book'], meterId: r.meter_id === null ? null : Number(r.meter_id), amount: fen(Number(r.amount_fen)) }));
}

/** Sum of one book (e.g. the safe: cash dropped and not yet banked). */
export async function bookBalance(db: Db, book: LedgerLine['book']): Promise<number> {
  const row = await db.selectFrom('ledger_entries').select((eb) => eb.fn.sum<number>('amount_fen').as('total')).where('book', '=', book).executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Sum of the cash book for a shift: what went into (and out of) the drawer besides the float. */
export async function shiftCashMovements(db: Db, shiftId: number): Promise<number> {
  const row = await db.selectFrom('ledger_entries').select((eb) => eb.fn.sum<number>('amount_fen').as('total'))
    .where('shift_id', '=', shiftId).where('book', '=', 'cash').executeTakeFirst();
  return Number(row?.total ?? 0);
}

