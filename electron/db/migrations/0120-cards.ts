/**
 * 0120: prepaid IC cards (issue 6). One card per meter (一表一卡).
 *  - `cards`: a card the hall issued — its number, meter, type (user / check / setting), the layout profile it
 *    was written with, and the card it replaced. Immutable.
 *  - `card_events`: what happened to a card since — reported lost and blacklisted, cleared (清卡). Append-only;
 *    a card is blacklisted for ever once it has a 'blacklisted' event.
 *  - `card_writes` + `card_write_events`: the journal of every write to a card, recorded with the EXACT bytes
 *    intended (address + hex) BEFORE the card is touched. A card sale commits its payment together with its
 *    'pending' write; 'sent' is recorded before the device is touched; 'completed' after the read-back matched;
 *    'voided' when reconciliation found the card without it (the sale is then reversed by the system);
 *    'failed' when the card could not be written and a person must decide. Append-only; the state is the
 *    latest event.
 *  - `card_fees`: the replacement fee (补卡费) taken at the counter, a receipt from the counter's gapless
 *    serial like a sale, with its ledger lines (cash in, revenue). Append-only.
 *  - `tariffs.card_fee_fen`: the replacement fee of a tariff (the tariff configuration names the fee).
 *  - `sale_reversals.cause`: 'approved' (a supervisor approved it, approval_id set) or 'card_void' (the system
 *    reversed a card sale whose purchase provably never reached the card nor the meter: no approval, because
 *    the rule itself — never both, never neither — decides). On SQLite the table is rebuilt inside this
 *    migration's transaction to relax approval_id's NOT NULL (nothing references sale_reversals).
 */
import { sql } from 'kysely';
import { createTableWithId, dropAppendOnly, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { AnyDb, Migration, SqlDialect } from './dialect';

export const CARD_KINDS = ['user', 'check', 'setting'] as const;
export const CARD_EVENT_KINDS = ['blacklisted', 'cleared'] as const;
export const CARD_WRITE_KINDS = ['issue', 'purchase', 'replacement', 'clear', 'undo'] as const;
export const CARD_WRITE_STATES = ['pending', 'sent', 'completed', 'voided', 'failed'] as const;

async function createCards(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'cards')
    .addColumn('card_no', 'text', (c) => c.notNull().unique())
    .addColumn('meter_id', int64(d), (c) => c.references('meters.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', CARD_KINDS)))
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('replaces_card_id', int64(d), (c) => c.references('cards.id'))
    .addColumn('issued_by', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('cards_meter').on('cards').column('meter_id').execute();
  await strict(createTableWithId(db, d, 'card_events')
    .addColumn('card_id', int64(d), (c) => c.notNull().references('cards.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', CARD_EVENT_KINDS)))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('user_id', int64(d), (c) => c.references('users.id'))
    .addColumn('approval_id', int64(d), (c) => c.references('approvals.id'))
    .addColumn('at', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('card_events_card').on('card_events').column('card_id').execute();
}

async function createJournal(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'card_writes')
    .addColumn('card_id', int64(d), (c) => c.notNull().references('cards.id'))
    .addColumn('meter_id', int64(d), (c) => c.references('meters.id'))
    .addColumn('sale_id', int64(d), (c) => c.unique().references('sales.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', CARD_WRITE_KINDS)))
    .addColumn('purchase_count', int64(d), (c) => c.notNull().check(sql`purchase_count >= 0`))
    /** fen (money meters) or 0.01 units (energy meters) the card carries to the meter; 0 for issue / clear. */
    .addColumn('amount', int64(d), (c) => c.notNull().check(sql`amount >= 0`))
    /** The exact bytes intended, from `address`, as upper-case hex. */
    .addColumn('address', 'integer', (c) => c.notNull().check(sql`address >= 0 and address < 256`))
    .addColumn('image_hex', 'text', (c) => c.notNull())
    .addColumn('created_by', int64(d), (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('card_writes_card').on('card_writes').column('card_id').execute();
  await strict(createTableWithId(db, d, 'card_write_events')
    .addColumn('write_id', int64(d), (c) => c.notNull().references('card_writes.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', CARD_WRITE_STATES)))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull()), d).execute();
  await db.schema.createIndex('card_write_events_write').on('card_write_events').columns(['write_id', 'id']).execute();
}

async function createFees(db: AnyDb, d: SqlDialect): Promise<void> {
  await strict(createTableWithId(db, d, 'card_fees')
    .addColumn('receipt_no', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('card_id', int64(d), (c) => c.notNull().unique().references('cards.id'))
    .addColumn('meter_id', int64(d), (c) => c.notNull().references('meters.id'))
    .addColumn('account_id', int64(d), (c) => c.notNull().references('accounts.id'))
    .addColumn('amount_fen', int64(d), (c) => c.notNull().check(sql`amount_fen >= 0`))
    .addColumn('tendered_fen', int64(d), (c) => c.notNull().check(sql`tendered_fen >= amount_fen`))
    .addColumn('approval_id', int64(d), (c) => c.notNull().references('approvals.id'))
    .addColumn('clerk_id', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('shift_id', int64(d), (c) => c.notNull().references('shifts.id'))
    .addColumn('counter_code', 'text', (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
}

const REVERSAL_COLUMNS = 'id, receipt_no, idempotency_key, request_hash, sale_id, approval_id, reason, clerk_id, shift_id, counter_code, amount_fen, business_date, created_at';
const CAUSE_RULE = sql`(cause = 'approved' and approval_id is not null) or (cause = 'card_void' and approval_id is null)`;

async function relaxReversalApproval(db: AnyDb, d: SqlDialect): Promise<void> {
  if (d === 'postgres') {
    await sql.raw(`ALTER TABLE sale_reversals ALTER COLUMN approval_id DROP NOT NULL`).execute(db);
    await sql.raw(`ALTER TABLE sale_reversals ADD COLUMN cause text NOT NULL DEFAULT 'approved' CHECK (cause in ('approved', 'card_void'))`).execute(db);
    await sql`ALTER TABLE sale_reversals ADD CONSTRAINT sale_reversals_cause_rule CHECK (${CAUSE_RULE})`.execute(db);
    return;
  }
  await dropAppendOnly(db, d, 'sale_reversals');
  await strict(createTableWithId(db, d, 'sale_reversals_new')
    .addColumn('receipt_no', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('sale_id', int64(d), (c) => c.notNull().unique().references('sales.id'))
    .addColumn('approval_id', int64(d), (c) => c.references('approvals.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('clerk_id', int64(d), (c) => c.notNull().references('users.id'))
    .addColumn('shift_id', int64(d), (c) => c.references('shifts.id'))
    .addColumn('counter_code', 'text', (c) => c.notNull())
    .addColumn('amount_fen', int64(d), (c) => c.notNull())
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull().defaultTo('approved').check(sqlIn('cause', ['approved', 'card_void'])))
    .addCheckConstraint('sale_reversals_cause_rule', CAUSE_RULE), d).execute();
  await sql.raw(`INSERT INTO sale_reversals_new (${REVERSAL_COLUMNS}) SELECT ${REVERSAL_COLUMNS} FROM sale_reversals`).execute(db);
  await db.schema.dropTable('sale_reversals').execute();
  await sql.raw('ALTER TABLE sale_reversals_new RENAME TO sale_reversals').execute(db);
  await makeAppendOnly(db, d, 'sale_reversals');
}

export const m0120Cards: Migration = {
  version: 120,
  name: 'cards',
  async up(db, d) {
    await createCards(db, d);
    await createJournal(db, d);
    await createFees(db, d);
    await db.schema.alterTable('tariffs').addColumn('card_fee_fen', int64(d), (c) => c.notNull().defaultTo(2000).check(sql`card_fee_fen >= 0`)).execute();
    for (const table of ['cards', 'card_events', 'card_writes', 'card_write_events', 'card_fees']) await makeAppendOnly(db, d, table);
    await relaxReversalApproval(db, d);
  },
};
