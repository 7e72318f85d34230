/**
 * The charge of one reading interval of a hall-kept meter (远程费控, issue 5 item 7). Pure.
 *
 * Consumption = total_now − total_prev (0.01 kWh / m³), priced at the tariff version in force on the later
 * reading's business date (Beijing), tiers filled from the account's units-to-date for the tariff's period.
 *  - Flat or tiered tariff: the tier split of shared/money rule R1 (each tier segment rounded on its own).
 *  - Time-of-use tariff (峰谷) with period energies on both readings: Σ period delta × period price (R1 per
 *    period), plus the tier surcharge (tier k price − tier 1 price, rule R4) on the units falling in tier k —
 *    the common 峰谷+阶梯 rule: the time-of-use prices are the first tier's, each higher tier adds its step.
 *  - Time-of-use tariff without usable period energies (a DL/T 645 meter, a reading lacking them, a period
 *    register that went backwards, or period deltas that do not add up to the total within the registers'
 *    resolution): the total is priced at the tier prices, and the detail says so (basis 'tou-without-periods').
 *  - A total lower than the previous one (meter replaced, register rolled over): no charge (basis
 *    'total-decreased'); the caller flags it and the next interval starts from the new reading.
 * Every amount comes from shared/money (chargeFor, chargeForDelta, addFen): nothing here rounds.
 */
import { addFen, chargeFor, chargeForDelta, fen, units, ZERO_FEN, ZERO_UNITS } from '../../../shared/money';
import type { Fen, Price, Units } from '../../../shared/money';
import { priceUnits } from '../tariffs/tariff';
import type { TariffTier } from '../tariffs/tariff';

export const TOU_PERIODS = ['spike', 'peak', 'flat', 'valley'] as const;
export type TouPeriod = (typeof TOU_PERIODS)[number];
export type PeriodTotals = Readonly<Record<TouPeriod, number>>;
export type TouPrices = Readonly<Record<TouPeriod, Price>>;

/** Each period register and the total are read at 0.01 resolution on their own: four periods may differ by 4. */
export const PERIOD_SUM_TOLERANCE = 4;

export interface ChargeReading {
  readonly total: number;
  readonly periods: PeriodTotals | null;
}

export interface IntervalPricing {
  readonly tiers: readonly TariffTier[];
  readonly tou: TouPrices | null;
  /** Units already consumed (or bought) in the tier period before this interval. */
  readonly unitsToDate: Units;
}

export type ChargeBasis = 'tiers' | 'tou' | 'tou-without-periods' | 'total-decreased';

export interface PeriodLine {
  readonly period: TouPeriod;
  readonly units: Units;
  readonly price: Price;
  readonly charge: Fen;
}

/** A tier line: units in tier `tier`, at `price` (1/10000 yuan; a signed surcharge under 'tou'). */
export interface TierLine {
  readonly tier: number;
  readonly units: Units;
  readonly price: number;
  readonly charge: Fen;
}

export interface IntervalCharge {
  readonly basis: ChargeBasis;
  readonly units: Units;
  readonly charge: Fen;
  /** Tier split; under 'tou' each line's price is the surcharge over tier 1 (0 for tier 1). */
  readonly tiers: readonly TierLine[];
  readonly periods: readonly PeriodLine[];
}

/** Period deltas when both readings carry them, none went backwards and they add up to the total's delta. */
export function periodDeltas(from: ChargeReading, to: ChargeReading, consumed: number): PeriodTotals | null {
  if (!from.periods || !to.periods) return null;
  const deltas = {} as Record<TouPeriod, number>;
  for (const p of TOU_PERIODS) {
    const d = to.periods[p] - from.periods[p];
    if (d < 0) return null;
    deltas[p] = d;
  }
  const sum = TOU_PERIODS.reduce((s, p) => s + deltas[p], 0);
  return Math.abs(sum - consumed) <= PERIOD_SUM_TOLERANCE ? deltas : null;
}

function touCharge(pricing: IntervalPricing, tou: TouPrices, deltas: PeriodTotals, consumed: Units): IntervalCharge {
  const periods: PeriodLine[] = TOU_PERIODS.filter((p) => deltas[p] > 0).map((p) => {
    const u = units(deltas[p]);
    return { period: p, units: u, price: tou[p], charge: chargeFor(u, tou[p]) };
  });
  const base = pricing.tiers[0]!.price;
  const split = priceUnits(pricing.tiers, pricing.unitsToDate, consumed).segments;
  const tiers: TierLine[] = split.map((s) => {
    const surcharge = s.price - base;
    return { tier: s.tier, units: s.units, price: surcharge, charge: chargeForDelta(s.units, surcharge) };
  });
  const charge = addFen(...periods.map((l) => l.charge), ...tiers.map((l) => l.charge));
  return { basis: 'tou', units: consumed, charge, tiers, periods };
}

/** Prices one interval between two good readings of the same meter (the later one is `to`). */
export function chargeInterval(from: ChargeReading, to: ChargeReading, pricing: IntervalPricing): IntervalCharge {
  const consumed = to.total - from.total;
  if (consumed < 0) return { basis: 'total-decreased', units: ZERO_UNITS, charge: ZERO_FEN, tiers: [], periods: [] };
  const u = units(consumed);
  if (pricing.tou) {
    const deltas = periodDeltas(from, to, consumed);
    if (deltas) return touCharge(pricing, pricing.tou, deltas, u);
  }
  const priced = priceUnits(pricing.tiers, pricing.unitsToDate, u);
  return { basis: pricing.tou ? 'tou-without-periods' : 'tiers', units: u, charge: fen(priced.charge), tiers: priced.segments, periods: [] };
}
