import { describe, expect, it } from 'vitest';
import { fen } from '../../../shared/money';
import { planConsumptionCharge, planDeposit, planDrop, planReversal, planVoucherReceipt } from './ledger-plan';
import type { LedgerLine } from './ledger-plan';

const sum = (lines: readonly LedgerLine[]) => lines.reduce((total, line) => total + line.amount, 0);

describe('the money-discipline ledger plans', () => {
  it('a voucher is money at the bank owed to the customer until sold', () => {
    expect(planVoucherReceipt(fen(50_000))).toEqual([
      { book: 'bank', meterId: null, amount: 50_000 },
      { book: 'voucher_funds', meterId: null, amount: -50_000 },
    ]);
  });

  it('a reversal negates every line of the sale, so the pair sums to zero line by line', () => {
    const sale: LedgerLine[] = [
      { book: 'voucher_funds', meterId: null, amount: fen(10_000) },
      { book: 'revenue', meterId: 4, amount: fen(-9_961) },
      { book: 'customer_credit', meterId: 4, amount: fen(-39) },
    ];
    const reversal = planReversal(sale);
    expect(reversal).toEqual(sale.map((line) => ({ ...line, amount: -line.amount })));
    expect(sum(reversal)).toBe(0);
  });

  it('a drop moves drawer cash to the safe; a deposit banks holiday cash from its shift and drops from the safe', () => {
    expect(planDrop(fen(30_000))).toEqual([
      { book: 'cash', meterId: null, amount: -30_000 },
      { book: 'safe', meterId: null, amount: 30_000 },
    ]);
    const deposit = planDeposit([{ shiftId: 11, amount: fen(500_000) }, { shiftId: 12, amount: fen(1) }], [fen(30_000)]);
    expect(deposit).toEqual([
      { book: 'cash', meterId: null, amount: -500_000, shiftId: 11 },
      { book: 'cash', meterId: null, amount: -1, shiftId: 12 },
      { book: 'safe', meterId: null, amount: -30_000 },
      { book: 'bank', meterId: null, amount: 530_001 },
    ]);
  });
});

describe('planConsumptionCharge (hall-kept meters)', () => {
  it('moves the charge from the held credit to revenue, summing to zero; a zero charge books nothing', () => {
    const lines = planConsumptionCharge(7, fen(2442));
    expect(lines).toEqual([{ book: 'customer_credit', meterId: 7, amount: 2442 }, { book: 'revenue', meterId: 7, amount: -2442 }]);
    expect(sum(lines)).toBe(0);
    expect(planConsumptionCharge(7, fen(0))).toEqual([]);
  });
});
