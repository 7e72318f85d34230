import { chargeFor, fen, units, addFen, unitsAffordable, roundUnitsDownToStep, MAX_UNITS } from '../../../shared/money';
import type { Fen, Price, Units } from '../../../shared/money';
import type { TierPeriod } from '../../../shared/vocabulary';

/**
 * One step of a tiered (阶梯) tariff. `uptoUnits` is the inclusive cumulative upper bound of the
 * tier within the period (2,880 kWh → 288000 in 0.01 kWh); null means "and above".
 * A flat tariff is a single open tier.
 */
export interface TariffTier {
  readonly uptoUnits: Units | null;
  readonly price: Price;
}

export interface TariffVersion {
  readonly id: number;
  readonly tariffId: number;
  /** Business date (YYYY-MM-DD, Beijing time) from which this version prices sales. */
  readonly effectiveFrom: string;
  readonly period: TierPeriod;
  readonly tiers: readonly TariffTier[];
}

/** One line of the tier split: units bought in tier `tier` (1-based) and their charge (rule R1). */
export interface TierSegment {
  readonly tier: number;
  readonly units: Units;
  readonly price: Price;
  readonly charge: Fen;
}

export interface PricedUnits {
  readonly units: Units;
  readonly segments: readonly TierSegment[];
  readonly charge: Fen;
}

/** Returns a reason when the tiers cannot price a sale; null when they are sound. */
export function tierProblem(tiers: readonly TariffTier[]): string | null {
  if (tiers.length === 0) return 'no-tiers';
  let previous = 0;
  for (const [index, tier] of tiers.entries()) {
    const last = index === tiers.length - 1;
    if (last !== (tier.uptoUnits === null)) return 'only-last-tier-open';
    if (tier.uptoUnits !== null && tier.uptoUnits <= previous) return 'tier-bounds-not-increasing';
    if (tier.uptoUnits !== null) previous = tier.uptoUnits;
  }
  // An open last tier at price zero would make every amount buy unlimited units.
  if (tiers[tiers.length - 1]!.price <= 0) return 'last-tier-price-zero';
  return null;
}

/** Units still available in each tier, given the units already bought in the period. */
function tierRooms(tiers: readonly TariffTier[], already: Units): { tier: number; price: Price; room: number }[] {
  let lower = 0;
  return tiers.map((tier, index) => {
    const upper = tier.uptoUnits ?? MAX_UNITS;
    const room = Math.max(0, upper - Math.max(lower, already));
    lower = upper;
    return { tier: index + 1, price: tier.price, room };
  });
}

/** Units → money: splits `wanted` units across the tiers, each segment rounded by R1. */
export function priceUnits(tiers: readonly TariffTier[], already: Units, wanted: Units): PricedUnits {
  const segments: TierSegment[] = [];
  let left: number = wanted;
  for (const { tier, price, room } of tierRooms(tiers, already)) {
    if (left === 0) break;
    const take = Math.min(room, left);
    if (take === 0) continue;
    segments.push({ tier, units: units(take), price, charge: chargeFor(units(take), price) });
    left -= take;
  }
  if (left > 0) throw new RangeError('units exceed the tariff range');
  return { units: wanted, segments, charge: addFen(...segments.map((s) => s.charge)) };
}

/**
 * Money → units (rule R2): fill the tiers in order with the most units the money pays for, round the
 * total down to the unit step, then price that total again with priceUnits so both directions share
 * one computation. The charge never exceeds the money; the caller keeps `money - charge` as credit.
 */
export function unitsForMoney(tiers: readonly TariffTier[], already: Units, money: Fen, step: number): PricedUnits {
  let budget: number = money;
  let total = 0;
  for (const { price, room } of tierRooms(tiers, already)) {
    if (room === 0) continue;
    // Compare units, not charges: the charge of a whole (open) tier's room can exceed MAX_FEN.
    const affordable = price > 0 ? unitsAffordable(fen(budget), price) : room;
    if (affordable < room) {
      total += affordable;
      break;
    }
    total += room;
    budget -= chargeFor(units(room), price);
  }
  return priceUnits(tiers, already, roundUnitsDownToStep(units(Math.min(total, MAX_UNITS)), step));
}

/** The tier (1-based) the next unit bought would fall in. */
export function currentTier(tiers: readonly TariffTier[], already: Units): number {
  const index = tiers.findIndex((tier) => tier.uptoUnits === null || already < tier.uptoUnits);
  return index === -1 ? tiers.length : index + 1;
}

/** The version in force on a business date: the latest one effective on or before it. */
export function versionInForce<T extends { effectiveFrom: string }>(versions: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const version of versions) {
    if (version.effectiveFrom <= date && (best === null || version.effectiveFrom > best.effectiveFrom)) best = version;
  }
  return best;
}
