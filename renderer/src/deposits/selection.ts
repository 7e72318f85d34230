/** What the clerk ticks on the deposits page, and the amount it adds up to (integer fen, never typed). */
import type { CashDropView, ObligationView } from '../../../shared/contract/money-views';

export interface DepositSelection {
  readonly obligationIds: readonly number[];
  readonly dropIds: readonly number[];
}

export const NOTHING: DepositSelection = { obligationIds: [], dropIds: [] };

/** The exact sum of the selected obligations and drops; ids no longer pending count for nothing. */
export function selectedTotal(obligations: readonly ObligationView[], drops: readonly CashDropView[], selection: DepositSelection): number {
  const pick = (ids: readonly number[], items: readonly { id: number; amount: number }[]) =>
    items.filter((item) => ids.includes(item.id)).reduce((sum, item) => sum + item.amount, 0);
  return pick(selection.obligationIds, obligations) + pick(selection.dropIds, drops);
}

/** Keeps only ids still pending (after a reload, something may have been deposited elsewhere). */
export function stillPending(obligations: readonly ObligationView[], drops: readonly CashDropView[], selection: DepositSelection): DepositSelection {
  const open = new Set(obligations.filter((o) => o.state === 'pending' || o.state === 'overdue').map((o) => o.id));
  const dropOpen = new Set(drops.filter((d) => d.depositId === null).map((d) => d.id));
  return { obligationIds: selection.obligationIds.filter((id) => open.has(id)), dropIds: selection.dropIds.filter((id) => dropOpen.has(id)) };
}

/** Slip references as the bank prints them (the contract's pattern). */
export function validSlipRef(text: string): boolean {
  return /^[0-9A-Za-z-]{4,40}$/.test(text.trim());
}
