/**
 * The working calendar of the demo history: the past 365 Beijing business days (yesterday and back),
 * every day a morning and an afternoon shift at each counter, staffed in rotation so nobody holds two
 * shifts at once, and the day's sales spread with a little realism (weekends and the first days of a
 * month are busier).
 */
import { businessDate } from '../domain/time/business-time';

export const HISTORY_DAYS = 365;
const DAY_MS = 86_400_000;
/** Shift hours in Beijing time, as UTC offsets from Beijing midnight (UTC+8). */
const HALVES = [{ open: 8.5, close: 12 }, { open: 13.5, close: 17.5 }] as const;
const HOUR_MS = 3_600_000;
const BEIJING_MS = 8 * HOUR_MS;

export interface PlannedShift {
  readonly counter: string;
  readonly sellerIndex: number;
  readonly openedAt: Date;
  readonly closedAt: Date;
  readonly sales: number;
}

export interface PlannedDay {
  readonly date: string;
  readonly shifts: readonly PlannedShift[];
}

/** The first day of the history: 365 days before today's business date. */
export function historyStart(now: Date): Date {
  const today = Date.parse(`${businessDate(now)}T00:00:00Z`) - BEIJING_MS;
  return new Date(today - HISTORY_DAYS * DAY_MS);
}

/** Counter codes: the workstation's own, then the next ones (A01 → A02, A03 …). */
export function counterCodes(base: string, count: number): string[] {
  const match = /^(.*?)(\d+)$/.exec(base);
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return base;
    const code = match ? `${match[1]}${String(Number(match[2]) + i).padStart(match[2]!.length, '0')}` : `${base}${i + 1}`;
    if (!/^[A-Z][A-Z0-9]{1,5}$/.test(code)) throw new Error(`cannot derive a counter code after ${base}`);
    return code;
  });
}

function dayWeight(date: string): number {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (weekday === 0 || weekday === 6 ? 1.25 : 1) * (Number(date.slice(8, 10)) <= 5 ? 1.2 : 1);
}

/** The days of the history with their shifts; the sale counts add up to exactly `sales`. */
export function planDays(start: Date, sales: number, counters: readonly string[], sellerCount: number): PlannedDay[] {
  const dates = Array.from({ length: HISTORY_DAYS }, (_, d) => businessDate(new Date(start.getTime() + d * DAY_MS + BEIJING_MS)));
  const weights = dates.map(dayWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let given = 0;
  return dates.map((date, d) => {
    cumulative += weights[d]!;
    const today = Math.round((sales * cumulative) / total) - given;
    given += today;
    const midnight = Date.parse(`${date}T00:00:00Z`) - BEIJING_MS;
    const slots = HALVES.length * counters.length;
    const shifts = HALVES.flatMap((half, h) => counters.map((counter, w) => {
      const slot = h * counters.length + w;
      return {
        counter, sellerIndex: (d + h + w) % sellerCount, openedAt: new Date(midnight + half.open * HOUR_MS),
        closedAt: new Date(midnight + half.close * HOUR_MS), sales: Math.floor(today / slots) + ((slot + d) % slots < today % slots ? 1 : 0),
      };
    }));
    return { date, shifts };
  });
}
