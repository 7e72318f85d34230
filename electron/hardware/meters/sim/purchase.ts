/**
 * The purchase-count rule of prepaid meters (hardware.md §4.2, State Grid Proc_UserCardMoney): a purchase
 * credits only when its count is the meter's + 1; the same count again is a card already loaded (no credit,
 * no error), a lower count a stale card, two or more ahead a count error; a credit that would lift the
 * remaining amount above the meter's limit (999999.99) is refused.
 */
export type PurchaseOutcome = 'credited' | 'already-loaded' | 'stale-card' | 'count-gap' | 'over-limit';

export interface PurchaseResult {
  readonly outcome: PurchaseOutcome;
  /** The meter's purchase count after the attempt. */
  readonly purchaseCount: number;
  /** The remaining amount after the attempt (fen, or 0.01 units). */
  readonly remaining: number;
}

/** 999999.99 in 0.01 units: the most a 4-byte BCD XXXXXX.XX remaining amount can show. */
export const REMAINING_LIMIT = 99_999_999;

export function judgePurchase(meterCount: number, cardCount: number, remaining: number, amount: number, limit = REMAINING_LIMIT): PurchaseOutcome {
  if (cardCount === meterCount) return 'already-loaded';
  if (cardCount < meterCount) return 'stale-card';
  if (cardCount > meterCount + 1) return 'count-gap';
  if (amount < 0 || remaining + amount > limit) return 'over-limit';
  return 'credited';
}
