import { describe, expect, it } from 'vitest';
import { price, units } from '../../../shared/money';
import { chargeInterval } from './charge';
import type { ChargeReading, TouPrices } from './charge';
import type { TariffTier } from '../tariffs/tariff';

/** 2,880 / 4,800 kWh at 0.4883 / 0.5383 / 0.7883 yuan (annual residential). */
const TIERS: TariffTier[] = [
  { uptoUnits: units(288_000), price: price(4883) }, { uptoUnits: units(480_000), price: price(5383) }, { uptoUnits: null, price: price(7883) },
];
const TOU: TouPrices = { spike: price(9000), peak: price(6000), flat: price(4883), valley: price(3000) };
const at = (total: number, periods: ChargeReading['periods'] = null): ChargeReading => ({ total, periods });

describe('chargeInterval', () => {
  it('prices a flat interval at tier 1', () => {
    const c = chargeInterval(at(1000), at(11_000), { tiers: TIERS, tou: null, unitsToDate: units(0) });
    expect(c).toMatchObject({ basis: 'tiers', units: 10_000, charge: 4883 });
  });

  it('splits an interval that crosses a tier boundary, each segment rounded on its own (R1)', () => {
    // 10 kWh left in tier 1, 15 kWh consumed: 10 at 0.4883 + 5 at 0.5383.
    const c = chargeInterval(at(0), at(1_500), { tiers: TIERS, tou: null, unitsToDate: units(287_000) });
    expect(c.tiers).toEqual([{ tier: 1, units: 1000, price: 4883, charge: 488 }, { tier: 2, units: 500, price: 5383, charge: 269 }]);
    expect(c.charge).toBe(757);
  });

  it('time-of-use: period deltas at period prices plus the tier surcharge on the units above tier 1', () => {
    const from = at(10_000, { spike: 1000, peak: 3000, flat: 4000, valley: 2000 });
    const to = at(12_000, { spike: 1100, peak: 3500, flat: 4600, valley: 2800 });
    const c = chargeInterval(from, to, { tiers: TIERS, tou: TOU, unitsToDate: units(287_500) });
    expect(c.basis).toBe('tou');
    expect(c.periods).toEqual([
      { period: 'spike', units: 100, price: 9000, charge: 90 }, { period: 'peak', units: 500, price: 6000, charge: 300 },
      { period: 'flat', units: 600, price: 4883, charge: 293 }, { period: 'valley', units: 800, price: 3000, charge: 240 },
    ]);
    // 5 kWh in tier 1 (no surcharge), 15 kWh in tier 2 at +0.05 yuan.
    expect(c.tiers).toEqual([{ tier: 1, units: 500, price: 0, charge: 0 }, { tier: 2, units: 1500, price: 500, charge: 75 }]);
    expect(c.charge).toBe(90 + 300 + 293 + 240 + 75);
  });

  it('time-of-use without period energies prices the total at the tier prices and says so', () => {
    const c = chargeInterval(at(0), at(10_000), { tiers: TIERS, tou: TOU, unitsToDate: units(0) });
    expect(c).toMatchObject({ basis: 'tou-without-periods', units: 10_000, charge: 4883, periods: [] });
  });

  it('period deltas that do not add up to the total (or go backwards) are not used', () => {
    const from = at(0, { spike: 0, peak: 0, flat: 0, valley: 0 });
    expect(chargeInterval(from, at(10_000, { spike: 0, peak: 0, flat: 5000, valley: 0 }), { tiers: TIERS, tou: TOU, unitsToDate: units(0) }).basis).toBe('tou-without-periods');
    expect(chargeInterval(at(0, { spike: 10, peak: 0, flat: 0, valley: 0 }), at(10_000, { spike: 0, peak: 0, flat: 10_000, valley: 0 }), { tiers: TIERS, tou: TOU, unitsToDate: units(0) }).basis).toBe('tou-without-periods');
    // Within the registers' resolution (±4 for four registers) they are.
    expect(chargeInterval(from, at(10_000, { spike: 0, peak: 0, flat: 9998, valley: 0 }), { tiers: TIERS, tou: TOU, unitsToDate: units(0) }).basis).toBe('tou');
  });

  it('a total lower than the previous charges nothing and is flagged', () => {
    const c = chargeInterval(at(50_000), at(100), { tiers: TIERS, tou: null, unitsToDate: units(0) });
    expect(c).toEqual({ basis: 'total-decreased', units: 0, charge: 0, tiers: [], periods: [] });
  });

  it('a negative surcharge (a tier cheaper than tier 1) is rounded like the positive one (R4)', () => {
    const tiers: TariffTier[] = [{ uptoUnits: units(100), price: price(5000) }, { uptoUnits: null, price: price(4950) }];
    const c = chargeInterval(at(0, { spike: 0, peak: 0, flat: 0, valley: 0 }), at(200, { spike: 0, peak: 0, flat: 200, valley: 0 }), { tiers, tou: TOU, unitsToDate: units(0) });
    // 100 units at −0.005 yuan = −0.5 fen → −1 fen (half away from zero).
    expect(c.tiers[1]).toEqual({ tier: 2, units: 100, price: -50, charge: -1 });
  });
});
