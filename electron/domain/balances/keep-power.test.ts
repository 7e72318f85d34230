import { describe, expect, it } from 'vitest';
import { DEFAULT_HALL_BALANCE, atOrBelow, earliestTripAt, levelOf, lowerLevelReached, tripPoint } from './keep-power';
import { isWeekend } from '../calendar/bank-calendar';

const KEEP = DEFAULT_HALL_BALANCE.keepPower;
/** Weekends off, plus 2026-10-01 (a holiday Thursday). */
const working = (date: string) => !isWeekend(date) && date !== '2026-10-01';
const trip = (beijing: string) => earliestTripAt(new Date(`${beijing}+08:00`), KEEP, working).toISOString();

describe('earliestTripAt (keep-power window)', () => {
  it('is immediate on a working afternoon', () => {
    expect(trip('2026-06-16T14:30:00')).toBe('2026-06-16T06:30:00.000Z');
  });
  it('waits for 08:00 from a working night, across midnight', () => {
    expect(trip('2026-06-16T21:00:00')).toBe('2026-06-17T00:00:00.000Z');
    expect(trip('2026-06-17T03:00:00')).toBe('2026-06-17T00:00:00.000Z');
  });
  it('at the boundaries: 18:00 is inside the window, 08:00 is outside', () => {
    expect(trip('2026-06-16T18:00:00')).toBe('2026-06-17T00:00:00.000Z');
    expect(trip('2026-06-16T17:59:00')).toBe('2026-06-16T09:59:00.000Z');
    expect(trip('2026-06-17T08:00:00')).toBe('2026-06-17T00:00:00.000Z');
  });
  it('Friday night and the weekend wait for Monday 08:00', () => {
    expect(trip('2026-06-19T20:00:00')).toBe('2026-06-22T00:00:00.000Z');
    expect(trip('2026-06-20T23:00:00')).toBe('2026-06-22T00:00:00.000Z');
    expect(trip('2026-06-21T12:00:00')).toBe('2026-06-22T00:00:00.000Z');
  });
  it('a holiday waits for the next working morning', () => {
    expect(trip('2026-09-30T19:00:00')).toBe('2026-10-02T00:00:00.000Z');
  });
  it('without the non-working-day rule, only nights count; a window not wrapping midnight works too', () => {
    const keep = { nightStart: '00:00', nightEnd: '06:00', nonWorkingDays: false };
    expect(earliestTripAt(new Date('2026-06-20T12:00:00+08:00'), keep, working).toISOString()).toBe('2026-06-20T04:00:00.000Z');
    expect(earliestTripAt(new Date('2026-06-20T05:00:00+08:00'), keep, working).toISOString()).toBe('2026-06-19T22:00:00.000Z');
  });
});

describe('levels', () => {
  const s = DEFAULT_HALL_BALANCE;
  it('maps balances to levels; overdraft only with a limit', () => {
    expect([6000, 5000, 1000, 1, 0, -500].map((b) => levelOf(b, s))).toEqual(['ok', 'alarm1', 'alarm2', 'alarm2', 'zero', 'zero']);
    const od = { ...s, overdraftLimit: 2000 };
    expect([0, -1999, -2000].map((b) => levelOf(b, od))).toEqual(['zero', 'zero', 'overdraft']);
    expect(tripPoint(s)).toBe(0);
    expect(tripPoint(od)).toBe(-2000);
  });
  it('reports only a newly reached lower level', () => {
    expect(lowerLevelReached(6000, 4000, s)).toBe('alarm1');
    expect(lowerLevelReached(4000, 3000, s)).toBeNull();
    expect(lowerLevelReached(4000, -10, s)).toBe('zero');
    expect(lowerLevelReached(-10, 6000, s)).toBeNull();
    expect(atOrBelow('zero', 'alarm1')).toBe(true);
    expect(atOrBelow('alarm1', 'zero')).toBe(false);
  });
});
