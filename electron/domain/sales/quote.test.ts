import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fen, price, units } from '../../../shared/money';
import type { TariffTier } from '../tariffs/tariff';
import { DomainError } from '../errors';
import { quoteSale } from './quote';
import type { QuoteContext, SaleRequest } from './quote';

/** Residential electricity: ≤2,880 kWh at 0.4883, ≤4,800 kWh at 0.5383, above at 0.7883 yuan/kWh. */
const ELECTRICITY: TariffTier[] = [
  { uptoUnits: units(288000), price: price(4883) },
  { uptoUnits: units(480000), price: price(5383) },
  { uptoUnits: null, price: price(7883) },
];

const ctx = (over: Partial<QuoteContext> = {}): QuoteContext => ({
  creditKind: 'energy',
  tiers: ELECTRICITY,
  unitStep: 100,
  unitsToDate: units(0),
  creditBefore: fen(0),
  meterRemaining: 0,
  meterOverdraft: 0,
  creditCap: null,
  ...over,
});
const byMoney = (amount: number): SaleRequest => ({ mode: 'money', amount: fen(amount) });
const byUnits = (u: number): SaleRequest => ({ mode: 'units', units: units(u) });

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('energy meters, by money', () => {
  it('100.00 yuan at 0.4883 with whole kWh: 204 kWh, 99.61 yuan charged, 0.39 kept as credit', () => {
    // 100,004,999 ÷ 4883 = 20480 → 20400; 20400 × 4883 = 99,613,200 → 9961 fen; 10000 − 9961 = 39
    expect(quoteSale(ctx(), byMoney(10000))).toEqual({
      creditKind: 'energy',
      payable: 10000,
      charge: 9961,
      units: 20400,
      unitsAreEstimate: false,
      segments: [{ tier: 1, units: 20400, price: 4883, charge: 9961 }],
      tierBefore: 1,
      creditBefore: 0,
      creditAfter: 39,
      creditedToMeter: 20400,
      overdraftRecovered: 0,
      meterRemainingAfter: 20400,
    });
  });

  it('offers the credit held from earlier sales again', () => {
    // available 10000 + 39 = 10039; 100,394,999 ÷ 4883 = 20560 → 20500;
    // 20500 × 4883 = 100,101,500 → 10010 fen; credit after 10039 − 10010 = 29
    const q = quoteSale(ctx({ creditBefore: fen(39) }), byMoney(10000));
    expect([q.payable, q.units, q.charge, q.creditAfter]).toEqual([10000, 20500, 10010, 29]);
  });

  it('a purchase across the tier bound is split and tierBefore is the starting tier', () => {
    // 49 fen for the last 1 kWh of tier 1; 18400 × 5383 → 9905 fen in tier 2; 10000 − 9954 = 46
    const q = quoteSale(ctx({ unitsToDate: units(287900) }), byMoney(10000));
    expect(q.segments.map((s) => [s.tier, s.units, s.charge])).toEqual([[1, 100, 49], [2, 18400, 9905]]);
    expect([q.units, q.charge, q.creditAfter, q.tierBefore]).toEqual([18500, 9954, 46, 1]);
    expect(quoteSale(ctx({ unitsToDate: units(288000) }), byMoney(10000)).tierBefore).toBe(2);
  });

  it('refuses money too small for one unit step instead of parking it as credit', () => {
    // 0.48 yuan < 1 kWh (49 fen): nothing would reach the meter
    expect(refusal(() => quoteSale(ctx(), byMoney(48))).code).toBe('amount-buys-nothing');
    expect(quoteSale(ctx(), byMoney(49)).units).toBe(100);
  });

  it('credit alone can pay for a sale with nothing more to pay', () => {
    const q = quoteSale(ctx({ creditBefore: fen(49) }), byMoney(0));
    expect([q.payable, q.units, q.charge, q.creditAfter]).toEqual([0, 100, 49, 0]);
  });

  it('refuses a sale that buys nothing', () => {
    expect(refusal(() => quoteSale(ctx(), byMoney(0))).code).toBe('amount-buys-nothing');
    expect(refusal(() => quoteSale(ctx(), byUnits(0))).code).toBe('amount-buys-nothing');
  });
});

describe('energy meters, by units', () => {
  it('charges the units and takes the credit first: payable = max(0, charge − credit)', () => {
    // 100 kWh: 10000 × 4883 = 48,830,000 → 4883 fen
    const none = quoteSale(ctx(), byUnits(10000));
    expect([none.payable, none.charge, none.creditAfter, none.units]).toEqual([4883, 4883, 0, 10000]);
    const some = quoteSale(ctx({ creditBefore: fen(500) }), byUnits(10000));
    expect([some.payable, some.charge, some.creditAfter]).toEqual([4383, 4883, 0]);
    const more = quoteSale(ctx({ creditBefore: fen(6000) }), byUnits(10000));
    expect([more.payable, more.charge, more.creditAfter]).toEqual([0, 4883, 1117]);
  });

  it('refuses units that are not on the meter step', () => {
    const e = refusal(() => quoteSale(ctx(), byUnits(150)));
    expect(e.code).toBe('units-not-on-step');
    expect(e.params).toEqual({ step: 100 });
    expect(quoteSale(ctx({ unitStep: 10 }), byUnits(150)).units).toBe(150);
  });
});

describe('overdraft and credit cap', () => {
  it('the meter takes its overdraft back first', () => {
    const q = quoteSale(ctx({ meterOverdraft: 500 }), byMoney(10000));
    expect([q.creditedToMeter, q.overdraftRecovered, q.meterRemainingAfter]).toEqual([20400, 500, 19900]);
  });

  it('an overdraft larger than the credit swallows all of it', () => {
    const q = quoteSale(ctx({ meterOverdraft: 30000 }), byMoney(10000));
    expect([q.overdraftRecovered, q.meterRemainingAfter]).toEqual([20400, 0]);
  });

  it('refuses a credit past the cap, before anything is written', () => {
    const e = refusal(() => quoteSale(ctx({ creditCap: 30000, meterRemaining: 10000 }), byMoney(10000)));
    expect(e).toBeInstanceOf(DomainError);
    expect(e.code).toBe('credit-cap-exceeded');
    expect(e.params).toEqual({ cap: 30000, remaining: 10000 });
  });

  it('a credit that reaches the cap exactly, or fits after overdraft recovery, passes', () => {
    expect(quoteSale(ctx({ creditCap: 30400, meterRemaining: 10000 }), byMoney(10000)).meterRemainingAfter).toBe(30400);
    const q = quoteSale(ctx({ creditCap: 20000, meterOverdraft: 500 }), byMoney(10000));
    expect(q.meterRemainingAfter).toBe(19900);
  });

  it('overdraftRecovered = min(overdraft, credited); refused exactly when past the cap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 0, max: 50_000 }),
        fc.option(fc.integer({ min: 0, max: 200_000 })), fc.constantFrom('energy' as const, 'money' as const),
        (amount, remaining, overdraft, cap, creditKind) => {
          const c = ctx({ creditKind, meterRemaining: remaining, meterOverdraft: overdraft, creditCap: cap });
          if (creditKind === 'energy' && amount < 49) return; // less than one whole kWh: refused, tested above
          const base = quoteSale({ ...c, creditCap: null }, byMoney(amount));
          expect(base.overdraftRecovered).toBe(Math.min(overdraft, base.creditedToMeter));
          expect(base.meterRemainingAfter).toBe(remaining + base.creditedToMeter - base.overdraftRecovered);
          if (cap !== null && base.meterRemainingAfter > cap) {
            expect(refusal(() => quoteSale(c, byMoney(amount))).code).toBe('credit-cap-exceeded');
          } else {
            expect(quoteSale(c, byMoney(amount))).toEqual(base);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('money meters (本地费控)', () => {
  it('credit the money itself and only estimate the units', () => {
    // 10000 fen at 0.4883 with step 1: 20480 units (estimate); hall credit untouched
    const q = quoteSale(ctx({ creditKind: 'money', creditBefore: fen(77) }), byMoney(10000));
    expect(q.unitsAreEstimate).toBe(true);
    expect([q.payable, q.charge, q.units, q.creditedToMeter, q.creditAfter]).toEqual([10000, 10000, 20480, 10000, 77]);
  });

  it('a units request is priced and the money credited', () => {
    // 10000 units → 4883 fen; estimated back: 48,834,999 ÷ 4883 = 10001 units
    // (10001 × 4883 = 48,834,883 → 4883.49 → 4883 fen, so one more 0.01 kWh fits)
    const q = quoteSale(ctx({ creditKind: 'money' }), byUnits(10000));
    expect([q.payable, q.charge, q.units, q.creditedToMeter]).toEqual([4883, 4883, 10001, 4883]);
  });

  it('the cap and overdraft are in fen', () => {
    const c = ctx({ creditKind: 'money', meterRemaining: 5000, meterOverdraft: 0, creditCap: 14999 });
    expect(refusal(() => quoteSale(c, byMoney(10000))).code).toBe('credit-cap-exceeded');
    const q = quoteSale({ ...c, meterOverdraft: 200 }, byMoney(10000));
    expect([q.overdraftRecovered, q.meterRemainingAfter]).toEqual([200, 14800]);
  });
});

describe('hall-kept meters (远程费控)', () => {
  it('keep the money as hall credit, recognise no revenue, write nothing', () => {
    const q = quoteSale(ctx({ creditKind: 'hall', creditBefore: fen(1234), meterRemaining: 99 }), byMoney(5000));
    expect(q).toMatchObject({
      payable: 5000, charge: 0, units: 0, segments: [], unitsAreEstimate: false,
      creditBefore: 1234, creditAfter: 6234, creditedToMeter: 0, overdraftRecovered: 0, meterRemainingAfter: 99,
    });
  });

  it('ignore the credit cap', () => {
    const q = quoteSale(ctx({ creditKind: 'hall', meterRemaining: 500, creditCap: 100 }), byMoney(5000));
    expect(q.creditAfter).toBe(5000);
  });

  it('refuse unit requests and empty amounts', () => {
    expect(refusal(() => quoteSale(ctx({ creditKind: 'hall' }), byUnits(100))).code).toBe('hall-meter-sells-money-only');
    expect(refusal(() => quoteSale(ctx({ creditKind: 'hall' }), byMoney(0))).code).toBe('amount-buys-nothing');
  });
});
