/** 0010: people, places, meters and tariffs. */
import { createTableWithId, int64, sqlIn, sqlNonNegative, strict } from './dialect';
import type { AnyDb, Migration, SqlDialect } from './dialect';

async function createPeople(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull()), d).execute();
  await strict(createTableWithId(db, d, 'users')
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sqlIn('role', ['clerk', 'supervisor', 'admin'])))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await strict(createTableWithId(db, d, 'customers')
    .addColumn('customer_no', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('id_number', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('customers_name').on('customers').column('name').execute();
  await db.schema.createIndex('customers_phone').on('customers').column('phone').execute();
  await strict(createTableWithId(db, d, 'premises')
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('building', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('room', 'text', (c) => c.notNull())
    .addColumn('room_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('premises_address', ['area', 'building', 'unit', 'room']), d).execute();
  await db.schema.createIndex('premises_room_key').on('premises').column('room_key').execute();
  await strict(createTableWithId(db, d, 'accounts')
    .addColumn('account_no', 'text', (c) => c.notNull().unique())
    .addColumn('customer_id', int64(d), (c) => c.notNull().references('customers.id'))
    .addColumn('premises_id', int64(d), (c) => c.notNull().references('premises.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['open', 'closed'])))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text'), d).execute();
  await db.schema.createIndex('accounts_customer').on('accounts').column('customer_id').execute();
  await db.schema.createIndex('accounts_premises').on('accounts').column('premises_id').execute();
}

async function createTariffs(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'tariffs')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('utility', 'text', (c) => c.notNull().check(sqlIn('utility', ['electricity', 'water'])))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull().check(sqlIn('period', ['none', 'year', 'month'])))
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await strict(createTableWithId(db, d, 'tariff_versions')
    .addColumn('tariff_id', int64(d), (c) => c.notNull().references('tariffs.id'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', int64(d), (c) => c.references('users.id'))
    .addUniqueConstraint('tariff_versions_effective', ['tariff_id', 'effective_from']), d).execute();
  await strict(db.schema.createTable('tariff_tiers')
    .addColumn('version_id', int64(d), (c) => c.notNull().references('tariff_versions.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('upto_units', int64(d))
    .addColumn('price', int64(d), (c) => c.notNull().check(sqlNonNegative('price')))
    .addPrimaryKeyConstraint('tariff_tiers_pk', ['version_id', 'seq']), d).execute();
}

async function createMeters(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'meters')
    .addColumn('meter_no', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', int64(d), (c) => c.notNull().references('accounts.id'))
    .addColumn('utility', 'text', (c) => c.notNull().check(sqlIn('utility', ['electricity', 'water'])))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('serial_no', 'text', (c) => c.notNull())
    .addColumn('comm_address', 'text', (c) => c.notNull())
    .addColumn('credit_kind', 'text', (c) => c.notNull().check(sqlIn('credit_kind', ['energy', 'money', 'hall'])))
    .addColumn('credit_via', 'text', (c) => c.notNull().check(sqlIn('credit_via', ['card', 'remote'])))
    .addColumn('unit_step', 'integer', (c) => c.notNull())
    .addColumn('credit_cap', int64(d))
    .addColumn('tariff_id', int64(d), (c) => c.notNull().references('tariffs.id'))
    // One card per meter (一表一卡): a card number is never shared.
    .addColumn('card_no', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull().check(sqlIn('status', ['active', 'removed'])))
    .addColumn('installed_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('remaining', int64(d), (c) => c.notNull().defaultTo(0))
    .addColumn('overdraft', int64(d), (c) => c.notNull().defaultTo(0))
    .addColumn('credit_fen', int64(d), (c) => c.notNull().defaultTo(0)), d).execute();
  await db.schema.createIndex('meters_account').on('meters').column('account_id').execute();
  await strict(db.schema.createTable('units_to_date')
    .addColumn('account_id', int64(d), (c) => c.notNull().references('accounts.id'))
    .addColumn('utility', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('units', int64(d), (c) => c.notNull())
    .addPrimaryKeyConstraint('units_to_date_pk', ['account_id', 'utility', 'period_key']), d).execute();
}

export const m0010Core: Migration = {
  version: 10,
  name: 'core',
  async up(db, dialect) {
    await createPeople(db, dialect);
    await createTariffs(db, dialect);
    await createMeters(db, dialect);
  },
};
