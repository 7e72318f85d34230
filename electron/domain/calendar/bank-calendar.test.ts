import { describe, expect, it } from 'vitest';
import {
  arrangementProblem, calendarData, calendarWarning, classifyDay, holidayPeriod, isBankWorkingDay, nextBankWorkingDay, yearLoaded,
} from './bank-calendar';
import type { ArrangedDay } from './bank-calendar';

const off = (date: string, name: string): ArrangedDay => ({ date, kind: 'off', name });
const work = (date: string, name: string): ArrangedDay => ({ date, kind: 'work', name });
const range = (from: string, to: string, name: string): ArrangedDay[] => {
  const days: ArrangedDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(off(new Date(t).toISOString().slice(0, 10), name));
  return days;
};

/** Part of the State Council's 2026 arrangement (国办发明电〔2025〕 notice), as chinese-days carries it. */
const Y2026 = [
  ...range('2026-02-15', '2026-02-23', '春节'), work('2026-02-14', '春节'), work('2026-02-28', '春节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'), work('2026-09-20', '国庆节'), work('2026-10-10', '国庆节'),
];
const calendar = calendarData([2026], Y2026);

describe('bank working days (2026)', () => {
  it('the Spring Festival block is off, its weekend days too; the make-up Saturdays are working days', () => {
    expect(classifyDay(calendar, '2026-02-15')).toEqual({ date: '2026-02-15', bankWorkingDay: false, reason: 'holiday', holidayName: '春节', yearLoaded: true });
    expect(isBankWorkingDay(calendar, '2026-02-18')).toBe(false);
    expect(isBankWorkingDay(calendar, '2026-02-23')).toBe(false);
    expect(classifyDay(calendar, '2026-02-14')).toMatchObject({ bankWorkingDay: true, reason: 'make-up-workday', holidayName: '春节' });
    expect(classifyDay(calendar, '2026-02-28')).toMatchObject({ bankWorkingDay: true, reason: 'make-up-workday' });
    expect(classifyDay(calendar, '2026-02-24')).toMatchObject({ bankWorkingDay: true, reason: 'weekday', holidayName: null });
  });

  it('ordinary weekends are off, ordinary weekdays on', () => {
    expect(classifyDay(calendar, '2026-06-13')).toMatchObject({ bankWorkingDay: false, reason: 'weekend' });
    expect(classifyDay(calendar, '2026-06-14')).toMatchObject({ bankWorkingDay: false, reason: 'weekend' });
    expect(classifyDay(calendar, '2026-06-15')).toMatchObject({ bankWorkingDay: true, reason: 'weekday' });
  });

  it('the next bank working day is strictly after, across a holiday block and across a weekend', () => {
    expect(nextBankWorkingDay(calendar, '2026-02-13')).toBe('2026-02-14');
    expect(nextBankWorkingDay(calendar, '2026-02-14')).toBe('2026-02-24');
    expect(nextBankWorkingDay(calendar, '2026-02-20')).toBe('2026-02-24');
    expect(nextBankWorkingDay(calendar, '2026-09-30')).toBe('2026-10-08');
    expect(nextBankWorkingDay(calendar, '2026-10-09')).toBe('2026-10-10');
    expect(nextBankWorkingDay(calendar, '2026-06-12')).toBe('2026-06-15');
    expect(nextBankWorkingDay(calendar, '2026-06-15')).toBe('2026-06-16');
  });

  it('a year not loaded falls back to weekends only, even with stray rows for it', () => {
    const stray = calendarData([2026], [...Y2026, off('2030-01-01', '元旦')]);
    expect(yearLoaded(stray, 2030)).toBe(false);
    expect(classifyDay(stray, '2030-01-01')).toEqual({ date: '2030-01-01', bankWorkingDay: true, reason: 'weekday', holidayName: null, yearLoaded: false });
    expect(nextBankWorkingDay(stray, '2030-01-04')).toBe('2030-01-07');
    expect(nextBankWorkingDay(calendar, '2026-12-31')).toBe('2027-01-01');
  });
});

describe('calendarWarning', () => {
  it('from 1 December the next year is due; the current year always', () => {
    expect(calendarWarning(calendar, '2026-11-30')).toEqual([]);
    expect(calendarWarning(calendar, '2026-12-01')).toEqual([2027]);
    expect(calendarWarning(calendar, '2026-12-31')).toEqual([2027]);
    expect(calendarWarning(calendarData([2026, 2027], Y2026), '2026-12-01')).toEqual([]);
    expect(calendarWarning(calendar, '2027-01-04')).toEqual([2027]);
    expect(calendarWarning(calendarData([], []), '2026-12-15')).toEqual([2026, 2027]);
  });
});

describe('arrangementProblem', () => {
  it('accepts a sound year and names the first problem otherwise', () => {
    expect(arrangementProblem(2026, Y2026)).toBeNull();
    expect(arrangementProblem(2026, [off('2027-01-01', '元旦')])).toEqual({ code: 'calendar-date-outside-year', params: { date: '2027-01-01', year: 2026 } });
    expect(arrangementProblem(2026, [off('2026-01-01', '元旦'), work('2026-01-01', '元旦')])).toEqual({ code: 'calendar-duplicate-date', params: { date: '2026-01-01' } });
    expect(arrangementProblem(2026, [work('2026-01-05', '元旦')])).toEqual({ code: 'calendar-workday-not-weekend', params: { date: '2026-01-05' } });
  });
});

describe('holiday periods (the unit of the per-customer holiday cash cap)', () => {
  it('is the whole run of non-working days around a date, weekends inside a block included', () => {
    expect(holidayPeriod(calendar, '2026-02-18')).toEqual({ start: '2026-02-15', end: '2026-02-23' });
    expect(holidayPeriod(calendar, '2026-02-15')).toEqual({ start: '2026-02-15', end: '2026-02-23' });
    expect(holidayPeriod(calendar, '2026-10-07')).toEqual({ start: '2026-10-01', end: '2026-10-07' });
  });

  it('an ordinary weekend is a period of its own; a make-up working day is none', () => {
    expect(holidayPeriod(calendar, '2026-03-07')).toEqual({ start: '2026-03-07', end: '2026-03-08' });
    expect(holidayPeriod(calendar, '2026-03-08')).toEqual({ start: '2026-03-07', end: '2026-03-08' });
    expect(holidayPeriod(calendar, '2026-02-14')).toBeNull();
    expect(holidayPeriod(calendar, '2026-03-09')).toBeNull();
  });

  it('reaches over a year end, into a year not loaded (weekends only there)', () => {
    expect(holidayPeriod(calendar, '2027-01-02')).toEqual({ start: '2027-01-02', end: '2027-01-03' });
    expect(holidayPeriod(calendar, '2025-12-28')).toEqual({ start: '2025-12-27', end: '2025-12-28' });
  });
});
