import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fen } from '../../../shared/money';
import { DENOMINATIONS, countedTotal, reconcileShift, unknownDenominations } from './shift';

describe('countedTotal', () => {
  it('adds up pieces × denomination in fen', () => {
    expect(countedTotal({ '10000': 3 })).toBe(30000); // 3 × 100 yuan
    // 2 × 100 + 1 × 50 + 4 × 1 yuan + 3 × 0.5 + 7 × 0.01 = 255.57 yuan
    expect(countedTotal({ '10000': 2, '5000': 1, '100': 4, '50': 3, '1': 7 })).toBe(25557);
    expect(countedTotal({})).toBe(0);
    expect(countedTotal({ '10000': 0, '1': 0 })).toBe(0);
  });

  it('one piece of every denomination is 186.68 yuan', () => {
    // 100 + 50 + 20 + 10 + 5 + 1 + 0.5 + 0.1 + 0.05 + 0.02 + 0.01 = 186.68
    expect(countedTotal(Object.fromEntries(DENOMINATIONS.map((d) => [String(d), 1])))).toBe(18668);
  });

  it('refuses fractional piece counts and non-numeric keys rather than rounding', () => {
    expect(() => countedTotal({ '1': 0.5 })).toThrow(RangeError);
    expect(() => countedTotal({ abc: 1 })).toThrow(RangeError);
  });

  it('equals the sum over denominations (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 11, maxLength: 11 }), (pieces) => {
        const count = Object.fromEntries(DENOMINATIONS.map((d, i) => [String(d), pieces[i]!]));
        const expected = DENOMINATIONS.reduce((total, d, i) => total + d * pieces[i]!, 0);
        expect(countedTotal(count)).toBe(expected);
        expect(unknownDenominations(count)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('unknownDenominations', () => {
  it('lists keys that are not renminbi notes or coins', () => {
    // (integer-like object keys enumerate in ascending numeric order)
    expect(unknownDenominations({ '10000': 1, '300': 2, '1': 1, '3': 1 })).toEqual(['3', '300']);
    expect(unknownDenominations({ '20000': 1, abc: 1, '0': 1 })).toEqual(['0', '20000', 'abc']);
    expect(unknownDenominations({})).toEqual([]);
  });

  it('knows the eleven denominations from 100 yuan down to 1 fen', () => {
    expect(DENOMINATIONS).toEqual([10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1]);
  });
});

describe('reconcileShift', () => {
  it('short (短款): counted below expected', () => {
    // expected 500.00 float + 1234.56 sales = 1734.56; counted 1734.00 → short 0.56
    expect(reconcileShift(fen(50000), fen(123456), fen(173400))).toEqual({ expected: 173456, counted: 173400, shortOver: -56 });
  });

  it('over (长款): counted above expected', () => {
    expect(reconcileShift(fen(50000), fen(10000), fen(60100))).toEqual({ expected: 60000, counted: 60100, shortOver: 100 });
  });

  it('balanced, and with refunds making the movements negative', () => {
    expect(reconcileShift(fen(50000), fen(0), fen(50000)).shortOver).toBe(0);
    expect(reconcileShift(fen(50000), fen(-20000), fen(30000))).toEqual({ expected: 30000, counted: 30000, shortOver: 0 });
  });

  it('counted = expected + shortOver exactly (property)', () => {
    const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
    fc.assert(
      fc.property(amount, amount, amount, (float, moves, counted) => {
        const r = reconcileShift(fen(float), fen(moves), fen(counted));
        expect(r.expected).toBe(float + moves);
        expect(r.counted).toBe(counted);
        expect(r.expected + r.shortOver).toBe(counted);
      }),
      { numRuns: 300 },
    );
  });
});
