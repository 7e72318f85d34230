import { fen, addFen, subFen } from '../../../shared/money';
import type { Fen } from '../../../shared/money';

/** Notes and coins of the renminbi in fen, for counting the drawer by denomination. */
export const DENOMINATIONS: readonly number[] = [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1];

export type DenominationCount = Readonly<Record<string, number>>;

/** Total of a drawer count keyed by denomination in fen ("10000": 3 → 300.00 yuan). */
export function countedTotal(count: DenominationCount): Fen {
  let total = 0;
  for (const [key, pieces] of Object.entries(count)) {
    total += Number(key) * pieces;
  }
  return fen(total);
}

export function unknownDenominations(count: DenominationCount): string[] {
  return Object.keys(count).filter((key) => !DENOMINATIONS.includes(Number(key)));
}

export interface ShiftReconciliation {
  readonly expected: Fen;
  readonly counted: Fen;
  /** Counted minus expected: positive is over (长款), negative is short (短款). Recorded, never forced to zero. */
  readonly shortOver: Fen;
}

/** Expected cash = opening float + every cash movement of the shift (sales in, refunds out). */
export function reconcileShift(float: Fen, cashMovements: Fen, counted: Fen): ShiftReconciliation {
  const expected = addFen(float, cashMovements);
  return { expected, counted, shortOver: subFen(counted, expected) };
}
