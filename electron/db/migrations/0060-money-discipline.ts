/**
 * 0060: money discipline. The settlement method per account; bank-transfer vouchers and their draws;
 * one approval mechanism (request, decision, single use); holiday cash deposit obligations, cash drops,
 * bank deposits; reversals (冲正); and the ledger's new books. Everything that records money or a
 * decision is append-only; a voucher's `used_fen` is the one counter that moves, and the database itself
 * refuses to let it pass the voucher's amount.
 */
import { sql } from 'kysely';
import { createTableWithId, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { AnyDb, Migration, SqlDialect } from './dialect';
import { rebuildLedgerBooks } from './0060-ledger-books';

const APPEND_ONLY = [
  'voucher_images', 'voucher_draws', 'approvals', 'approval_decisions', 'approval_uses',
  'sale_reversals', 'deposit_obligations', 'cash_drops', 'bank_deposits', 'deposit_items',
];

async function addColumns(db: AnyDb, d: SqlDialect): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('settlement', 'text',
    (c) => c.notNull().defaultTo('cash').check(sqlIn('settlement', ['cash', 'bank_transfer']))).execute();
  // Shifts closed from now on record the last ledger line their count covered (null for earlier ones: their
  // cash book cannot have moved after the close, as deposits of holiday cash did not exist yet).
  await db.schema.alterTable('shifts').addColumn('closing_ledger_id', int64(d)).execute();
  await db.schema.alterTable('sales').addColumn('voucher_id', int64(d), (c) => c.references('vouchers.id')).execute();
  await db.schema.alterTable('sales').addColumn('approval_id', int64(d), (c) => c.references('approvals.id')).execute();
}

async function createVouchers(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'vouchers')
    .addColumn('bank', 'text', (c) => c.notNull())
    .addColumn('bank_key', 'text', (c) => c.notNull())
    .addColumn('payer_account', 'text', (c) => c.notNull())
    .addColumn('reference_no', 'text', (c) => c.notNull())
    .addColumn('reference_key', 'text', (c) => c.notNull())
    .addColumn('payer', 'text', (c) => c.notNull())
    .addColumn('amount_fen', int64(d), (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('used_fen', int64(d), (c) => c.notNull().defaultTo(0).check(sql`used_fen >= 0 and used_fen <= amount_fen`))
    .addColumn('value_date', 'text', (c) => c.notNull())
    .addColumn('account_id', int64(d), (c) => c.references('accounts.id'))
    .addColumn('registered_by', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    // The same bank reference can never be registered twice (keys are trimmed and upper-cased).
    .addUniqueConstraint('vouchers_bank_reference', ['bank_key', 'reference_key']), d).execute();
  await db.schema.createIndex('vouchers_account').on('vouchers').column('account_id').execute();
  await db.schema.createIndex('vouchers_registered').on('vouchers').column('registered_at').execute();
  await strict(db.schema.createTable('voucher_images')
    .addColumn('voucher_id', int64(d), (c) => c.primaryKey().references('vouchers.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('data', d === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull()), d).execute();
  await strict(createTableWithId(db, d, 'voucher_draws')
    .addColumn('voucher_id', int64(d), (c) => c.notNull().references('vouchers.id'))
    .addColumn('sale_id', int64(d), (c) => c.notNull().references('sales.id'))
    .addColumn('amount_fen', int64(d), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('voucher_draws_voucher').on('voucher_draws').column('voucher_id').execute();
}

async function createApprovals(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'approvals')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull()), d).execute();
  // One decision and one use per request: the primary keys make a second one impossible.
  await strict(db.schema.createTable('approval_decisions')
    .addColumn('approval_id', int64(d), (c) => c.primaryKey().references('approvals.id'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sqlIn('decision', ['approve', 'reject'])))
    .addColumn('decided_by', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('note', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull()), d).execute();
  await strict(db.schema.createTable('approval_uses')
    .addColumn('approval_id', int64(d), (c) => c.primaryKey().references('approvals.id'))
    .addColumn('used_by', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text', (c) => c.notNull()), d).execute();
}

async function createReversals(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'sale_reversals')
    .addColumn('receipt_no', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('sale_id', int64(d), (c) => c.notNull().unique().references('sales.id'))
    .addColumn('approval_id', int64(d), (c) => c.notNull().references('approvals.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('clerk_id', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('shift_id', int64(d), (c) => c.references('shifts.id'))
    .addColumn('counter_code', 'text', (c) => c.notNull())
    .addColumn('amount_fen', int64(d), (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
}

async function createDeposits(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'deposit_obligations')
    .addColumn('sale_id', int64(d), (c) => c.notNull().unique().references('sales.id'))
    .addColumn('account_id', int64(d), (c) => c.notNull().references('accounts.id'))
    .addColumn('clerk_id', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('shift_id', int64(d), (c) => c.notNull().references('shifts.id'))
    .addColumn('approval_id', int64(d), (c) => c.notNull().references('approvals.id'))
    .addColumn('amount_fen', int64(d), (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('holiday_start', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('obligations_account_holiday').on('deposit_obligations').columns(['account_id', 'holiday_start']).execute();
  await db.schema.createIndex('obligations_clerk').on('deposit_obligations').column('clerk_id').execute();
  await strict(createTableWithId(db, d, 'cash_drops')
    .addColumn('shift_id', int64(d), (c) => c.notNull().references('shifts.id'))
    .addColumn('clerk_id', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('received_by', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('amount_fen', int64(d), (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await strict(createTableWithId(db, d, 'bank_deposits')
    .addColumn('bank', 'text', (c) => c.notNull())
    .addColumn('bank_key', 'text', (c) => c.notNull())
    .addColumn('slip_ref', 'text', (c) => c.notNull())
    .addColumn('slip_key', 'text', (c) => c.notNull())
    .addColumn('amount_fen', int64(d), (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('deposit_date', 'text', (c) => c.notNull())
    .addColumn('recorded_by', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bank_deposits_slip', ['bank_key', 'slip_key']), d).execute();
  // Each obligation and each drop is deposited at most once: unique columns, NULLs not counted.
  await strict(createTableWithId(db, d, 'deposit_items')
    .addColumn('deposit_id', int64(d), (c) => c.notNull().references('bank_deposits.id'))
    .addColumn('obligation_id', int64(d), (c) => c.unique().references('deposit_obligations.id'))
    .addColumn('drop_id', int64(d), (c) => c.unique().references('cash_drops.id'))
    .addColumn('amount_fen', int64(d), (c) => c.notNull())
    .addCheckConstraint('deposit_items_one_source', sql`(obligation_id is null) <> (drop_id is null)`), d).execute();
  await db.schema.createIndex('deposit_items_deposit').on('deposit_items').column('deposit_id').execute();
}

export const m0060MoneyDiscipline: Migration = {
  version: 60,
  name: 'money-discipline',
  async up(db, d) {
    await createVouchers(db, d);
    await createApprovals(db, d);
    await addColumns(db, d);
    await createReversals(db, d);
    await createDeposits(db, d);
    await rebuildLedgerBooks(db, d);
    for (const table of APPEND_ONLY) await makeAppendOnly(db, d, table);
    await fixAllButUsed(db, d);
  },
};

/** Vouchers: no DELETE, and no UPDATE of anything but `used_fen` (the id too: the ledger names a voucher by it, `VCH-<id>`) (whose CHECK bounds it by the amount). */
async function fixAllButUsed(db: AnyDb, d: SqlDialect): Promise<void> {
  const fixed = ['id', 'bank', 'bank_key', 'payer_account', 'reference_no', 'reference_key', 'payer', 'amount_fen', 'value_date', 'account_id', 'registered_by', 'registered_at'];
  if (d === 'sqlite') {
    await sql.raw(`CREATE TRIGGER vouchers_fixed BEFORE UPDATE OF ${fixed.join(', ')} ON vouchers
      BEGIN SELECT RAISE(ABORT, 'append-only columns: vouchers'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER vouchers_no_delete BEFORE DELETE ON vouchers
      BEGIN SELECT RAISE(ABORT, 'append-only table: vouchers'); END`).execute(db);
    return;
  }
  // PostgreSQL: the same two refusals with the same messages as SQLite's. (This branch first ran with issue 8;
  // no PostgreSQL hall existed before it, so no released database carries an older form.)
  await sql.raw(`CREATE OR REPLACE FUNCTION halldesk_reject_column_change() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'append-only columns: %', TG_TABLE_NAME; END $$ LANGUAGE plpgsql`).execute(db);
  await sql.raw(`CREATE TRIGGER vouchers_fixed BEFORE UPDATE OF ${fixed.join(', ')} ON vouchers
    FOR EACH ROW EXECUTE FUNCTION halldesk_reject_column_change()`).execute(db);
  await sql.raw(`CREATE TRIGGER vouchers_no_delete BEFORE DELETE ON vouchers
    FOR EACH ROW EXECUTE FUNCTION halldesk_reject_change()`).execute(db);
}
