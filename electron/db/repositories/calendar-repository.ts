import type { Db } from './db';
import type { ArrangedDay, DayKind } from '../../domain/calendar/bank-calendar';

export interface CalendarYearRow {
  readonly year: number;
  readonly source: string;
  readonly loadedAt: string;
  readonly loadedBy: number | null;
}

export async function findCalendarYear(db: Db, year: number): Promise<CalendarYearRow | undefined> {
  const row = await db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
  return row && { year: Number(row.year), source: row.source, loadedAt: row.loaded_at, loadedBy: row.loaded_by === null ? null : Number(row.loaded_by) };
}

export async function loadedYears(db: Db, from: number, to: number): Promise<number[]> {
  const rows = await db.selectFrom('calendar_years').select('year').where('year', '>=', from).where('year', '<=', to).execute();
  return rows.map((r) => Number(r.year));
}

/** The arranged days of the years from..to, in date order. */
export async function calendarDays(db: Db, from: number, to: number): Promise<ArrangedDay[]> {
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind', 'name'])
    .where('year', '>=', from).where('year', '<=', to).orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, kind: r.kind as DayKind, name: r.name }));
}

/**
 * Records a year as loaded, only if it is not yet: answers whether it did. Two backends starting on the
 * same data folder cannot both seed a year; the primary key decides.
 */
export async function insertYearIfAbsent(db: Db, row: CalendarYearRow): Promise<boolean> {
  const result = await db.insertInto('calendar_years')
    .values({ year: row.year, source: row.source, loaded_at: row.loadedAt, loaded_by: row.loadedBy })
    .onConflict((oc) => oc.column('year').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Replaces a year's load record (source, time, who) with a new one. */
export async function upsertYear(db: Db, row: CalendarYearRow): Promise<void> {
  const values = { source: row.source, loaded_at: row.loadedAt, loaded_by: row.loadedBy };
  await db.insertInto('calendar_years').values({ year: row.year, ...values })
    .onConflict((oc) => oc.column('year').doUpdateSet(values)).execute();
}

export async function deleteYearDays(db: Db, year: number): Promise<void> {
  await db.deleteFrom('calendar_days').where('year', '=', year).execute();
}

export async function insertDays(db: Db, year: number, days: readonly ArrangedDay[]): Promise<void> {
  if (days.length === 0) return;
  await db.insertInto('calendar_days').values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, year }))).execute();
}
