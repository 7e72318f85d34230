import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { assertDrawerBelowLimit, assertHolidayCashAllowed, assertWithinMaxSale, cashVerdict, DEFAULT_MONEY_RULES } from './rules';

const rules = DEFAULT_MONEY_RULES;
const refusal = (f: () => void) => {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
  return null;
};
const holiday = (payable: number, usedThisHoliday = 0, overdueObligations = 0, hasApproval = true) =>
  refusal(() => assertHolidayCashAllowed({ payable, usedThisHoliday, overdueObligations, hasApproval }, rules));

describe('the money rules', () => {
  it('cash is allowed to cash accounts always; to bank-transfer accounts only on non-working days, with approval', () => {
    expect(cashVerdict('cash', true)).toBe('allowed');
    expect(cashVerdict('cash', false)).toBe('allowed');
    expect(cashVerdict('bank_transfer', true)).toBe('refused');
    expect(cashVerdict('bank_transfer', false)).toBe('needs-approval');
  });

  it('holiday cash: 5,000.00 per approval is allowed, 5,000.01 is not', () => {
    expect(holiday(500_000)).toBeNull();
    expect(holiday(500_001)).toEqual({ code: 'holiday-cash-over-limit', params: { max: '5000.00' } });
  });

  it('holiday cash: the per-customer cap counts what the holiday already took', () => {
    expect(holiday(200_000, 300_000)).toBeNull();
    expect(holiday(200_001, 300_000)).toEqual({ code: 'holiday-cash-over-customer-cap', params: { cap: '5000.00', remaining: '2000.00' } });
    expect(holiday(1, 500_000)).toMatchObject({ code: 'holiday-cash-over-customer-cap' });
  });

  it('an overdue deposit blocks first (when the rule is on); the approval is asked for last', () => {
    expect(holiday(600_000, 0, 1, false)).toEqual({ code: 'deposit-overdue-blocks', params: { count: 1 } });
    expect(refusal(() => assertHolidayCashAllowed({ payable: 1, usedThisHoliday: 0, overdueObligations: 1, hasApproval: true }, { ...rules, blockHolidayCashWhenOverdue: false }))).toBeNull();
    expect(holiday(100, 0, 0, false)).toEqual({ code: 'holiday-cash-needs-approval', params: {} });
  });

  it('a sale above the maximum and a drawer at its limit are refused', () => {
    expect(refusal(() => assertWithinMaxSale(rules.maxSale, rules))).toBeNull();
    expect(refusal(() => assertWithinMaxSale(rules.maxSale + 1, rules))).toEqual({ code: 'sale-over-maximum', params: { max: '50000.00' } });
    expect(refusal(() => assertDrawerBelowLimit(rules.drawerLimit - 1, rules))).toBeNull();
    expect(refusal(() => assertDrawerBelowLimit(rules.drawerLimit, rules))).toMatchObject({ code: 'drawer-limit-reached' });
  });
});
