import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_UNITS, fen, price, units } from '../../../shared/money';
import type { Fen, Units } from '../../../shared/money';
import { currentTier, priceUnits, tierProblem, unitsForMoney } from './tariff';
import type { PricedUnits, TariffTier } from './tariff';
import { quoteSale } from '../sales/quote';
import type { QuoteContext } from '../sales/quote';

/** 1–4 tiers, strictly increasing bounds, prices 0..50000 (1/10000 yuan), the open last tier priced > 0. */
const tierTable: fc.Arbitrary<TariffTier[]> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: n - 1, maxLength: n - 1 }),
      fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: n - 1, maxLength: n - 1 }),
      fc.integer({ min: 1, max: 50_000 }),
    )
    .map(([bounds, prices, lastPrice]) => [
      ...[...bounds].sort((a, b) => a - b).map((b, i) => ({ uptoUnits: units(b), price: price(prices[i]!) })),
      { uptoUnits: null, price: price(lastPrice) },
    ]),
);
const alreadyArb = fc.integer({ min: 0, max: 1_200_000 }).map(units);
const moneyArb = fc.integer({ min: 0, max: 20_000_000 }).map(fen); // up to 200,000 yuan
const stepArb = fc.constantFrom(1, 10, 100);
const RUNS = { numRuns: 500 };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const room = (already: Units) => MAX_UNITS - already;

function expectSegmentsConsistent(tiers: readonly TariffTier[], p: PricedUnits): void {
  expect(sum(p.segments.map((s) => s.charge))).toBe(p.charge);
  expect(sum(p.segments.map((s) => s.units))).toBe(p.units);
  for (const s of p.segments) {
    expect(s.units).toBeGreaterThan(0);
    expect(s.price).toBe(tiers[s.tier - 1]!.price);
  }
  const order = p.segments.map((s) => s.tier);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(new Set(order).size).toBe(order.length);
}

/** priceUnits(...).charge ≤ money; a charge past MAX_FEN (RangeError) is certainly more than the money. */
function affordable(tiers: readonly TariffTier[], already: Units, wanted: number, money: Fen): boolean {
  try {
    return priceUnits(tiers, already, units(wanted)).charge <= money;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** Independent oracle: the largest total (on the step) whose tier-split charge fits, by binary search. */
function oracleUnits(tiers: readonly TariffTier[], already: Units, money: Fen, step: number): number {
  let lo = 0;
  let hi = room(already);
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    if (affordable(tiers, already, mid, money)) lo = mid;
    else hi = mid - 1;
  }
  return Math.floor(lo / step) * step;
}

describe('tariff properties', () => {
  it('generated tables are sound', () => {
    fc.assert(
      fc.property(tierTable, (tiers) => {
        expect(tierProblem(tiers)).toBeNull();
      }),
      RUNS,
    );
  });

  it('1. energy quotes by money conserve money exactly to the fen', () => {
    fc.assert(
      fc.property(
        tierTable, alreadyArb, fc.integer({ min: 1, max: 20_000_000 }), fc.integer({ min: 0, max: 100_000 }), stepArb,
        (tiers, already, amount, credit, step) => {
          const ctx: QuoteContext = {
            creditKind: 'energy', tiers, unitStep: step, unitsToDate: already, creditBefore: fen(credit),
            meterRemaining: 0, meterOverdraft: 0, creditCap: null,
          };
          const affordable = unitsForMoney(tiers, already, fen(amount + credit), step);
          if (affordable.units === 0) {
            // Nothing would reach the meter: the counter refuses instead of parking the money.
            expect(() => quoteSale(ctx, { mode: 'money', amount: fen(amount) })).toThrow('amount-buys-nothing');
            return;
          }
          const q = quoteSale(ctx, { mode: 'money', amount: fen(amount) });
          expect(q.payable).toBe(amount);
          expect(q.creditBefore + q.payable).toBe(q.charge + q.creditAfter);
          expect(q.creditAfter).toBeGreaterThanOrEqual(0);
          expect(sum(q.segments.map((s) => s.charge))).toBe(q.charge);
          expect(sum(q.segments.map((s) => s.units))).toBe(q.units);
          expect(q.creditedToMeter).toBe(q.units);
          expect(q.units % step).toBe(0);
        },
      ),
      RUNS,
    );
  });

  it('1b. energy quotes by units conserve money and use the credit first', () => {
    fc.assert(
      fc.property(
        tierTable, alreadyArb, fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 0, max: 100_000 }), stepArb,
        (tiers, already, steps, credit, step) => {
          const ctx: QuoteContext = {
            creditKind: 'energy', tiers, unitStep: step, unitsToDate: already, creditBefore: fen(credit),
            meterRemaining: 0, meterOverdraft: 0, creditCap: null,
          };
          const q = quoteSale(ctx, { mode: 'units', units: units(steps * step) });
          expect(q.units).toBe(steps * step);
          expect(q.payable).toBe(Math.max(0, q.charge - credit));
          expect(q.creditBefore + q.payable).toBe(q.charge + q.creditAfter);
          expect(q.creditAfter).toBe(Math.max(0, credit - q.charge));
        },
      ),
      RUNS,
    );
  });

  it('priceUnits: segments add up to the units and the charge; the first segment is in the current tier', () => {
    fc.assert(
      fc.property(tierTable, alreadyArb, fc.integer({ min: 0, max: 2_000_000 }), (tiers, already, wanted) => {
        const p = priceUnits(tiers, already, units(wanted));
        expect(p.units).toBe(wanted);
        expectSegmentsConsistent(tiers, p);
        if (wanted > 0) expect(p.segments[0]!.tier).toBe(currentTier(tiers, already));
      }),
      RUNS,
    );
  });

  it('priceUnits: buying a then b fills each tier with as many units as buying a + b at once', () => {
    const perTier = (p: PricedUnits) => {
      const out = [0, 0, 0, 0, 0];
      for (const s of p.segments) out[s.tier] = (out[s.tier] ?? 0) + s.units;
      return out;
    };
    fc.assert(
      fc.property(
        tierTable, alreadyArb, fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }),
        (tiers, already, a, b) => {
          const first = perTier(priceUnits(tiers, already, units(a)));
          const second = perTier(priceUnits(tiers, units(already + a), units(b)));
          const whole = perTier(priceUnits(tiers, already, units(a + b)));
          expect(first.map((x, i) => x + second[i]!)).toEqual(whole);
        },
      ),
      RUNS,
    );
  });

  it('2. more money never buys fewer units', () => {
    fc.assert(
      fc.property(tierTable, alreadyArb, moneyArb, moneyArb, stepArb, (tiers, already, m1, m2, step) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        const a = unitsForMoney(tiers, already, lo, step);
        const b = unitsForMoney(tiers, already, hi, step);
        expect(a.units).toBeLessThanOrEqual(b.units);
        expect(a.charge).toBeLessThanOrEqual(b.charge);
      }),
      RUNS,
    );
  });

  it('3. money → units → money never creates value, and lands on the step', () => {
    fc.assert(
      fc.property(tierTable, alreadyArb, moneyArb, stepArb, (tiers, already, money, step) => {
        const bought = unitsForMoney(tiers, already, money, step);
        expectSegmentsConsistent(tiers, bought);
        expect(bought.units % step).toBe(0);
        expect(bought.charge).toBeLessThanOrEqual(money);
        expect(priceUnits(tiers, already, bought.units)).toEqual(bought);
      }),
      RUNS,
    );
  });

  it('4. one more unit step would cost more than the money (unless the range is exhausted)', () => {
    fc.assert(
      fc.property(tierTable, alreadyArb, moneyArb, stepArb, (tiers, already, money, step) => {
        const bought = unitsForMoney(tiers, already, money, step);
        const next = bought.units + step;
        if (next > room(already)) return; // the tariff range itself is used up
        expect(affordable(tiers, already, next, money)).toBe(false);
      }),
      RUNS,
    );
  });

  it('unitsForMoney agrees with a binary-search oracle over priceUnits', () => {
    fc.assert(
      fc.property(tierTable, alreadyArb, moneyArb, stepArb, (tiers, already, money, step) => {
        expect(unitsForMoney(tiers, already, money, step).units).toBe(oracleUnits(tiers, already, money, step));
      }),
      { numRuns: 300 },
    );
  });

  it('currentTier is the first tier whose bound lies above the units already bought', () => {
    fc.assert(
      fc.property(tierTable, alreadyArb, (tiers, already) => {
        const t = currentTier(tiers, already);
        const chosen = tiers[t - 1]!;
        expect(chosen.uptoUnits === null || already < chosen.uptoUnits).toBe(true);
        for (const earlier of tiers.slice(0, t - 1)) expect(already).toBeGreaterThanOrEqual(earlier.uptoUnits!);
      }),
      RUNS,
    );
  });
});
