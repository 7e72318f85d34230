/** Output shapes of the remote-recharge methods (recharge-methods.ts). */

/** A meter write's journal state: the latest of its events (migration 0090). */
export type MeterWriteStateCode = 'pending' | 'sent' | 'verified' | 'completed' | 'failed' | 'voided';

/** What an event recorded: counts and amounts read or written, or why it failed (`reason`, `meterHasIt`). */
export type WriteEventDetail = Readonly<Record<string, string | number | boolean | null>>;

/** A remote recharge on the journal. */
export interface RechargeView {
  readonly writeId: number;
  readonly saleId: number;
  readonly receiptNo: string;
  readonly meterId: number;
  readonly meterNo: string;
  /** What the meter is credited: fen (money meter) or 0.01 units (energy meter). */
  readonly amount: number;
  /** The purchase count the meter carries after the write; null until delivery settles it from the meter. */
  readonly purchaseCount: number | null;
  readonly state: MeterWriteStateCode;
  readonly createdAt: string;
  readonly lastEvent: { readonly state: MeterWriteStateCode; readonly at: string; readonly detail: WriteEventDetail };
  /** The last communication error this workstation met delivering it (a timeout leaves no event), or null. */
  readonly lastError: string | null;
}
