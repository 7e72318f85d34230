import { describe, expect, it } from 'vitest';
import type { CashDropView, ObligationView } from '../../../shared/contract/money-views';
import { selectedTotal, stillPending, validSlipRef } from './selection';

const obligation = (id: number, amount: number, state: ObligationView['state'] = 'pending') => ({ id, amount, state } as ObligationView);
const drop = (id: number, amount: number, depositId: number | null = null) => ({ id, amount, depositId } as CashDropView);

describe('deposit selection', () => {
  const obligations = [obligation(1, 500_000), obligation(2, 12_345, 'overdue'), obligation(3, 1)];
  const drops = [drop(10, 200_000), drop(11, 99)];

  it('adds up exactly the selected obligations and drops, in fen', () => {
    expect(selectedTotal(obligations, drops, { obligationIds: [1, 2], dropIds: [11] })).toBe(512_444);
    expect(selectedTotal(obligations, drops, { obligationIds: [], dropIds: [] })).toBe(0);
    expect(selectedTotal(obligations, drops, { obligationIds: [3], dropIds: [10, 11] })).toBe(200_100);
  });

  it('ids that are no longer listed count for nothing and are dropped after a reload', () => {
    expect(selectedTotal(obligations, drops, { obligationIds: [99], dropIds: [] })).toBe(0);
    const after = [obligation(1, 500_000, 'deposited'), obligation(2, 12_345, 'overdue')];
    expect(stillPending(after, [drop(10, 1, 5), drop(11, 99)], { obligationIds: [1, 2, 3], dropIds: [10, 11] }))
      .toEqual({ obligationIds: [2], dropIds: [11] });
  });

  it('slip references follow the contract', () => {
    expect(validSlipRef('DEP-2026-1008')).toBe(true);
    expect(validSlipRef('abc')).toBe(false);
    expect(validSlipRef('回单1234')).toBe(false);
  });
});
