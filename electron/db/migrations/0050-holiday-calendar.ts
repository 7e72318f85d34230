/**
 * 0050: the bank holiday calendar, the State Council's arrangement of non-working days ('off') and
 * make-up working days ('work') per year. Editable data (an admin re-imports a year), unlike the ledger;
 * every load is audited instead. The rows are filled at backend start (services/calendar-service), never
 * here: a migration must not depend on package data that changes between releases.
 */
import { int64, sqlIn, strict } from './dialect';
import type { Migration } from './dialect';

export const m0050HolidayCalendar: Migration = {
  version: 50,
  name: 'holiday-calendar',
  async up(db, d) {
    await strict(db.schema.createTable('calendar_years')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('loaded_at', 'text', (c) => c.notNull())
      .addColumn('loaded_by', int64(d), (c) => c.references('users.id')), d).execute();
    await strict(db.schema.createTable('calendar_days')
      .addColumn('date', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['off', 'work'])))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull().references('calendar_years.year')), d).execute();
    await db.schema.createIndex('calendar_days_year').on('calendar_days').column('year').execute();
  },
};
