/**
 * Double-entry lines for money movements. Sign convention: debit positive, credit negative.
 *  - cash:            the drawer of the shift (an asset: money in is +, refunds out are −);
 *  - customer_credit: money the hall holds for a meter (a liability: it grows with −);
 *  - revenue:         sales recognised (grows with −).
 * Every plan sums to zero; planFor* throw if a plan would not, so an unbalanced entry never reaches the database.
 */
import { fen, negFen, subFen } from '../../../shared/money';
import type { Fen } from '../../../shared/money';
import type { Quote } from './quote';

export type LedgerBook = 'cash' | 'customer_credit' | 'revenue';

export interface LedgerLine {
  readonly book: LedgerBook;
  readonly meterId: number | null;
  readonly amount: Fen;
}

function balanced(lines: LedgerLine[]): LedgerLine[] {
  const sum = lines.reduce((total, line) => total + line.amount, 0);
  if (sum !== 0) throw new Error(`unbalanced ledger plan: sums to ${sum}`);
  return lines.filter((line) => line.amount !== 0);
}

/** A sale: the payment enters the drawer, the charge is revenue, the change in held credit is the liability. */
export function planSale(quote: Quote, meterId: number): LedgerLine[] {
  return balanced([
    { book: 'cash', meterId: null, amount: quote.payable },
    { book: 'revenue', meterId, amount: negFen(quote.charge) },
    { book: 'customer_credit', meterId, amount: negFen(subFen(quote.creditAfter, quote.creditBefore)) },
  ]);
}

/**
 * Closing refund (销户): the held credit is released and the meter's residual (read off the meter) is
 * taken back out of revenue; both leave the drawer as cash.
 */
export function planRefund(meterId: number, heldCredit: Fen, residual: Fen): LedgerLine[] {
  return balanced([
    { book: 'customer_credit', meterId, amount: heldCredit },
    { book: 'revenue', meterId, amount: residual },
    { book: 'cash', meterId: null, amount: negFen(fen(heldCredit + residual)) },
  ]);
}

/** Meter change (换表): the held credit moves from the old meter to the new one. */
export function planCreditTransfer(fromMeterId: number, toMeterId: number, heldCredit: Fen): LedgerLine[] {
  return balanced([
    { book: 'customer_credit', meterId: fromMeterId, amount: heldCredit },
    { book: 'customer_credit', meterId: toMeterId, amount: negFen(heldCredit) },
  ]);
}
