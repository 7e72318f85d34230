/** Shapes shared by the protocol drivers (drivers.ts, modbus-driver.ts). */

export type RelayAction = 'trip' | 'close' | 'keep-power' | 'keep-power-release';

/** The operation does not exist for this protocol or model (not a communication failure). */
export class UnsupportedOperationError extends Error {
  readonly code = 'unsupported' as const;
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedOperationError';
  }
}

export interface RechargeRequest {
  /** Amount to add, in fen. */
  readonly amount: number;
  /** The purchase count after this recharge: the meter's count + 1. */
  readonly purchaseCount: number;
}

export interface RechargeOutcome {
  /** False when the meter already carried this purchase count (a retried recharge): nothing was written. */
  readonly applied: boolean;
  readonly remainingBefore: number;
  readonly remainingAfter: number;
}

/** Time-of-use unit prices, 1/10000 yuan per unit (shared/money Price; DL/T 645 XXXX.XXXX). */
export interface TouPrices { readonly spike: number; readonly peak: number; readonly flat: number; readonly valley: number }

/** Alarm amounts in fen (DL/T 645 XXXXXX.XX; Acrel BJ1/BJ2 [I]); alarm 1 is the higher, earlier one. */
export interface AlarmAmounts { readonly alarm1: number; readonly alarm2: number }

/** The prepaid settings a control job writes: prices, alarm amounts, or both. */
export interface PrepaidSettings { readonly prices?: TouPrices; readonly alarms?: AlarmAmounts }
