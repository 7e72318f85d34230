/**
 * The hall's rules for taking money (brief, "Collecting money"), pure and configurable:
 *  - a bank-transfer-only account pays by voucher; on a bank working day cash is refused;
 *  - on a non-working day such an account may pay cash only with a supervisor's approval, at most
 *    `holidayCashPerApproval` per approval and `holidayCashPerCustomer` per customer per holiday period
 *    (default 5,000.00 yuan each), and the cash must be banked by the next bank working day;
 *  - a clerk with an overdue deposit obligation takes no more holiday cash (default on);
 *  - no single sale above `maxSale`; no cash sale while the drawer is at or over `drawerLimit`.
 */
import { DomainError } from '../errors';
import { formatYuan, fen } from '../../../shared/money';
import type { Settlement } from '../../../shared/vocabulary';
import type { MoneyRulesView } from '../../../shared/contract/money-views';

/** The rules as the contract carries them (settings.moneyRules): amounts in fen, the approval's life in minutes. */
export type MoneyRules = MoneyRulesView;

export const DEFAULT_MONEY_RULES: MoneyRules = {
  holidayCashPerApproval: 500_000,
  holidayCashPerCustomer: 500_000,
  maxSale: 5_000_000,
  drawerLimit: 3_000_000,
  blockHolidayCashWhenOverdue: true,
  approvalMinutes: 15,
};

export type CashVerdict = 'allowed' | 'needs-approval' | 'refused';

/** Whether an account may pay cash today, before any amount is known. */
export function cashVerdict(settlement: Settlement, bankWorkingDay: boolean): CashVerdict {
  if (settlement === 'cash') return 'allowed';
  return bankWorkingDay ? 'refused' : 'needs-approval';
}

const yuan = (value: number) => formatYuan(fen(value));

export function assertWithinMaxSale(payable: number, rules: MoneyRules): void {
  if (payable > rules.maxSale) throw new DomainError('sale-over-maximum', { max: yuan(rules.maxSale) });
}

/** A cash sale is refused while the drawer already holds its limit: the clerk drops cash to the supervisor first. */
export function assertDrawerBelowLimit(expected: number, rules: MoneyRules): void {
  if (expected >= rules.drawerLimit) throw new DomainError('drawer-limit-reached', { expected: yuan(expected), limit: yuan(rules.drawerLimit) });
}

export interface HolidayCashCase {
  readonly payable: number;
  /** Holiday cash this account already paid in this holiday period (reversed sales excluded). */
  readonly usedThisHoliday: number;
  readonly overdueObligations: number;
  readonly hasApproval: boolean;
}

/** The holiday cash rule for a bank-transfer-only account on a non-working day; refuses with the rule broken. */
export function assertHolidayCashAllowed(c: HolidayCashCase, rules: MoneyRules): void {
  if (rules.blockHolidayCashWhenOverdue && c.overdueObligations > 0) throw new DomainError('deposit-overdue-blocks', { count: c.overdueObligations });
  if (c.payable > rules.holidayCashPerApproval) throw new DomainError('holiday-cash-over-limit', { max: yuan(rules.holidayCashPerApproval) });
  const remaining = Math.max(0, rules.holidayCashPerCustomer - c.usedThisHoliday);
  if (c.payable > remaining) throw new DomainError('holiday-cash-over-customer-cap', { cap: yuan(rules.holidayCashPerCustomer), remaining: yuan(remaining) });
  if (!c.hasApproval) throw new DomainError('holiday-cash-needs-approval');
}

/** Expected cash in a drawer: float + cash taken − drops − deposits − refunds (all carried by the cash book). */
export function drawerExpected(float: number, cashBook: number): number {
  return float + cashBook;
}
