/**
 * The ledger gains books for money that is not in a drawer: `safe` (cash dropped to the supervisor, not
 * yet banked), `bank` (banked, or paid to the bank by transfer) and `voucher_funds` (a liability: voucher
 * money not yet sold). The book column's CHECK must change. PostgreSQL alters the constraint; SQLite cannot,
 * so the table is rebuilt the documented way (sqlite.org/lang_altertable.html, "other kinds of table
 * schema changes"): create the new table, copy, drop, rename, re-create indexes and the append-only guard —
 * all inside the migration's transaction. Nothing references ledger_entries, so no foreign key is disturbed.
 */
import { sql } from 'kysely';
import { createTableWithId, dropAppendOnly, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { AnyDb, SqlDialect } from './dialect';

export const LEDGER_BOOKS = ['cash', 'safe', 'bank', 'voucher_funds', 'customer_credit', 'revenue'] as const;
const COLUMNS = 'id, txn_ref, sale_id, book, account_id, meter_id, shift_id, amount_fen, created_at';

async function createLedgerTable(db: AnyDb, d: SqlDialect, name: string): Promise<void> {
  await strict(createTableWithId(db, d, name)
    .addColumn('txn_ref', 'text', (c) => c.notNull())
    .addColumn('sale_id', int64(d), (c) => c.references('sales.id'))
    .addColumn('book', 'text', (c) => c.notNull().check(sqlIn('book', LEDGER_BOOKS)))
    .addColumn('account_id', int64(d), (c) => c.references('accounts.id'))
    .addColumn('meter_id', int64(d), (c) => c.references('meters.id'))
    .addColumn('shift_id', int64(d), (c) => c.references('shifts.id'))
    .addColumn('amount_fen', int64(d), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
}

export async function rebuildLedgerBooks(db: AnyDb, d: SqlDialect): Promise<void> {
  if (d === 'postgres') {
    await sql.raw(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_book_check`).execute(db);
    await sql.raw(`ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_book_check CHECK (book in (${LEDGER_BOOKS.map((b) => `'${b}'`).join(', ')}))`).execute(db);
  } else {
    await dropAppendOnly(db, d, 'ledger_entries');
    await createLedgerTable(db, d, 'ledger_entries_new');
    await sql.raw(`INSERT INTO ledger_entries_new (${COLUMNS}) SELECT ${COLUMNS} FROM ledger_entries`).execute(db);
    await db.schema.dropTable('ledger_entries').execute();
    await sql.raw('ALTER TABLE ledger_entries_new RENAME TO ledger_entries').execute(db);
    await db.schema.createIndex('ledger_txn').on('ledger_entries').column('txn_ref').execute();
    await db.schema.createIndex('ledger_meter_book').on('ledger_entries').columns(['meter_id', 'book']).execute();
    await db.schema.createIndex('ledger_shift_book').on('ledger_entries').columns(['shift_id', 'book']).execute();
    await makeAppendOnly(db, d, 'ledger_entries');
  }
  await db.schema.createIndex('ledger_sale').on('ledger_entries').column('sale_id').execute();
}
