/**
 * The model the ledger property keeps beside the database, from the operations alone: money in, held
 * credit, each drawer by kind of movement, the safe, the bank, vouchers, deposit obligations, cash drops,
 * each meter's standing sales (the latest is the one a reversal may take back), the settlement of each
 * account, and the bank calendar the backend is seeded from (chinese-days), for the holiday cash rule.
 */
import { arrangementProblem, calendarData, holidayPeriod, isBankWorkingDay, nextBankWorkingDay } from '../domain/calendar/bank-calendar';
import type { CalendarData } from '../domain/calendar/bank-calendar';
import { chineseDaysYears } from '../services/calendar-service';
import type { Settlement } from '../../shared/vocabulary';
import type { Actor } from './ledger-property-hall';

export interface ShiftModel {
  readonly who: Actor;
  readonly float: number;
  /** Cash sales taken in; drops to the supervisor; deposits of its holiday cash; refunds (closing refunds and reversals). */
  taken: number;
  drops: number;
  deposits: number;
  refunds: number;
  closed: { readonly counted: number; readonly expected: number } | null;
}

export interface VoucherModel {
  readonly id: number;
  readonly amount: number;
  readonly accountId: number | null;
  readonly referenceNo: string;
  used: number;
}

export interface ObligationModel {
  readonly id: number;
  readonly saleId: number;
  readonly shiftId: number;
  readonly clerk: Actor;
  readonly accountId: number;
  readonly amount: number;
  readonly holidayStart: string;
  readonly due: string;
  deposited: boolean;
  reversed: boolean;
}

export interface DropModel {
  readonly id: number;
  readonly amount: number;
  deposited: boolean;
}

/** A sale not reversed yet, as a reversal needs it. */
export interface StandingSale {
  readonly id: number;
  readonly payable: number;
  readonly voucherId: number | null;
  readonly creditBefore: number;
  readonly creditAfter: number;
  readonly obligationId: number | null;
}

/** What the run expects the books to say. */
export interface Model {
  /** Money in: cash + safe + bank = every cash payable and voucher registered, minus every refund and cash reversal. */
  moneyIn: number;
  safe: number;
  bank: number;
  /** Held credit (customer_credit, positive) per meter id. */
  readonly credit: Map<number, number>;
  readonly shifts: Map<number, ShiftModel>;
  readonly openShift: Record<Actor, number | null>;
  readonly vouchers: Map<number, VoucherModel>;
  readonly obligations: Map<number, ObligationModel>;
  readonly drops: Map<number, DropModel>;
  /** Standing sales per meter id, oldest first. */
  readonly standing: Map<number, StandingSale[]>;
  /** Settlement per account id (absent: cash). */
  readonly settlement: Map<number, Settlement>;
  /** Receipts issued per business year: serials 1..n. */
  readonly receipts: Map<number, number>;
  /** Applied operations by kind, and refusals by error code, for the report. */
  readonly applied: Map<string, number>;
  readonly refused: Map<string, number>;
}

export function emptyModel(): Model {
  return {
    moneyIn: 0, safe: 0, bank: 0, credit: new Map(), shifts: new Map(), openShift: { supervisor: null, clerk1: null, clerk2: null },
    vouchers: new Map(), obligations: new Map(), drops: new Map(), standing: new Map(), settlement: new Map(),
    receipts: new Map(), applied: new Map(), refused: new Map(),
  };
}

export function bump<K>(counter: Map<K, number>, key: K): void {
  counter.set(key, (counter.get(key) ?? 0) + 1);
}

/** The drawer a shift should hold now: float + cash taken − drops − deposits − refunds. */
export function expectedDrawer(shift: ShiftModel): number {
  return shift.float + shift.taken - shift.drops - shift.deposits - shift.refunds;
}

/** Σ over shifts of their cash movements: the cash book. */
export function cashBook(model: Model): number {
  let total = 0;
  for (const shift of model.shifts.values()) total += expectedDrawer(shift) - shift.float;
  return total;
}

/** An obligation's state as deposits.pending and the deposits page show it. */
export function obligationState(o: ObligationModel, today: string): 'pending' | 'overdue' | 'deposited' | 'reversed' {
  if (o.deposited) return 'deposited';
  if (o.reversed) return 'reversed';
  return o.due < today ? 'overdue' : 'pending';
}

let calendar: CalendarData | null = null;

/** The arrangement the backend seeds itself with (every year chinese-days covers that passes the import check). */
export function bankCalendar(): CalendarData {
  if (calendar) return calendar;
  const years = [...chineseDaysYears()].filter(([year, days]) => arrangementProblem(year, days) === null);
  calendar = calendarData(years.map(([year]) => year), years.flatMap(([, days]) => days));
  return calendar;
}

export interface DayModel {
  readonly working: boolean;
  readonly period: { start: string; end: string } | null;
  readonly next: string;
}

export function dayOf(date: string): DayModel {
  const c = bankCalendar();
  return { working: isBankWorkingDay(c, date), period: holidayPeriod(c, date), next: nextBankWorkingDay(c, date) };
}
