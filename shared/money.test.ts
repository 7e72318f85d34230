import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_FEN,
  MAX_PRICE,
  MAX_UNITS,
  addFen,
  addUnits,
  chargeFor,
  chargeForDelta,
  fen,
  formatPrice,
  formatUnits,
  formatYuan,
  maxFen,
  minFen,
  negFen,
  parseYuan,
  price,
  roundUnitsDownToStep,
  subFen,
  subUnits,
  units,
  unitsAffordable,
} from './money';

const notFiniteIntegers = [0.5, 1.000001, -2.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53];

describe('branded constructors', () => {
  it.each(notFiniteIntegers)('fen/price/units refuse %s', (value) => {
    expect(() => fen(value)).toThrow(RangeError);
    expect(() => price(value)).toThrow(RangeError);
    expect(() => units(value)).toThrow(RangeError);
  });

  it('fen accepts the whole range, negatives included, and nothing past it', () => {
    expect(fen(MAX_FEN)).toBe(10_000_000_000);
    expect(fen(-MAX_FEN)).toBe(-10_000_000_000);
    expect(fen(-5)).toBe(-5);
    expect(() => fen(MAX_FEN + 1)).toThrow(RangeError);
    expect(() => fen(-MAX_FEN - 1)).toThrow(RangeError);
  });

  it('price refuses negatives and anything above 1,000 yuan per unit', () => {
    expect(price(0)).toBe(0);
    expect(price(MAX_PRICE)).toBe(10_000_000);
    expect(() => price(-1)).toThrow(RangeError);
    expect(() => price(MAX_PRICE + 1)).toThrow(RangeError);
  });

  it('units accepts the range and nothing past it', () => {
    expect(units(MAX_UNITS)).toBe(10_000_000_000);
    expect(() => units(MAX_UNITS + 1)).toThrow(RangeError);
    expect(() => units(-MAX_UNITS - 1)).toThrow(RangeError);
  });

  it('refuses every non-integer double (property)', () => {
    fc.assert(
      fc.property(
        fc.double().filter((d) => !Number.isInteger(d)),
        (d) => {
          expect(() => fen(d)).toThrow(RangeError);
          expect(() => price(d)).toThrow(RangeError);
          expect(() => units(d)).toThrow(RangeError);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('arithmetic helpers', () => {
  it('add, subtract, negate, min, max', () => {
    expect(addFen(fen(1), fen(2), fen(-4))).toBe(-1);
    expect(addFen()).toBe(0);
    expect(subFen(fen(100), fen(250))).toBe(-150);
    expect(negFen(fen(7))).toBe(-7);
    expect(Object.is(negFen(fen(0)), 0)).toBe(true); // never -0
    expect(minFen(fen(3), fen(-3))).toBe(-3);
    expect(maxFen(fen(3), fen(-3))).toBe(3);
    expect(addUnits(units(100), units(23))).toBe(123);
    expect(subUnits(units(100), units(23))).toBe(77);
  });

  it('refuses to overflow the range', () => {
    expect(() => addFen(fen(MAX_FEN), fen(1))).toThrow(RangeError);
    expect(() => subFen(fen(-MAX_FEN), fen(1))).toThrow(RangeError);
    expect(() => addUnits(units(MAX_UNITS), units(1))).toThrow(RangeError);
  });
});

describe('R1 chargeFor', () => {
  it('rounds half up to the fen', () => {
    // 1 × 4883 / 10000 = 0.4883 fen → 0
    expect(chargeFor(units(1), price(4883))).toBe(0);
    // 2 × 4883 / 10000 = 0.9766 fen → 1
    expect(chargeFor(units(2), price(4883))).toBe(1);
    // 1 × 5000 / 10000 = 0.5 fen → 1 (half up)
    expect(chargeFor(units(1), price(5000))).toBe(1);
    // 1 × 4999 / 10000 = 0.4999 fen → 0
    expect(chargeFor(units(1), price(4999))).toBe(0);
    // 1 kWh = 100 units at 0.4883 yuan: 48.83 fen → 49
    expect(chargeFor(units(100), price(4883))).toBe(49);
    // 204 kWh: 20400 × 4883 = 99,613,200 → 9961.32 fen → 9961
    expect(chargeFor(units(20400), price(4883))).toBe(9961);
    // 180 m³ of water at 5.0000 yuan: 18000 × 50000 / 10000 = 90000 fen exactly
    expect(chargeFor(units(18000), price(50000))).toBe(90000);
    expect(chargeFor(units(0), price(MAX_PRICE))).toBe(0);
  });

  it('refuses negative units and results past MAX_FEN', () => {
    expect(() => chargeFor(units(-1), price(4883))).toThrow(RangeError);
    // 10^10 units × 1.0000 yuan = 10^10 fen: the largest that fits
    expect(chargeFor(units(MAX_UNITS), price(10000))).toBe(MAX_FEN);
    expect(() => chargeFor(units(MAX_UNITS), price(10001))).toThrow(RangeError);
  });

  it('is the exact product within (−0.5, +0.5] fen (property)', () => {
    fc.assert(
      // u·p ≤ 10^14: the result stays within MAX_FEN and the check below is exact in a double
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (u, p) => {
        const c = chargeFor(units(u), price(p));
        const error = c * 10000 - u * p; // exact: both sides stay below 2^53
        expect(error).toBeGreaterThanOrEqual(-4999);
        expect(error).toBeLessThanOrEqual(5000);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('R2 unitsAffordable and roundUnitsDownToStep', () => {
  it('buys the largest count whose charge fits', () => {
    // limit = 10000 × 10000 + 4999 = 100,004,999; ÷ 4883 = 20480 (20480 × 4883 = 100,003,840)
    expect(unitsAffordable(fen(10000), price(4883))).toBe(20480);
    expect(chargeFor(units(20480), price(4883))).toBe(10000);
    expect(chargeFor(units(20481), price(4883))).toBe(10001);
    // zero money still buys what rounds to zero fen: 1 unit at 0.4883 fen
    expect(unitsAffordable(fen(0), price(4883))).toBe(1);
    expect(unitsAffordable(fen(0), price(5000))).toBe(0);
    expect(unitsAffordable(fen(MAX_FEN), price(1))).toBe(MAX_UNITS);
  });

  it('refuses negative money and non-positive prices', () => {
    expect(() => unitsAffordable(fen(-1), price(4883))).toThrow(RangeError);
    expect(() => unitsAffordable(fen(100), price(0))).toThrow(RangeError);
  });

  it('is maximal (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 1, max: MAX_PRICE }), (m, p) => {
        const u = unitsAffordable(fen(m), price(p));
        expect(chargeFor(u, price(p))).toBeLessThanOrEqual(m);
        if (u < MAX_UNITS) expect(chargeFor(units(u + 1), price(p))).toBeGreaterThan(m);
      }),
      { numRuns: 1000 },
    );
  });

  it('rounds down to the step', () => {
    expect(roundUnitsDownToStep(units(20480), 100)).toBe(20400);
    expect(roundUnitsDownToStep(units(20480), 10)).toBe(20480);
    expect(roundUnitsDownToStep(units(20489), 10)).toBe(20480);
    expect(roundUnitsDownToStep(units(99), 100)).toBe(0);
    expect(roundUnitsDownToStep(units(12345), 1)).toBe(12345);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => roundUnitsDownToStep(units(100), bad)).toThrow(RangeError);
  });
});

describe('R3 parseYuan', () => {
  it.each([
    ['0.5', 50],
    [' 12.3 ', 1230],
    ['123.45', 12345],
    ['0', 0],
    ['7', 700],
    ['0.05', 5],
    ['007.10', 710],
    ['100000000', MAX_FEN],
  ])('accepts %j → %i fen', (text, expected) => {
    expect(parseYuan(text)).toBe(expected);
  });

  it.each([
    '1.234', '-1', 'abc', '1e3', '', ' ', '.', '1.', '.5', '1,000', '+1', '1 000', '１２', '0x10',
    'Infinity', 'NaN', '1234567890', '12.3.4', '¥12',
    // past MAX_FEN: refused, not thrown (was a RangeError before the fix)
    '100000000.01', '999999999', '999999999.99',
  ])('refuses %j', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  it('round-trips formatYuan for every amount in range (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (f) => {
        expect(parseYuan(formatYuan(fen(f)))).toBe(f);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formatting', () => {
  it('formatYuan', () => {
    expect(formatYuan(fen(12345))).toBe('123.45');
    expect(formatYuan(fen(-5))).toBe('-0.05');
    expect(formatYuan(fen(0))).toBe('0.00');
    expect(formatYuan(fen(7))).toBe('0.07');
    expect(formatYuan(fen(100))).toBe('1.00');
    expect(formatYuan(fen(-123456))).toBe('-1234.56');
    expect(formatYuan(fen(MAX_FEN))).toBe('100000000.00');
  });

  it('formatUnits', () => {
    expect(formatUnits(units(123456))).toBe('1234.56');
    expect(formatUnits(units(-1))).toBe('-0.01');
    expect(formatUnits(units(0))).toBe('0.00');
    expect(formatUnits(units(288000))).toBe('2880.00');
  });

  it('formatPrice', () => {
    expect(formatPrice(price(4883))).toBe('0.4883');
    expect(formatPrice(price(0))).toBe('0.0000');
    expect(formatPrice(price(5))).toBe('0.0005');
    expect(formatPrice(price(10000))).toBe('1.0000');
    expect(formatPrice(price(123456))).toBe('12.3456');
  });
});

describe('R4 chargeForDelta', () => {
  it('charges a signed price difference by R1 on its magnitude, the sign restored', () => {
    expect(chargeForDelta(units(1500), 500)).toBe(75);
    expect(chargeForDelta(units(100), -50)).toBe(-1); // −0.5 fen rounds away from zero, as +0.5 does
    expect(chargeForDelta(units(100), 50)).toBe(1);
    expect(chargeForDelta(units(100), 0)).toBe(0);
  });
});
