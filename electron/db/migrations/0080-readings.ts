/**
 * 0080: collected readings. `read_sweeps` is one pass over the buses (scheduled, manual or a re-read), its row
 * opened when it starts and finished with its counts; `meter_readings` holds every result of a meter in a
 * sweep, good or failed, with the reading time and the error — append-only: a reading is a fact of the past.
 */
import { sql } from 'kysely';
import { createTableWithId, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { Migration } from './dialect';

export const m0080Readings: Migration = {
  version: 80,
  name: 'readings',
  async up(db, d) {
    await strict(createTableWithId(db, d, 'read_sweeps')
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['scheduled', 'manual', 'reread'])))
      /** The slot a scheduled sweep belongs to (the 00:00 Beijing or the every-N-minutes tick); null for a manual one. */
      .addColumn('scheduled_for', 'text')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      /** The bus a sweep was limited to; null = every active bus. */
      .addColumn('bus_id', int64(d), (c) => c.references('meter_buses.id'))
      .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ok', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('user_id', int64(d), (c) => c.references('users.id')), d).execute();
    await strict(createTableWithId(db, d, 'meter_readings')
      .addColumn('meter_id', int64(d), (c) => c.notNull().references('meters.id'))
      .addColumn('sweep_id', int64(d), (c) => c.references('read_sweeps.id'))
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addColumn('total', 'integer')
      .addColumn('remaining', 'integer')
      .addColumn('overdraft', 'integer')
      .addColumn('purchase_count', 'integer')
      .addColumn('relay', 'text')
      .addColumn('valve', 'text')
      .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('quality', 'text', (c) => c.notNull().check(sqlIn('quality', ['good', 'failed'])))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      .addCheckConstraint('meter_readings_failed_has_error', sql`quality = 'good' or error_code is not null`), d).execute();
    await db.schema.createIndex('meter_readings_meter_time').on('meter_readings').columns(['meter_id', 'read_at']).execute();
    await db.schema.createIndex('meter_readings_sweep').on('meter_readings').column('sweep_id').execute();
    await makeAppendOnly(db, d, 'meter_readings');
  },
};
