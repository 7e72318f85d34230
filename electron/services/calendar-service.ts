/**
 * The holiday calendar: seeding from the maintained `chinese-days` data, admin imports, and the one place
 * that answers "is this a bank working day" / "what is the next one" from the stored arrangement.
 */
import type { Kysely } from 'kysely';
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import chineseDaysPackage from 'chinese-days/package.json' with { type: 'json' };
import { DomainError } from '../domain/errors';
import {
  arrangementProblem, calendarData, calendarWarning, classifyDay, holidayPeriod, nextBankWorkingDay, yearOf,
} from '../domain/calendar/bank-calendar';
import type { ArrangedDay, CalendarData } from '../domain/calendar/bank-calendar';
import { businessDate } from '../domain/time/business-time';
import type { Clock } from '../domain/time/business-time';
import { appendAudit } from '../db/repositories/audit-repository';
import {
  calendarDays, deleteYearDays, findCalendarYear, insertDays, insertYearIfAbsent, loadedYears, upsertYear,
} from '../db/repositories/calendar-repository';
import type { Db } from '../db/repositories/db';
import type { Database } from '../db/schema';
import { inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { CalendarCheckView, CalendarWarningsView, CalendarYearView } from '../../shared/contract/views';

export const SEED_SOURCE = `chinese-days@${chineseDaysPackage.version}`;
export const ADMIN_SOURCE = 'admin';

/** The package's entries read "Spring Festival,春节,4": the Chinese name is the one the hall shows. */
function seedName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

/** The arrangement of every year chinese-days covers, by year. */
export function chineseDaysYears(): Map<number, ArrangedDay[]> {
  const byYear = new Map<number, ArrangedDay[]>();
  const add = (map: Record<string, string>, kind: ArrangedDay['kind']) => {
    for (const [date, entry] of Object.entries(map)) {
      const list = byYear.get(yearOf(date)) ?? [];
      list.push({ date, kind, name: seedName(entry) });
      byYear.set(yearOf(date), list);
    }
  };
  add(chineseDays.holidays, 'off');
  add(chineseDays.workdays, 'work');
  for (const list of byYear.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return byYear;
}

/**
 * Loads each year chinese-days covers that is not loaded yet, each in its own transaction with an audit
 * record. Idempotent, and it never overwrites a year already loaded (an admin's import stays). Answers the
 * years it loaded.
 */
export async function ensureCalendarSeed(db: Kysely<Database>, clock: Clock): Promise<number[]> {
  const seed = chineseDaysYears();
  const years = [...seed.keys()].sort((a, b) => a - b);
  const present = new Set(await loadedYears(db, years[0] ?? 0, years.at(-1) ?? 0));
  const seeded: number[] = [];
  for (const year of years.filter((y) => !present.has(y))) {
    const days = seed.get(year) ?? [];
    // A package release with a broken year must not stop the hall from starting: that year stays unloaded and warned about.
    if (arrangementProblem(year, days)) continue;
    const loaded = await db.transaction().execute(async (trx) => {
      const at = clock.now().toISOString();
      if (!await insertYearIfAbsent(trx, { year, source: SEED_SOURCE, loadedAt: at, loadedBy: null })) return false;
      await insertDays(trx, year, days);
      await appendAudit(trx, { at, userId: null, action: 'calendar.seed', entity: 'calendar-year', entityId: year, after: await yearView(trx, year) });
      return true;
    });
    if (loaded) seeded.push(year);
  }
  return seeded;
}

export async function yearView(db: Db, year: number): Promise<CalendarYearView> {
  const row = await findCalendarYear(db, year);
  const days = await calendarDays(db, year, year);
  return {
    year, loaded: row !== undefined, source: row?.source ?? null, loadedAt: row?.loadedAt ?? null, loadedBy: row?.loadedBy ?? null,
    days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
  };
}

/** The stored arrangement of the years from..to, ready for the domain's calendar functions. */
export async function loadBankCalendar(db: Db, from: number, to: number): Promise<CalendarData> {
  return calendarData(await loadedYears(db, from, to), await calendarDays(db, from, to));
}

/** Whether `date` is a bank working day and which is the next one: the single answer every service uses. */
export async function checkBankDay(db: Db, date: string): Promise<CalendarCheckView> {
  const year = yearOf(date);
  // The next working day is at most a holiday block away, so the following year is all it can reach into.
  const calendar = await loadBankCalendar(db, year, year + 1);
  const verdict = classifyDay(calendar, date);
  return { ...verdict, nextBankWorkingDay: nextBankWorkingDay(calendar, date) };
}

/** The day's verdict with its holiday period (null on a working day): what the holiday cash rule needs. */
export async function bankDayWithPeriod(db: Db, date: string): Promise<CalendarCheckView & { period: { start: string; end: string } | null }> {
  const year = yearOf(date);
  // A period can reach back over New Year (元旦 starts on 1 January, a weekend before it may belong to it).
  const calendar = await loadBankCalendar(db, year - 1, year + 1);
  const verdict = classifyDay(calendar, date);
  return { ...verdict, nextBankWorkingDay: nextBankWorkingDay(calendar, date), period: holidayPeriod(calendar, date) };
}

export function createCalendarService(deps: ServiceDeps) {
  return {
    year: (year: number): Promise<CalendarYearView> => yearView(deps.db, year),
    check: (date: string): Promise<CalendarCheckView> => checkBankDay(deps.db, date),

    async warnings(): Promise<CalendarWarningsView> {
      const today = businessDate(deps.clock.now());
      const year = yearOf(today);
      return { today, missingYears: calendarWarning(await loadBankCalendar(deps.db, year, year + 1), today) };
    },

    /** Replaces a year's arrangement as a new load; the previous one survives only in the audit record. */
    async importYear(actor: Actor, input: { year: number; days: readonly ArrangedDay[] }): Promise<CalendarYearView> {
      const problem = arrangementProblem(input.year, input.days);
      if (problem) throw new DomainError(problem.code, problem.params);
      return inTransaction(deps, async (trx) => {
        const before = await yearView(trx, input.year);
        await deleteYearDays(trx, input.year);
        await upsertYear(trx, { year: input.year, source: ADMIN_SOURCE, loadedAt: nowIso(deps), loadedBy: actor.userId });
        await insertDays(trx, input.year, [...input.days].sort((a, b) => a.date.localeCompare(b.date)));
        const after = await yearView(trx, input.year);
        await appendAudit(trx, {
          at: nowIso(deps), userId: actor.userId, action: 'calendar.import-year', entity: 'calendar-year', entityId: input.year,
          before: before.loaded ? before : null, after,
        });
        return after;
      });
    },
  };
}
