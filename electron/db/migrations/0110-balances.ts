/**
 * 0110: hall-kept balances (远程费控) and high-voltage settlement readings (issue 5 items 7 and 8).
 *  - `tariff_tou_prices`: a tariff version's time-of-use prices (append-only, like the version itself);
 *  - `balance_charges`: one row per charged reading interval, UNIQUE per to-reading so an interval is never
 *    charged twice; its ledger entry carries txn_ref 'BC-<id>' (append-only);
 *  - `balance_alerts`: a hall-kept balance reaching a lower level (append-only);
 *  - accounts.remote_is_settlement: whether the remote meter is the trade-settlement meter (high-voltage);
 *  - meter_readings: period energies (JSON {spike, peak, flat, valley} in 0.01 units, null when the protocol has
 *    none) and manual readings (source 'manual' with the supply agreement, approval and clerk). ADD COLUMN keeps
 *    the table's append-only triggers (SQLite and PostgreSQL alike).
 */
import { sql } from 'kysely';
import { createTableWithId, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { AnyDb, Migration, SqlDialect } from './dialect';

async function alterExisting(db: AnyDb, d: SqlDialect): Promise<void> {
  await db.schema.alterTable('accounts')
    .addColumn('remote_is_settlement', 'integer', (c) => c.notNull().defaultTo(1).check(sql`remote_is_settlement in (0, 1)`)).execute();
  await db.schema.alterTable('meter_readings').addColumn('periods', 'text').execute();
  await db.schema.alterTable('meter_readings')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('meter').check(sqlIn('source', ['meter', 'manual']))).execute();
  await db.schema.alterTable('meter_readings').addColumn('agreement_ref', 'text').execute();
  await db.schema.alterTable('meter_readings').addColumn('approval_id', int64(d), (c) => c.references('approvals.id')).execute();
  await db.schema.alterTable('meter_readings').addColumn('entered_by', int64(d), (c) => c.references('users.id')).execute();
}

export const m0110Balances: Migration = {
  version: 110,
  name: 'balances',
  async up(db, d) {
    await strict(db.schema.createTable('tariff_tou_prices')
      .addColumn('version_id', int64(d), (c) => c.primaryKey().references('tariff_versions.id'))
      .addColumn('spike', 'integer', (c) => c.notNull().check(sql`spike >= 0`))
      .addColumn('peak', 'integer', (c) => c.notNull().check(sql`peak >= 0`))
      .addColumn('flat', 'integer', (c) => c.notNull().check(sql`flat >= 0`))
      .addColumn('valley', 'integer', (c) => c.notNull().check(sql`valley >= 0`)), d).execute();
    await makeAppendOnly(db, d, 'tariff_tou_prices');
    await alterExisting(db, d);
    await strict(createTableWithId(db, d, 'balance_charges')
      .addColumn('meter_id', int64(d), (c) => c.notNull().references('meters.id'))
      .addColumn('account_id', int64(d), (c) => c.notNull().references('accounts.id'))
      .addColumn('utility', 'text', (c) => c.notNull())
      /** The units-to-date key the interval's units were added to (db verify sums them with the sales). */
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('tariff_version_id', int64(d), (c) => c.notNull().references('tariff_versions.id'))
      .addColumn('from_reading_id', int64(d), (c) => c.notNull().references('meter_readings.id'))
      .addColumn('to_reading_id', int64(d), (c) => c.notNull().unique().references('meter_readings.id'))
      .addColumn('units', int64(d), (c) => c.notNull().check(sql`units >= 0`))
      .addColumn('charge_fen', int64(d), (c) => c.notNull())
      .addColumn('balance_after_fen', int64(d), (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull().check(sqlIn('source', ['meter', 'manual'])))
      .addColumn('at', 'text', (c) => c.notNull()), d).execute();
    await db.schema.createIndex('balance_charges_meter').on('balance_charges').columns(['meter_id', 'id']).execute();
    await makeAppendOnly(db, d, 'balance_charges');
    await strict(createTableWithId(db, d, 'balance_alerts')
      .addColumn('meter_id', int64(d), (c) => c.notNull().references('meters.id'))
      .addColumn('level', 'text', (c) => c.notNull().check(sqlIn('level', ['alarm1', 'alarm2', 'zero', 'overdraft'])))
      .addColumn('balance_fen', int64(d), (c) => c.notNull())
      .addColumn('charge_id', int64(d), (c) => c.references('balance_charges.id'))
      .addColumn('at', 'text', (c) => c.notNull()), d).execute();
    await db.schema.createIndex('balance_alerts_meter').on('balance_alerts').columns(['meter_id', 'id']).execute();
    await makeAppendOnly(db, d, 'balance_alerts');
  },
};
