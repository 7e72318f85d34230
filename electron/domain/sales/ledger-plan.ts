/**
 * Double-entry lines for money movements. Sign convention: debit positive, credit negative.
 *  - cash:            the drawer of the shift (an asset: money in is +, refunds out are −);
 *  - customer_credit: money the hall holds for a meter (a liability: it grows with −);
 *  - revenue:         sales recognised (grows with −);
 *  - safe:            cash dropped to the supervisor, not yet banked (an asset);
 *  - bank:            money at the bank: deposits, and transfers a voucher proves (an asset);
 *  - voucher_funds:   voucher money received but not yet sold (a liability).
 * Every plan sums to zero; planFor* throw if a plan would not, so an unbalanced entry never reaches the database.
 */
import { fen, negFen, subFen } from '../../../shared/money';
import type { Fen } from '../../../shared/money';
import type { Quote } from './quote';

export type LedgerBook = 'cash' | 'safe' | 'bank' | 'voucher_funds' | 'customer_credit' | 'revenue';
/** Where a sale's payment is booked: the drawer for cash, the voucher's unspent funds for a voucher. */
export type PaymentBook = 'cash' | 'voucher_funds';

export interface LedgerLine {
  readonly book: LedgerBook;
  readonly meterId: number | null;
  readonly amount: Fen;
  /** For a cash line of a shift other than the transaction's own (a deposit of another shift's holiday cash). */
  readonly shiftId?: number;
}

function balanced(lines: LedgerLine[]): LedgerLine[] {
  const sum = lines.reduce((total, line) => total + line.amount, 0);
  if (sum !== 0) throw new Error(`unbalanced ledger plan: sums to ${sum}`);
  return lines.filter((line) => line.amount !== 0);
}

/** A sale: the payment enters the drawer, the charge is revenue, the change in held credit is the liability. */
export function planSale(quote: Quote, meterId: number, paymentBook: PaymentBook = 'cash'): LedgerLine[] {
  return balanced([
    { book: paymentBook, meterId: null, amount: quote.payable },
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

/** A replacement card's fee (补卡费): cash into the drawer, recognised as revenue at once. */
export function planCardFee(meterId: number, amount: Fen): LedgerLine[] {
  return balanced([
    { book: 'cash', meterId: null, amount },
    { book: 'revenue', meterId, amount: negFen(amount) },
  ]);
}

/** Meter change (换表): the held credit moves from the old meter to the new one. */
export function planCreditTransfer(fromMeterId: number, toMeterId: number, heldCredit: Fen): LedgerLine[] {
  return balanced([
    { book: 'customer_credit', meterId: fromMeterId, amount: heldCredit },
    { book: 'customer_credit', meterId: toMeterId, amount: negFen(heldCredit) },
  ]);
}

/** A registered voucher: the bank holds the customer's transfer; the hall owes goods for it until sold. */
export function planVoucherReceipt(amount: Fen): LedgerLine[] {
  return balanced([
    { book: 'bank', meterId: null, amount },
    { book: 'voucher_funds', meterId: null, amount: negFen(amount) },
  ]);
}

/** Reversal (冲正): the exact negation of the original sale's lines; the payment goes back the way it came. */
export function planReversal(original: readonly LedgerLine[]): LedgerLine[] {
  return balanced(original.map((line) => ({ book: line.book, meterId: line.meterId, amount: negFen(line.amount) })));
}

/** Cash drop: cash leaves the clerk's drawer into the supervisor's safe. */
export function planDrop(amount: Fen): LedgerLine[] {
  return balanced([
    { book: 'cash', meterId: null, amount: negFen(amount) },
    { book: 'safe', meterId: null, amount },
  ]);
}

/**
 * Bank deposit: holiday cash leaves the drawer of the shift that took it, dropped cash leaves the safe,
 * and the whole slip amount arrives at the bank.
 */
export function planDeposit(obligations: readonly { shiftId: number; amount: Fen }[], drops: readonly Fen[]): LedgerLine[] {
  const total = [...obligations.map((o) => o.amount), ...drops].reduce((sum, a) => sum + a, 0);
  return balanced([
    ...obligations.map((o) => ({ book: 'cash' as const, meterId: null, amount: negFen(o.amount), shiftId: o.shiftId })),
    ...drops.map((amount) => ({ book: 'safe' as const, meterId: null, amount: negFen(amount) })),
    { book: 'bank', meterId: null, amount: fen(total) },
  ]);
}

/**
 * A hall-kept meter's consumption charge (远程费控): the interval's charge leaves the money the hall holds for the
 * meter and becomes revenue. The held credit may go below zero: the customer then owes the hall.
 */
export function planConsumptionCharge(meterId: number, charge: Fen): LedgerLine[] {
  return balanced([
    { book: 'customer_credit', meterId, amount: charge },
    { book: 'revenue', meterId, amount: negFen(charge) },
  ]);
}
