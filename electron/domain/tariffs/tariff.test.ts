import { describe, expect, it } from 'vitest';
import { MAX_UNITS, fen, price, units } from '../../../shared/money';
import { currentTier, priceUnits, tierProblem, unitsForMoney, versionInForce } from './tariff';
import type { TariffTier } from './tariff';

const tier = (uptoUnits: number | null, p: number): TariffTier => ({
  uptoUnits: uptoUnits === null ? null : units(uptoUnits),
  price: price(p),
});

/** Residential electricity, annual tiers: ≤2,880 kWh at 0.4883, ≤4,800 kWh at 0.5383, above at 0.7883 yuan/kWh. */
const ELECTRICITY = [tier(288000, 4883), tier(480000, 5383), tier(null, 7883)];
/** Residential water, annual tiers: 0–180 m³ at 5.00, 181–260 m³ at 7.00, above 260 m³ at 9.00 yuan/m³. */
const WATER = [tier(18000, 50000), tier(26000, 70000), tier(null, 90000)];
const FLAT = [tier(null, 4883)];

const split = (tiers: readonly TariffTier[], already: number, wanted: number) =>
  priceUnits(tiers, units(already), units(wanted)).segments.map((s) => [s.tier, s.units, s.charge]);

describe('tierProblem', () => {
  it('accepts sound tables', () => {
    expect(tierProblem(ELECTRICITY)).toBeNull();
    expect(tierProblem(WATER)).toBeNull();
    expect(tierProblem(FLAT)).toBeNull();
    expect(tierProblem([tier(5000, 0), tier(null, 1)])).toBeNull(); // a free first tier is allowed
  });

  it('names what is wrong', () => {
    expect(tierProblem([])).toBe('no-tiers');
    expect(tierProblem([tier(100, 4883)])).toBe('only-last-tier-open');
    expect(tierProblem([tier(null, 4883), tier(null, 5383)])).toBe('only-last-tier-open');
    expect(tierProblem([tier(null, 4883), tier(100, 5383)])).toBe('only-last-tier-open');
    expect(tierProblem([tier(100, 1), tier(100, 2), tier(null, 3)])).toBe('tier-bounds-not-increasing');
    expect(tierProblem([tier(200, 1), tier(100, 2), tier(null, 3)])).toBe('tier-bounds-not-increasing');
    expect(tierProblem([tier(0, 1), tier(null, 3)])).toBe('tier-bounds-not-increasing');
    expect(tierProblem([tier(null, 0)])).toBe('last-tier-price-zero');
    expect(tierProblem([tier(100, 4883), tier(null, 0)])).toBe('last-tier-price-zero');
  });
});

describe('electricity tier boundary at 2,880 kWh (288000)', () => {
  it('buying exactly up to the boundary stays in tier 1', () => {
    // 288000 × 4883 = 1,406,304,000 → 140630.4 fen → 140630
    expect(split(ELECTRICITY, 0, 288000)).toEqual([[1, 288000, 140630]]);
    expect(split(ELECTRICITY, 287900, 100)).toEqual([[1, 100, 49]]);
  });

  it('one more 0.01 kWh goes to tier 2', () => {
    // tier 2: 1 × 5383 = 0.5383 fen → 1
    expect(split(ELECTRICITY, 0, 288001)).toEqual([[1, 288000, 140630], [2, 1, 1]]);
    expect(priceUnits(ELECTRICITY, units(0), units(288001)).charge).toBe(140631);
  });

  it('a purchase spanning the boundary splits exactly', () => {
    // 100 × 4883 = 48.83 → 49 fen; 100 × 5383 = 53.83 → 54 fen; total 103
    expect(split(ELECTRICITY, 287900, 200)).toEqual([[1, 100, 49], [2, 100, 54]]);
    expect(priceUnits(ELECTRICITY, units(287900), units(200)).charge).toBe(103);
    // across the second bound: 50 × 5383 = 26.915 → 27; 50 × 7883 = 39.415 → 39
    expect(split(ELECTRICITY, 479950, 100)).toEqual([[2, 50, 27], [3, 50, 39]]);
    // all three tiers in one purchase
    expect(split(ELECTRICITY, 287999, 192002)).toEqual([[1, 1, 0], [2, 192000, 103354], [3, 1, 1]]);
  });

  it('already at the boundary starts in tier 2', () => {
    expect(split(ELECTRICITY, 288000, 100)).toEqual([[2, 100, 54]]);
    expect(split(ELECTRICITY, 480000, 100)).toEqual([[3, 100, 79]]);
  });

  it('currentTier answers right around the bounds', () => {
    expect(currentTier(ELECTRICITY, units(0))).toBe(1);
    expect(currentTier(ELECTRICITY, units(287999))).toBe(1);
    expect(currentTier(ELECTRICITY, units(288000))).toBe(2);
    expect(currentTier(ELECTRICITY, units(288001))).toBe(2);
    expect(currentTier(ELECTRICITY, units(479999))).toBe(2);
    expect(currentTier(ELECTRICITY, units(480000))).toBe(3);
    expect(currentTier(ELECTRICITY, units(MAX_UNITS))).toBe(3);
  });

  it('money that reaches exactly the boundary buys tier-1 units only', () => {
    const exact = unitsForMoney(ELECTRICITY, units(0), fen(140630), 1);
    expect(exact.units).toBe(288000);
    expect(exact.segments.map((s) => s.tier)).toEqual([1]);
    // one fen more: 14999 ÷ 5383 = 2 units in tier 2 (2 × 5383 = 1.0766 fen → 1)
    const more = unitsForMoney(ELECTRICITY, units(0), fen(140631), 1);
    expect(more.units).toBe(288002);
    expect(more.segments.map((s) => [s.tier, s.units, s.charge])).toEqual([[1, 288000, 140630], [2, 2, 1]]);
  });
});

describe('water tier boundaries at 180 m³ (18000) and 260 m³ (26000)', () => {
  it('splits exactly at the bounds', () => {
    // 18000 × 50000 / 10000 = 90000 fen (180 m³ × 5 yuan)
    expect(split(WATER, 0, 18000)).toEqual([[1, 18000, 90000]]);
    // +0.01 m³ at 7 yuan = 7 fen
    expect(split(WATER, 0, 18001)).toEqual([[1, 18000, 90000], [2, 1, 7]]);
    // 0.5 m³ at 5 yuan = 250 fen; 0.5 m³ at 7 yuan = 350 fen
    expect(split(WATER, 17950, 100)).toEqual([[1, 50, 250], [2, 50, 350]]);
    expect(split(WATER, 18000, 100)).toEqual([[2, 100, 700]]);
    expect(split(WATER, 25999, 2)).toEqual([[2, 1, 7], [3, 1, 9]]);
    expect(split(WATER, 26000, 100)).toEqual([[3, 100, 900]]);
  });

  it('currentTier', () => {
    expect(currentTier(WATER, units(17999))).toBe(1);
    expect(currentTier(WATER, units(18000))).toBe(2);
    expect(currentTier(WATER, units(18001))).toBe(2);
    expect(currentTier(WATER, units(25999))).toBe(2);
    expect(currentTier(WATER, units(26000))).toBe(3);
    expect(currentTier(WATER, units(26001))).toBe(3);
  });

  it('money spanning the boundary, whole m³', () => {
    // 1000.00 yuan from 0: tier 1 (18000 units) costs 90000 fen, 10000 fen left;
    // 100,004,999 ÷ 70000 = 1428 units → 19428 total → rounded down to 19400;
    // repriced: 90000 + 1400 × 7 = 99800 fen
    const r = unitsForMoney(WATER, units(0), fen(100000), 100);
    expect(r.units).toBe(19400);
    expect(r.charge).toBe(99800);
    expect(r.segments.map((s) => [s.tier, s.units, s.charge])).toEqual([[1, 18000, 90000], [2, 1400, 9800]]);
  });

  it('prices above 1 yuan/unit in the open tier (regression: used to throw RangeError)', () => {
    // 900.00 yuan at 9 yuan/m³ from 260 m³: 900,004,999 ÷ 90000 = 10000 units (100 m³), 90000 fen
    const r = unitsForMoney(WATER, units(26000), fen(90000), 1);
    expect(r.units).toBe(10000);
    expect(r.charge).toBe(90000);
    expect(unitsForMoney([tier(null, 50000)], units(0), fen(10000), 1).units).toBe(2000);
  });
});

describe('worked examples (rule R2)', () => {
  it('100.00 yuan at 0.4883 yuan/kWh, whole-kWh step', () => {
    // 100,004,999 ÷ 4883 = 20480 units (204.80 kWh) → whole kWh: 20400;
    // charge 20400 × 4883 = 99,613,200 → 9961.32 → 9961 fen; 39 fen stay as credit.
    // 205 kWh would cost 20500 × 4883 = 100,101,500 → 10010 fen > 10000.
    const r = unitsForMoney(FLAT, units(0), fen(10000), 100);
    expect(r).toEqual({ units: 20400, charge: 9961, segments: [{ tier: 1, units: 20400, price: 4883, charge: 9961 }] });
  });

  it('same money with 0.1 kWh and 0.01 kWh steps', () => {
    // step 10: 20480 is on the step; 20480 × 4883 = 100,003,840 → 10000.384 → 10000 fen
    expect(unitsForMoney(FLAT, units(0), fen(10000), 10)).toMatchObject({ units: 20480, charge: 10000 });
    expect(unitsForMoney(FLAT, units(0), fen(10000), 1)).toMatchObject({ units: 20480, charge: 10000 });
  });

  it('100.00 yuan spanning the 2,880 kWh bound, whole-kWh step', () => {
    // tier 1 room 100 units costs 49 fen → 9951 left; 99,514,999 ÷ 5383 = 18486 units;
    // total 18586 → 18500; repriced: 49 + 18400 × 5383 (99,047,200 → 9905) = 9954 fen.
    // 18600 would cost 49 + 9959 = 10008 > 10000.
    const r = unitsForMoney(ELECTRICITY, units(287900), fen(10000), 100);
    expect(r.units).toBe(18500);
    expect(r.charge).toBe(9954);
    expect(r.segments.map((s) => [s.tier, s.units, s.charge])).toEqual([[1, 100, 49], [2, 18400, 9905]]);
  });

  it('a free first tier is given away whole, then priced', () => {
    // 5000 units free; 0 fen buys 1 more unit at 0.4883 fen (rounds to 0) → 5001 → step 100 → 5000
    expect(unitsForMoney([tier(5000, 0), tier(null, 4883)], units(0), fen(0), 100)).toMatchObject({ units: 5000, charge: 0 });
  });

  it('no money buys nothing on a whole-unit step', () => {
    expect(unitsForMoney(ELECTRICITY, units(0), fen(0), 100)).toEqual({ units: 0, charge: 0, segments: [] });
  });
});

describe('priceUnits edges', () => {
  it('zero units cost nothing and have no segments', () => {
    expect(priceUnits(ELECTRICITY, units(123), units(0))).toEqual({ units: 0, segments: [], charge: 0 });
  });

  it('refuses more units than the tariff range holds', () => {
    expect(() => priceUnits(ELECTRICITY, units(1), units(MAX_UNITS))).toThrow('units exceed the tariff range');
  });
});

describe('versionInForce', () => {
  const versions = [
    { id: 2, effectiveFrom: '2025-07-01' },
    { id: 1, effectiveFrom: '2024-01-01' },
    { id: 3, effectiveFrom: '2026-01-01' },
  ];

  it('picks the latest version effective on or before the date', () => {
    expect(versionInForce(versions, '2025-06-30')?.id).toBe(1);
    expect(versionInForce(versions, '2025-07-01')?.id).toBe(2);
    expect(versionInForce(versions, '2025-12-31')?.id).toBe(2);
    expect(versionInForce(versions, '2026-01-01')?.id).toBe(3);
    expect(versionInForce(versions, '2099-01-01')?.id).toBe(3);
  });

  it('is null before the first version or with none', () => {
    expect(versionInForce(versions, '2023-12-31')).toBeNull();
    expect(versionInForce([], '2026-01-01')).toBeNull();
  });
});
