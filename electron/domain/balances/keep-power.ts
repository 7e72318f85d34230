/**
 * When a hall-kept meter may be tripped, and what level its balance is at (issue 5 item 7). Pure.
 *
 * The keep-power window (保电): power is never cut at night (nightStart → nightEnd, Beijing time, wrapping
 * midnight when nightStart > nightEnd; nightStart itself is inside, nightEnd itself is outside) nor, when
 * nonWorkingDays is set, on a day the holiday calendar marks non-working — a customer cut off then could not
 * come to the hall to pay. A trip due inside the window waits for the first permitted instant.
 */
import type { BalanceLevel } from '../../../shared/vocabulary';

export interface KeepPower {
  readonly nightStart: string;
  readonly nightEnd: string;
  readonly nonWorkingDays: boolean;
}

export interface HallBalanceSettings {
  readonly alarm1: number;
  readonly alarm2: number;
  readonly overdraftLimit: number;
  readonly autoTrip: boolean;
  readonly keepPower: KeepPower;
}

export const DEFAULT_HALL_BALANCE: HallBalanceSettings = {
  alarm1: 5000, alarm2: 1000, overdraftLimit: 0, autoTrip: true,
  keepPower: { nightStart: '18:00', nightEnd: '08:00', nonWorkingDays: true },
};

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Far beyond any real run of non-working days (the longest holiday block is 9 days). */
const MAX_DAYS = 60;

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** The end of the night window containing Beijing minute `m` of a day, in minutes from that day's 00:00; null if outside. */
function nightEndAfter(m: number, keep: KeepPower): number | null {
  const start = minutesOf(keep.nightStart);
  const end = minutesOf(keep.nightEnd);
  if (start === end) return null;
  if (start < end) return m >= start && m < end ? end : null;
  if (m >= start) return 1440 + end;
  return m < end ? end : null;
}

/**
 * The earliest instant ≥ `now` outside the keep-power window. `isWorkingDay` answers for a Beijing business
 * date (YYYY-MM-DD) from the holiday calendar.
 */
export function earliestTripAt(now: Date, keep: KeepPower, isWorkingDay: (date: string) => boolean): Date {
  let t = now.getTime();
  for (let i = 0; i < MAX_DAYS * 3; i += 1) {
    const local = t + BEIJING_OFFSET_MS;
    const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    if (keep.nonWorkingDays && !isWorkingDay(date)) {
      t = dayStart + DAY_MS - BEIJING_OFFSET_MS;
      continue;
    }
    const end = nightEndAfter(Math.floor((local - dayStart) / 60_000), keep);
    if (end === null) return new Date(t);
    t = dayStart + end * 60_000 - BEIJING_OFFSET_MS;
  }
  throw new Error('no permitted trip time within 60 days: check the keep-power settings and the calendar');
}

/** The balance at or below which the meter is tripped: zero, or minus the overdraft limit. */
export function tripPoint(settings: HallBalanceSettings): number {
  return settings.overdraftLimit > 0 ? -settings.overdraftLimit : 0;
}

/** Level of a balance (fen): 'overdraft' only exists when an overdraft limit is set. */
export function levelOf(balance: number, settings: HallBalanceSettings): BalanceLevel {
  if (settings.overdraftLimit > 0 && balance <= -settings.overdraftLimit) return 'overdraft';
  if (balance <= 0) return 'zero';
  if (balance <= settings.alarm2) return 'alarm2';
  if (balance <= settings.alarm1) return 'alarm1';
  return 'ok';
}

const RANK: Record<BalanceLevel, number> = { ok: 0, alarm1: 1, alarm2: 2, zero: 3, overdraft: 4 };

/** Whether `level` is at least as low as `than` (an alert of level `than` is still open at `level`). */
export function atOrBelow(level: BalanceLevel, than: BalanceLevel): boolean {
  return RANK[level] >= RANK[than];
}

/** The level a balance move from `before` to `after` newly reaches (it gets an alert), or null if not lower. */
export function lowerLevelReached(before: number, after: number, settings: HallBalanceSettings): BalanceLevel | null {
  const to = levelOf(after, settings);
  return RANK[to] > RANK[levelOf(before, settings)] ? to : null;
}
