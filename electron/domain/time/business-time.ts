/**
 * Business dates. A hall works on Beijing time (UTC+8, no daylight saving since 1991), whatever the
 * workstation's time zone, so dates are derived from the injected clock by a fixed offset.
 */
import type { TierPeriod } from '../../../shared/vocabulary';

export interface Clock {
  now(): Date;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** YYYY-MM-DD in Beijing time. */
export function businessDate(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

export function businessYear(at: Date): number {
  return Number(businessDate(at).slice(0, 4));
}

/**
 * The key under which units-to-date accumulate for tiering: the calendar year ("Y2026") for annual
 * tiers and flat tariffs, the month ("M2026-03") for monthly tiers.
 */
export function periodKey(period: TierPeriod, date: string): string {
  return period === 'month' ? `M${date.slice(0, 7)}` : `Y${date.slice(0, 4)}`;
}
