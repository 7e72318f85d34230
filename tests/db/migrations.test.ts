import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../electron/db/open-sqlite';
import type { SqliteHandle } from '../../electron/db/open-sqlite';
import { DatabaseFromNewerAppError, migrate } from '../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/db/migrations/index';
import { createBackend } from '../../electron/main/composition';

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
