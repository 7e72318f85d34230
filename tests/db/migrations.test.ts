import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../electron/db/open-sqlite';
import type { SqliteHandle } from '../../electron/db/open-sqlite';
import { DatabaseFromNewerAppError, migrate } from '../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/db/migrations/index';
import { DATABASE_FILE, createBackend } from '../../electron/main/composition';
import { FakeClock, PASSWORDS, buildBackend, sqlOf } from '../support/backend';

const NOW = new Date('2026-06-15T02:00:00.000Z');
const now = () => NOW;

/** What each migration adds to sqlite_master (SQLite's own sqlite_* objects aside). A new migration needs a line here. */
const ADDS: Record<number, string[]> = {
  10: [
    'table:settings', 'table:users', 'table:customers', 'table:premises', 'table:accounts', 'table:tariffs', 'table:tariff_versions',
    'table:tariff_tiers', 'table:meters', 'table:units_to_date',
    'index:customers_name', 'index:customers_phone', 'index:premises_room_key', 'index:accounts_customer', 'index:accounts_premises', 'index:meters_account',
  ],
  20: [
    'table:shifts', 'table:receipt_sequences', 'table:sales', 'table:ledger_entries', 'table:account_events',
    'index:shifts_one_open_per_clerk', 'index:sales_shift', 'index:sales_meter', 'index:sales_account_period', 'index:sales_business_date',
    'index:ledger_txn', 'index:ledger_meter_book', 'index:ledger_shift_book', 'index:account_events_account',
    ...['sales', 'ledger_entries', 'account_events', 'tariff_versions', 'tariff_tiers'].flatMap((t) => [`trigger:${t}_no_update`, `trigger:${t}_no_delete`]),
  ],
  30: ['table:audit_log', 'index:audit_entity', 'trigger:audit_log_no_update', 'trigger:audit_log_no_delete'],
  // Two columns on audit_log; the append-only triggers are dropped and recreated under their own names.
  40: [],
  50: ['table:calendar_years', 'table:calendar_days', 'index:calendar_days_year'],
  // Columns accounts.settlement, sales.voucher_id and sales.approval_id. ledger_entries is rebuilt for its new
  // books: the table, ledger_txn, ledger_meter_book, ledger_shift_book and its two triggers come back under the
  // same names (so they are not "added"; the check below proves none went missing), and ledger_sale is new.
  60: [
    'table:vouchers', 'table:voucher_images', 'table:voucher_draws', 'table:approvals', 'table:approval_decisions', 'table:approval_uses',
    'table:sale_reversals', 'table:deposit_obligations', 'table:cash_drops', 'table:bank_deposits', 'table:deposit_items',
    'index:vouchers_account', 'index:vouchers_registered', 'index:voucher_draws_voucher', 'index:obligations_account_holiday', 'index:obligations_clerk',
    'index:deposit_items_deposit', 'index:ledger_sale',
    ...['voucher_images', 'voucher_draws', 'approvals', 'approval_decisions', 'approval_uses', 'sale_reversals', 'deposit_obligations', 'cash_drops',
      'bank_deposits', 'deposit_items'].flatMap((t) => [`trigger:${t}_no_update`, `trigger:${t}_no_delete`]),
    'trigger:vouchers_fixed', 'trigger:vouchers_no_delete',
  ],
  70: ['table:meter_buses', 'index:meters_bus'],
  80: ['table:read_sweeps', 'table:meter_readings', 'index:meter_readings_meter_time', 'index:meter_readings_sweep',
    'trigger:meter_readings_no_update', 'trigger:meter_readings_no_delete'],
  90: ['table:meter_writes', 'table:meter_write_events', 'index:meter_writes_meter', 'index:meter_write_events_write',
    ...['meter_writes', 'meter_write_events'].flatMap((t) => [`trigger:${t}_no_update`, `trigger:${t}_no_delete`])],
  100: ['table:control_jobs', 'table:control_job_events', 'table:control_job_targets', 'table:control_target_attempts',
    'index:control_job_events_job', 'index:control_job_targets_meter', 'index:control_target_attempts_target',
    ...['control_jobs', 'control_job_events', 'control_job_targets', 'control_target_attempts'].flatMap((t) => [`trigger:${t}_no_update`, `trigger:${t}_no_delete`])],
  110: ['table:tariff_tou_prices', 'table:balance_charges', 'table:balance_alerts', 'index:balance_charges_meter', 'index:balance_alerts_meter',
    ...['tariff_tou_prices', 'balance_charges', 'balance_alerts'].flatMap((t) => [`trigger:${t}_no_update`, `trigger:${t}_no_delete`])],
  // And the column tariffs.card_fee_fen.
  120: ['table:cards', 'table:card_events', 'table:card_writes', 'table:card_write_events', 'table:card_fees',
    'index:cards_meter', 'index:card_events_card', 'index:card_writes_card', 'index:card_write_events_write',
    ...['cards', 'card_events', 'card_writes', 'card_write_events', 'card_fees'].flatMap((t) => [`trigger:${t}_no_update`, `trigger:${t}_no_delete`])],
  130: ['table:print_jobs', 'table:print_job_events', 'index:print_jobs_sale_reprint', 'index:print_jobs_created', 'index:print_job_events_job', ...['print_jobs', 'print_job_events'].flatMap((t) => [`trigger:${t}_no_update`, `trigger:${t}_no_delete`])],
  150: ['table:reminder_contacts', 'index:reminder_contacts_kind_meter', 'table:sms_messages', 'index:sms_messages_account', 'index:sms_messages_created',
    'table:sms_events', 'index:sms_events_message', 'index:sales_worklist',
    ...['reminder_contacts', 'sms_messages', 'sms_events'].flatMap((t) => [`trigger:${t}_no_update`, `trigger:${t}_no_delete`])],
  160: ['table:backups', 'index:backups_verified', 'trigger:backups_no_update', 'trigger:backups_no_delete'],
  170: ['table:counters'],
};

const handles: SqliteHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function freshDb(): Promise<SqliteHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'halldesk-migrate-'));
  dirs.push(dir);
  const handle = openSqlite(join(dir, 'test.sqlite'));
  handles.push(handle);
  return handle;
}
function objects(handle: SqliteHandle): string[] {
  const rows = handle.raw.prepare("select type, name from sqlite_master where name not like 'sqlite_%' order by type, name").all() as { type: string; name: string }[];
  return rows.map((r) => `${r.type}:${r.name}`);
}
const schemaSql = (handle: SqliteHandle) => handle.raw.prepare('select type, name, sql from sqlite_master order by type, name').all();
const recorded = (handle: SqliteHandle) => handle.raw.prepare('select version, name, applied_at from schema_migrations order by version').all();

describe('each migration', () => {
  it('versions increase and the latest is the last', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(LATEST_SCHEMA_VERSION).toBe(versions.at(-1));
    expect(Object.keys(ADDS).map(Number)).toEqual(versions);
  });

  MIGRATIONS.forEach((migration, index) => {
    const previous = index === 0 ? 0 : MIGRATIONS[index - 1]!.version;
    it(`${migration.version}-${migration.name}: from ${previous} adds exactly its objects and is recorded`, async () => {
      const handle = await freshDb();
      const first = await migrate(handle.db, 'sqlite', now, previous);
      expect(first.to).toBe(previous);
      const before = objects(handle);
      expect(recorded(handle)).toEqual(MIGRATIONS.slice(0, index).map((m) => ({ version: m.version, name: m.name, applied_at: NOW.toISOString() })));

      const report = await migrate(handle.db, 'sqlite', now, migration.version);
      expect(report).toEqual({ from: previous, to: migration.version, applied: [`${migration.version}-${migration.name}`] });
      const added = objects(handle).filter((o) => !before.includes(o));
      expect(added.sort()).toEqual([...(ADDS[migration.version] ?? ['(no expectation for this migration)'])].sort());
      expect(before.filter((o) => !objects(handle).includes(o))).toEqual([]);
      expect(recorded(handle).at(-1)).toEqual({ version: migration.version, name: migration.name, applied_at: NOW.toISOString() });
    });
  });

  it('the one-open-shift-per-clerk index is unique and partial', async () => {
    const handle = await freshDb();
    await migrate(handle.db, 'sqlite', now);
    const { sql } = handle.raw.prepare("select sql from sqlite_master where name = 'shifts_one_open_per_clerk'").get() as { sql: string };
    expect(sql).toMatch(/create unique index/i);
    expect(sql).toMatch(/where "?status"? = 'open'/i);
  });
});

describe('migrate as a whole', () => {
  it('re-running is a no-op', async () => {
    const handle = await freshDb();
    const first = await migrate(handle.db, 'sqlite', now);
    expect(first).toMatchObject({ from: 0, to: LATEST_SCHEMA_VERSION });
    const schema = schemaSql(handle);
    const rows = recorded(handle);
    expect(await migrate(handle.db, 'sqlite', () => new Date('2030-01-01T00:00:00Z'))).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] });
    expect(schemaSql(handle)).toEqual(schema);
    expect(recorded(handle)).toEqual(rows);
  });

  it('refuses a database from a newer HallDesk and leaves it unchanged', async () => {
    const handle = await freshDb();
    await migrate(handle.db, 'sqlite', now);
    const newer = LATEST_SCHEMA_VERSION + 10;
    handle.raw.prepare('insert into schema_migrations (version, name, applied_at) values (?, ?, ?)').run(newer, 'future', NOW.toISOString());
    const schema = schemaSql(handle);
    const rows = recorded(handle);
    const error = await migrate(handle.db, 'sqlite', now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseFromNewerAppError);
    expect(error).toMatchObject({ databaseVersion: newer, appVersion: LATEST_SCHEMA_VERSION });
    expect(schemaSql(handle)).toEqual(schema);
    expect(recorded(handle)).toEqual(rows);
  });

  it('refuses a newer database that has nothing else in it without creating a table', async () => {
    const handle = await freshDb();
    handle.raw.exec('create table schema_migrations (version integer primary key, name text not null, applied_at text not null)');
    handle.raw.prepare('insert into schema_migrations values (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'future', 'x');
    await expect(migrate(handle.db, 'sqlite', now)).rejects.toBeInstanceOf(DatabaseFromNewerAppError);
    expect(objects(handle)).toEqual(['table:schema_migrations']);
  });

  it('createBackend refuses a newer database too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'halldesk-newer-'));
    dirs.push(dir);
    const seed = openSqlite(join(dir, 'halldesk.sqlite'));
    await migrate(seed.db, 'sqlite', now);
    seed.raw.prepare('insert into schema_migrations values (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 10, 'future', 'x');
    await seed.close();
    await expect(createBackend({ dataDir: dir, clock: { now } })).rejects.toBeInstanceOf(DatabaseFromNewerAppError);
    const check = openSqlite(join(dir, 'halldesk.sqlite'));
    handles.push(check);
    expect(check.raw.prepare('select count(*) as n from users').get()).toEqual({ n: 0 });
  });
});

describe('openSqlite', () => {
  it('sets WAL, synchronous=FULL and enforced foreign keys', async () => {
    const handle = await freshDb();
    expect(handle.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(handle.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    await migrate(handle.db, 'sqlite', now);
    expect(() => handle.raw.prepare("insert into units_to_date (account_id, utility, period_key, units) values (999, 'water', 'Y2026', 1)").run())
      .toThrow(/FOREIGN KEY constraint failed/);
  });

  it('makes tables STRICT: a text in a money column is refused', async () => {
    const handle = await freshDb();
    await migrate(handle.db, 'sqlite', now);
    expect(() => handle.raw.prepare("insert into receipt_sequences (counter_code, year, last_no) values ('A01', 2026, 'many')").run())
      .toThrow(/cannot store TEXT value in INTEGER column/);
  });
});

/**
 * Data made at schema 50: a real backend's users, tariffs, accounts, shifts and cash sales (whose ledger uses
 * only the books schema 50 knows), copied column by column into a database migrated to 50. Migrating it to 60
 * rebuilds ledger_entries on SQLite; nothing in it may be lost or changed.
 */
describe('a database with sales made at schema 50', () => {
  async function databaseAt50(): Promise<{ dir: string; handle: SqliteHandle }> {
    const source = await buildBackend();
    try {
      const { sessions } = source;
      await source.ok('shifts.open', { float: 10_000 }, sessions.clerk1);
      for (const [meterId, amount] of [[source.meters.energy, 10_000], [source.meters.water, 3_450], [source.meters.money, 5_000], [source.meters.hall, 2_000], [source.meters.energy, 777]] as const) {
        await source.ok('sales.sell', { meterId, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: source.key() }, sessions.clerk1);
      }
      expect((await source.sql.all<{ book: string }>('select distinct book from ledger_entries order by book')).map((r) => r.book)).toEqual(['cash', 'customer_credit', 'revenue']);
      const dir = await mkdtemp(join(tmpdir(), 'halldesk-at50-'));
      dirs.push(dir);
      const handle = openSqlite(join(dir, DATABASE_FILE));
      handles.push(handle);
      expect(await migrate(handle.db, 'sqlite', now, 50)).toMatchObject({ to: 50 });
      const tables = handle.raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'schema_migrations'").pluck().all() as string[];
      handle.raw.prepare('attach database ? as src').run(join(source.dataDir, DATABASE_FILE));
      handle.raw.pragma('foreign_keys = OFF');
      for (const table of tables) {
        const columns = (handle.raw.prepare(`pragma main.table_info(${table})`).all() as { name: string }[]).map((c) => c.name).join(', ');
        handle.raw.exec(`insert into main.${table} (${columns}) select ${columns} from src.${table}`);
      }
      handle.raw.pragma('foreign_keys = ON');
      handle.raw.exec('detach database src');
      expect(handle.raw.pragma('foreign_key_check')).toEqual([]);
      return { dir, handle };
    } finally {
      await source.close();
    }
  }
  const ledger = (handle: SqliteHandle) => handle.raw.prepare('select * from ledger_entries order by id').all();
  const sales = (handle: SqliteHandle) => handle.raw.prepare('select id, receipt_no, payable_fen, meter_id from sales order by id').all();
  const ledgerObjects = (handle: SqliteHandle) => handle.raw.prepare("select type, name from sqlite_master where tbl_name = 'ledger_entries' and name not like 'sqlite_%' order by type, name").all();

  it('migrates to 60 with every ledger row intact, the guard back on, and the new books accepted', async () => {
    const { handle } = await databaseAt50();
    const rows = ledger(handle);
    const soldBefore = sales(handle);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(ledgerObjects(handle)).toEqual([
      { type: 'index', name: 'ledger_meter_book' }, { type: 'index', name: 'ledger_shift_book' }, { type: 'index', name: 'ledger_txn' },
      { type: 'table', name: 'ledger_entries' }, { type: 'trigger', name: 'ledger_entries_no_delete' }, { type: 'trigger', name: 'ledger_entries_no_update' },
    ]);
    const insertBook = (book: string) => handle.raw.prepare("insert into ledger_entries (txn_ref, book, amount_fen, created_at) values ('T-1', ?, 0, '2026-06-15T02:00:00.000Z')").run(book);
    expect(() => insertBook('bank')).toThrow(/CHECK constraint failed/);

    expect(await migrate(handle.db, 'sqlite', now)).toEqual({ from: 50, to: LATEST_SCHEMA_VERSION, applied: MIGRATIONS.filter((m) => m.version > 50).map((m) => `${m.version}-${m.name}`) });
    expect(ledger(handle)).toEqual(rows);
    expect(sales(handle)).toEqual(soldBefore);
    expect(handle.raw.prepare("select count(*) from sales where voucher_id is not null or approval_id is not null").pluck().get()).toBe(0);
    expect(handle.raw.prepare("select distinct settlement from accounts").pluck().all()).toEqual(['cash']);
    expect(ledgerObjects(handle)).toEqual([
      { type: 'index', name: 'ledger_meter_book' }, { type: 'index', name: 'ledger_sale' }, { type: 'index', name: 'ledger_shift_book' }, { type: 'index', name: 'ledger_txn' },
      { type: 'table', name: 'ledger_entries' }, { type: 'trigger', name: 'ledger_entries_no_delete' }, { type: 'trigger', name: 'ledger_entries_no_update' },
    ]);
    expect(handle.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(handle.raw.pragma('foreign_key_check')).toEqual([]);
    expect(handle.raw.prepare("select count(*) from sqlite_master where name like 'ledger_entries_new%'").pluck().get()).toBe(0);

    const first = rows[0] as { id: number };
    expect(() => handle.raw.prepare('update ledger_entries set amount_fen = amount_fen + 1 where id = ?').run(first.id)).toThrow('append-only table: ledger_entries');
    expect(() => handle.raw.prepare('delete from ledger_entries where id = ?').run(first.id)).toThrow('append-only table: ledger_entries');
    for (const book of ['safe', 'bank', 'voucher_funds']) expect(insertBook(book).changes).toBe(1);
    expect(() => insertBook('bogus')).toThrow(/CHECK constraint failed/);
    // New rows continue the ids (AUTOINCREMENT's sequence survived the rebuild).
    const ids = handle.raw.prepare("select id from ledger_entries where txn_ref = 'T-1' order by id").pluck().all() as number[];
    expect(ids[0]).toBeGreaterThan(Math.max(...rows.map((r) => (r as { id: number }).id)));
  });

  it('the app opens the migrated data: old sales read back and a new sale lands next to them', async () => {
    const { dir, handle } = await databaseAt50();
    const soldBefore = sales(handle) as { id: number; receipt_no: string; meter_id: number }[];
    const rows = ledger(handle);
    await handle.close();
    handles.splice(handles.indexOf(handle), 1);
    const backend = await createBackend({ dataDir: dir, clock: new FakeClock(), counterCode: 'A01' });
    try {
      const login = await backend.dispatch('auth.login', { username: 'clerk1', password: PASSWORDS.clerk1 }, { session: null });
      if (!login.ok) throw new Error(login.error.code);
      const session = (login.value as { session: string }).session;
      const old = await backend.dispatch('sales.get', { saleId: soldBefore[0]!.id }, { session });
      expect(old).toMatchObject({ ok: true, value: { receiptNo: soldBefore[0]!.receipt_no, paymentMethod: 'cash', voucherId: null, approvalId: null, reversal: null } });
      const sold = await backend.dispatch('sales.sell', { meterId: soldBefore[0]!.meter_id, request: { mode: 'money', amount: 1_000 }, tendered: 1_000, idempotencyKey: 'after-migration-1' }, { session });
      expect(sold.ok).toBe(true);
      const after = await sqlOf(backend).all('select * from ledger_entries order by id');
      expect(after.slice(0, rows.length)).toEqual(rows);
      expect(after.length).toBeGreaterThan(rows.length);
    } finally {
      await backend.close();
    }
  });
});
