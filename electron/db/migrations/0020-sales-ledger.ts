/** 0020: shifts, receipt serials, sales, the double-entry ledger and account events (all money movement). */
import { sql } from 'kysely';
import { createTableWithId, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { AnyDb, Migration, SqlDialect } from './dialect';

async function createShifts(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'shifts')
    .addColumn('clerk_id', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('counter_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['open', 'closed'])))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('float_fen', int64(d), (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('expected_fen', int64(d))
    .addColumn('counted_fen', int64(d))
    .addColumn('short_over_fen', int64(d))
    .addColumn('denominations', 'text')
    .addColumn('note', 'text'), d).execute();
  // At most one open shift per clerk: a partial unique index, understood by SQLite and PostgreSQL alike.
  await db.schema.createIndex('shifts_one_open_per_clerk').on('shifts').column('clerk_id').unique()
    .where(sql.ref('status'), '=', 'open').execute();
  await strict(db.schema.createTable('receipt_sequences')
    .addColumn('counter_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_no', int64(d), (c) => c.notNull())
    .addPrimaryKeyConstraint('receipt_sequences_pk', ['counter_code', 'year']), d).execute();
}

async function createSales(db: AnyDb, d: SqlDialect): Promise<void> {
  let table = createTableWithId(db, d, 'sales')
    .addColumn('receipt_no', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('shift_id', int64(d), (c) => c.notNull().references('shifts.id'))
    .addColumn('clerk_id', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('counter_code', 'text', (c) => c.notNull())
    .addColumn('account_id', int64(d), (c) => c.notNull().references('accounts.id'))
    .addColumn('meter_id', int64(d), (c) => c.notNull().references('meters.id'))
    .addColumn('utility', 'text', (c) => c.notNull())
    .addColumn('credit_kind', 'text', (c) => c.notNull())
    .addColumn('tariff_version_id', int64(d), (c) => c.notNull().references('tariff_versions.id'))
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('request_mode', 'text', (c) => c.notNull().check(sqlIn('request_mode', ['money', 'units'])));
  for (const column of ['payable_fen', 'tendered_fen', 'change_fen', 'charge_fen', 'units', 'credit_before_fen',
    'credit_after_fen', 'credited_to_meter', 'overdraft_recovered', 'meter_remaining_after', 'tier_before']) {
    table = table.addColumn(column, int64(d), (c) => c.notNull());
  }
  await strict(table
    .addColumn('segments', 'text', (c) => c.notNull())
    .addColumn('payment_method', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('sales_shift').on('sales').column('shift_id').execute();
  await db.schema.createIndex('sales_meter').on('sales').columns(['meter_id', 'id']).execute();
  await db.schema.createIndex('sales_account_period').on('sales').columns(['account_id', 'utility', 'period_key']).execute();
  await db.schema.createIndex('sales_business_date').on('sales').column('business_date').execute();
}

async function createLedger(db: AnyDb, d: SqlDialect): Promise<void> {
  // Double entry: every txn_ref's entries sum to zero. Books: cash (drawer, debit +), customer_credit
  // (money the hall holds for a meter, a liability: credit −), revenue (credit −).
  await strict(createTableWithId(db, d, 'ledger_entries')
    .addColumn('txn_ref', 'text', (c) => c.notNull())
    .addColumn('sale_id', int64(d), (c) => c.references('sales.id'))
    .addColumn('book', 'text', (c) => c.notNull().check(sqlIn('book', ['cash', 'customer_credit', 'revenue'])))
    .addColumn('account_id', int64(d), (c) => c.references('accounts.id'))
    .addColumn('meter_id', int64(d), (c) => c.references('meters.id'))
    .addColumn('shift_id', int64(d), (c) => c.references('shifts.id'))
    .addColumn('amount_fen', int64(d), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('ledger_txn').on('ledger_entries').column('txn_ref').execute();
  await db.schema.createIndex('ledger_meter_book').on('ledger_entries').columns(['meter_id', 'book']).execute();
  await db.schema.createIndex('ledger_shift_book').on('ledger_entries').columns(['shift_id', 'book']).execute();
  await strict(createTableWithId(db, d, 'account_events')
    .addColumn('account_id', int64(d), (c) => c.notNull().references('accounts.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['open', 'change_owner', 'change_meter', 'close'])))
    .addColumn('receipt_no', 'text', (c) => c.unique())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('user_id', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('account_events_account').on('account_events').column('account_id').execute();
}

export const m0020SalesLedger: Migration = {
  version: 20,
  name: 'sales-ledger',
  async up(db, dialect) {
    await createShifts(db, dialect);
    await createSales(db, dialect);
    await createLedger(db, dialect);
    for (const table of ['sales', 'ledger_entries', 'account_events', 'tariff_versions', 'tariff_tiers']) {
      await makeAppendOnly(db, dialect, table);
    }
  },
};
