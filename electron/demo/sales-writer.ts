/**
 * Writes a day of simulated counter work as the services would have: each shift opened and closed
 * (float, counted cash, short/over, denominations), each sale with its gapless receipt serial
 * (per counter and Beijing year), its balanced ledger lines (planSale) and its audit record.
 * Shifts and sales are referred to by unique key (clerk + opening time; receipt number) and the bulk
 * session binds their ids.
 */
import { requestHash } from '../services/sales-service';
import { planSale } from '../domain/sales/ledger-plan';
import { DENOMINATIONS } from '../domain/shifts/shift';
import type { BulkWriter, ColumnSpec } from '../bulk/bulk-writer';
import { joinKey } from '../bulk/id-maps.mjs';
import type { SimSale } from './sales-sim';

export interface DayShift {
  readonly clerkId: number;
  readonly counter: string;
  readonly openedAt: Date;
  readonly closedAt: Date;
  readonly float: number;
  /** Counted minus expected, decided in advance (most shifts balance). */
  readonly shortOver: number;
  readonly sales: readonly SimSale[];
}

const SALE_COLUMNS: ColumnSpec[] = ['receipt_no', 'idempotency_key', 'request_hash', { column: 'shift_id', ref: 'shifts' }, 'clerk_id', 'counter_code',
  'account_id', 'meter_id', 'utility', 'credit_kind', 'tariff_version_id', 'business_date', 'period_key', 'request_mode', 'payable_fen',
  'tendered_fen', 'change_fen', 'charge_fen', 'units', 'credit_before_fen', 'credit_after_fen', 'credited_to_meter', 'overdraft_recovered',
  'meter_remaining_after', 'tier_before', 'segments', 'payment_method', 'created_at'];
const LEDGER_COLUMNS: ColumnSpec[] = ['txn_ref', { column: 'sale_id', ref: 'sales' }, 'book', 'account_id', 'meter_id',
  { column: 'shift_id', ref: 'shifts' }, 'amount_fen', 'created_at'];
const AUDIT_COLUMNS = (ref: string): ColumnSpec[] => ['at', 'user_id', 'action', 'entity', { column: 'entity_id', ref, text: true }, 'before_json', 'after_json'];
const SHIFT_COLUMNS: ColumnSpec[] = ['clerk_id', 'counter_code', 'status', 'opened_at', 'float_fen', 'closed_at', 'expected_fen',
  'counted_fen', 'short_over_fen', 'denominations', 'note'];

/** A drawer count by denomination (largest notes first) adding up to `total` fen. */
export function denominationsOf(total: number): Record<string, number> {
  const count: Record<string, number> = {};
  let left = total;
  for (const d of DENOMINATIONS) {
    const pieces = Math.floor(left / d);
    if (pieces > 0) count[String(d)] = pieces;
    left -= pieces * d;
  }
  return count;
}


export class SalesWriter {
  /** Last serial per `${counter}|${year}`: becomes receipt_sequences at the end. */
  readonly serials = new Map<string, number>();
  sales = 0;
  ledgerLines = 0;

  constructor(private readonly writer: BulkWriter) {}

  private receiptNo(counter: string, at: Date): string {
    // The Beijing year of the sale: 16:00 UTC on 31 December is already the next year in Beijing.
    const year = new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
    const key = `${counter}|${year}`;
    const next = (this.serials.get(key) ?? 0) + 1;
    this.serials.set(key, next);
    return `${counter}-${year}-${String(next).padStart(6, '0')}`;
  }

  async writeDay(shifts: readonly DayShift[]): Promise<void> {
    const closings = await this.writeShifts(shifts);
    const sales: unknown[][] = [];
    const ledger: unknown[][] = [];
    const audit: unknown[][] = [];
    for (const shift of shifts) {
      const shiftKey = joinKey([shift.clerkId, shift.openedAt.toISOString()]);
      for (const sale of shift.sales) this.saleRows(sale, shift, shiftKey, sales, ledger, audit);
    }
    await this.writer.insert('sales', SALE_COLUMNS, sales);
    await this.writer.remember('sales', 'sales', ['receipt_no'], { replace: true });
    await this.writer.insert('ledger_entries', LEDGER_COLUMNS, ledger);
    await this.writer.insert('audit_log', AUDIT_COLUMNS('sales'), audit);
    await this.writer.insert('audit_log', AUDIT_COLUMNS('shifts'), closings);
    this.sales += sales.length;
    this.ledgerLines += ledger.length;
  }

  private saleRows(sale: SimSale, shift: DayShift, shiftKey: string, sales: unknown[][], ledger: unknown[][], audit: unknown[][]): void {
    const { meter, quote: q, request } = sale;
    const receiptNo = this.receiptNo(shift.counter, sale.at);
    const at = sale.at.toISOString();
    sales.push([receiptNo, `demo-${receiptNo}`, requestHash({ meterId: sale.meter.id, request: sale.request, tendered: sale.tendered }), shiftKey, shift.clerkId, shift.counter, meter.accountId, meter.id,
      meter.profile.utility, meter.profile.creditKind, sale.version.id, sale.date, sale.period, request.mode, q.payable, sale.tendered,
      sale.tendered - q.payable, q.charge, q.units, q.creditBefore, q.creditAfter, q.creditedToMeter, q.overdraftRecovered,
      q.meterRemainingAfter, q.tierBefore, JSON.stringify(q.segments), 'cash', at]);
    for (const line of planSale(q, meter.id)) {
      ledger.push([receiptNo, receiptNo, line.book, meter.accountId, line.meterId, line.book === 'cash' ? shiftKey : null, line.amount, at]);
    }
    const after = { receiptNo, meterId: meter.id, accountId: meter.accountId, counterCode: shift.counter, businessDate: sale.date,
      payable: q.payable, tendered: sale.tendered, change: sale.tendered - q.payable, charge: q.charge, units: q.units,
      creditBefore: q.creditBefore, creditAfter: q.creditAfter, creditedToMeter: q.creditedToMeter,
      meterRemainingAfter: q.meterRemainingAfter, tierBefore: q.tierBefore, source: 'demo-seed' };
    audit.push([at, shift.clerkId, 'sale.create', 'sale', receiptNo, null, JSON.stringify(after)]);
  }

  /** Writes the day's shifts and their opening audit; returns the closing audit rows, written after the sales. */
  private async writeShifts(shifts: readonly DayShift[]): Promise<unknown[][]> {
    const rows: unknown[][] = [];
    const audit: unknown[][] = [];
    const closings: unknown[][] = [];
    for (const s of shifts) {
      const expected = s.float + s.sales.reduce((sum, sale) => sum + sale.quote.payable, 0);
      const counted = expected + s.shortOver;
      const key = joinKey([s.clerkId, s.openedAt.toISOString()]);
      const note = s.shortOver < 0 ? '短款，已登记' : s.shortOver > 0 ? '长款，已登记' : null;
      rows.push([s.clerkId, s.counter, 'closed', s.openedAt.toISOString(), s.float, s.closedAt.toISOString(), expected, counted, s.shortOver,
        JSON.stringify(denominationsOf(counted)), note]);
      audit.push([s.openedAt.toISOString(), s.clerkId, 'shift.open', 'shift', key, null, JSON.stringify({ counterCode: s.counter, float: s.float })]);
      closings.push([s.closedAt.toISOString(), s.clerkId, 'shift.close', 'shift', key, null,
        JSON.stringify({ counterCode: s.counter, expected, counted, shortOver: s.shortOver, sales: s.sales.length })]);
    }
    await this.writer.insert('shifts', SHIFT_COLUMNS, rows);
    await this.writer.remember('shifts', 'shifts', ['clerk_id', 'opened_at']);
    await this.writer.insert('audit_log', AUDIT_COLUMNS('shifts'), audit);
    return closings;
  }
}
