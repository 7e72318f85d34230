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
