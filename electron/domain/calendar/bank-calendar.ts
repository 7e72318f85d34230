/**
 * The bank calendar: which days banks are open, so the hall knows when the holiday cash rule applies and
 * when a holiday cash deposit is due.
 *
 * Source of the rules: the State Council General Office's yearly notice on the holiday arrangement
 * (国务院办公厅关于××年部分节假日安排的通知), published around November for the next year, applying the
 * national holiday regulations (全国年节及纪念日放假办法). Banks follow that arrangement:
 *   - Monday to Friday is a working day, Saturday and Sunday are not;
 *   - a statutory holiday block (放假) is a non-working day, including the weekend days inside the block,
 *     so the notice's blocks are listed day by day as 'off';
 *   - a make-up working day (调休上班) is a Saturday or Sunday that the notice turns into a working day.
 * Until a year's notice is loaded, only the weekend rule applies to it (and `calendarWarning` says so).
 *
 * Pure: dates are 'YYYY-MM-DD' business dates (Beijing); the caller passes the loaded arrangement in.
 */

export type DayKind = 'off' | 'work';
export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'make-up-workday';

export interface ArrangedDay {
  readonly date: string;
  readonly kind: DayKind;
  readonly name: string;
}

export interface CalendarData {
  /** Years whose State Council arrangement is loaded. */
  readonly loadedYears: ReadonlySet<number>;
  /** Statutory non-working days, including weekend days inside a holiday block. */
  readonly offDays: ReadonlySet<string>;
  /** Make-up working days (调休): weekend days that are working days. */
  readonly workDays: ReadonlySet<string>;
  /** The holiday each arranged day belongs to (e.g. 春节), for either kind. */
  readonly names?: ReadonlyMap<string, string>;
}

export interface DayVerdict {
  readonly date: string;
  readonly bankWorkingDay: boolean;
  readonly reason: DayReason;
  readonly holidayName: string | null;
  readonly yearLoaded: boolean;
}

/** Longest stretch searched for the next working day: far beyond any real arrangement (the longest block is 9 days). */
const MAX_SEARCH_DAYS = 800;

/** Builds the data object from arranged days (every day's year is counted as loaded only if listed in `years`). */
export function calendarData(years: Iterable<number>, days: Iterable<ArrangedDay>): CalendarData {
  const offDays = new Set<string>();
  const workDays = new Set<string>();
  const names = new Map<string, string>();
  for (const day of days) {
    (day.kind === 'off' ? offDays : workDays).add(day.date);
    names.set(day.date, day.name);
  }
  return { loadedYears: new Set(years), offDays, workDays, names };
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday; computed on the UTC calendar so no time zone can shift it. */
export function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function yearLoaded(calendar: CalendarData, year: number): boolean {
  return calendar.loadedYears.has(year);
}

/** The full answer for one date: working or not, and why. */
export function classifyDay(calendar: CalendarData, date: string): DayVerdict {
  const loaded = yearLoaded(calendar, yearOf(date));
  const weekend = isWeekend(date);
  // An unloaded year is judged by weekends alone, even if stray rows exist for it.
  const off = loaded && calendar.offDays.has(date);
  const work = loaded && calendar.workDays.has(date);
  const name = off || work ? calendar.names?.get(date) ?? null : null;
  if (off) return { date, bankWorkingDay: false, reason: 'holiday', holidayName: name, yearLoaded: loaded };
  if (work && weekend) return { date, bankWorkingDay: true, reason: 'make-up-workday', holidayName: name, yearLoaded: loaded };
  return { date, bankWorkingDay: !weekend, reason: weekend ? 'weekend' : 'weekday', holidayName: null, yearLoaded: loaded };
}

export function isBankWorkingDay(calendar: CalendarData, date: string): boolean {
  return classifyDay(calendar, date).bankWorkingDay;
}

/** The first bank working day strictly after `date`. */
export function nextBankWorkingDay(calendar: CalendarData, date: string): string {
  let day = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i += 1) {
    day = addDays(day, 1);
    if (isBankWorkingDay(calendar, day)) return day;
  }
  // Only an arrangement that closes banks for years could get here; it is a data error, not a rule.
  throw new Error(`no bank working day within ${MAX_SEARCH_DAYS} days after ${date}`);
}

/**
 * The years that should be loaded but are not, as of `today`: the current year always, and from
 * 1 December of year Y on also Y+1 (its notice is out by then, and December's deposits fall due in it).
 */
export function calendarWarning(calendar: CalendarData, today: string): number[] {
  const year = yearOf(today);
  const due = today.slice(5) >= '12-01' ? [year, year + 1] : [year];
  return due.filter((y) => !yearLoaded(calendar, y));
}

export type ArrangementProblem =
  | { readonly code: 'calendar-date-outside-year'; readonly params: { readonly date: string; readonly year: number } }
  | { readonly code: 'calendar-duplicate-date'; readonly params: { readonly date: string } }
  | { readonly code: 'calendar-workday-not-weekend'; readonly params: { readonly date: string } };

/**
 * Checks one year's arrangement as an admin imports it. Every off day is listed explicitly (a weekend day
 * inside a holiday block too), so nothing is inferred; a make-up working day is by definition a weekend day.
 */
export function arrangementProblem(year: number, days: readonly ArrangedDay[]): ArrangementProblem | null {
  const seen = new Set<string>();
  for (const day of days) {
    if (yearOf(day.date) !== year) return { code: 'calendar-date-outside-year', params: { date: day.date, year } };
    if (seen.has(day.date)) return { code: 'calendar-duplicate-date', params: { date: day.date } };
    seen.add(day.date);
    if (day.kind === 'work' && !isWeekend(day.date)) return { code: 'calendar-workday-not-weekend', params: { date: day.date } };
  }
  return null;
}

/**
 * The holiday period `date` belongs to: the run of consecutive non-working days around it (a weekend, or
 * a whole statutory block such as the Spring Festival week). Null on a working day. The holiday cash cap
 * counts per period, so splitting one payment over the days of one holiday does not get around it.
 */
export function holidayPeriod(calendar: CalendarData, date: string): { start: string; end: string } | null {
  if (isBankWorkingDay(calendar, date)) return null;
  let start = date;
  let end = date;
  for (let i = 0; i < MAX_SEARCH_DAYS && !isBankWorkingDay(calendar, addDays(start, -1)); i += 1) start = addDays(start, -1);
  for (let i = 0; i < MAX_SEARCH_DAYS && !isBankWorkingDay(calendar, addDays(end, 1)); i += 1) end = addDays(end, 1);
  return { start, end };
}
