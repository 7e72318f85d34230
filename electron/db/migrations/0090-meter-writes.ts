/**
 * 0090: the journal of remote writes to meters (issue 5 item 5, remote recharge). A remote sale commits its
 * payment together with the intent to credit the meter: one `meter_writes` row (what to write, to which meter,
 * for which sale) and its first `meter_write_events` row ('pending'). Delivery appends events — 'sent' (always
 * recorded BEFORE the device is touched), 'verified' (the purchase count read back), 'completed', or 'failed'
 * (a supervisor decides), 'voided' (the sale was reversed before the meter took it). Both tables are
 * append-only: the current state of a write is its latest event.
 *
 * `purchase_count` is the count the meter must carry after the write (the meter's count + 1). It is known at
 * sale time when the meter's previous write is on the journal (its count + 1); null for the first write to a
 * meter (or after a failed one): delivery then reads the meter's own count first and pins count + 1 in the
 * 'sent' event's detail ({ purchaseCount }) before anything is written.
 */
import { sql } from 'kysely';
import { createTableWithId, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { Migration } from './dialect';

export const METER_WRITE_STATES = ['pending', 'sent', 'verified', 'completed', 'failed', 'voided'] as const;

export const m0090MeterWrites: Migration = {
  version: 90,
  name: 'meter-writes',
  async up(db, d) {
    await strict(createTableWithId(db, d, 'meter_writes')
      .addColumn('sale_id', int64(d), (c) => c.notNull().unique().references('sales.id'))
      .addColumn('meter_id', int64(d), (c) => c.notNull().references('meters.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['recharge'])))
      .addColumn('purchase_count', int64(d), (c) => c.check(sql`purchase_count > 0`))
      /** What the meter is credited: fen for money meters, 0.01 units for energy meters. */
      .addColumn('amount', int64(d), (c) => c.notNull().check(sql`amount > 0`))
      .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
    await db.schema.createIndex('meter_writes_meter').on('meter_writes').column('meter_id').execute();
    await strict(createTableWithId(db, d, 'meter_write_events')
      .addColumn('write_id', int64(d), (c) => c.notNull().references('meter_writes.id'))
      .addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', METER_WRITE_STATES)))
      .addColumn('at', 'text', (c) => c.notNull())
      /** JSON: what was read or written, the error of a timeout, why it failed. */
      .addColumn('detail', 'text', (c) => c.notNull()), d).execute();
    await db.schema.createIndex('meter_write_events_write').on('meter_write_events').columns(['write_id', 'id']).execute();
    await makeAppendOnly(db, d, 'meter_writes');
    await makeAppendOnly(db, d, 'meter_write_events');
  },
};
