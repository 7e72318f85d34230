/**
 * What the db copy tests share: a demo hall on SQLite in a scratch data folder (a year of sales at two
 * counters, shifts, the audit chain), row counts and ledger sums read the same way on either database, and a
 * sale through the contract on whichever database a backend was opened on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, DATABASE_FILE } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import { seedDemoHall } from '../../electron/demo/seed';
import { openSqlite } from '../../electron/db/open-sqlite';
import { openPostgres } from '../../electron/db/open-postgres';
import type { DatabaseHandle } from '../../electron/db/database-handle';
import { sqliteDatabase } from '../../electron/db/database-handle';
import { sqlRunner, tableNames } from '../support/sql';

export interface SqliteHall {
  readonly dir: string;
  readonly file: string;
  remove(): void;
}

/** A small demo hall (customers, meters, tariffs, a year of sales at A01 and A02) plus one sale made today. */
export async function sqliteHall(customers = 40, sales = 400): Promise<SqliteHall> {
  const dir = mkdtempSync(join(tmpdir(), 'halldesk-copy-test-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const backend = await createBackend({ dataDir: dir, database: 'sqlite' });
    try {
      await seedDemoHall(backend, { customers, sales, session: 'in-process' });
      await sellOne(backend, 'li.clerk');
    } finally {
      await backend.close();
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, file: join(dir, DATABASE_FILE), remove };
}

export function openFile(file: string): DatabaseHandle {
  return sqliteDatabase(openSqlite(file, { readonly: true }));
}

export function openUrl(url: string): DatabaseHandle {
  return openPostgres(url, { maxConnections: 2 });
}

/** Every table's row count but the schema's own bookkeeping. */
export async function rowCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const run = sqlRunner(handle.db, handle.dialect);
  const counts: Record<string, number> = {};
  for (const table of await tableNames(run, handle.dialect)) {
    if (table === 'schema_migrations') continue;
    counts[table] = Number((await run.one<{ n: unknown }>(`select count(*) as n from ${table}`)).n);
  }
  return counts;
}

export async function ledgerSums(handle: DatabaseHandle): Promise<string[]> {
  const rows = await sqlRunner(handle.db, handle.dialect).all<{ book: string; account_id: unknown; total: unknown }>(
    'select book, account_id, sum(amount_fen) as total from ledger_entries group by book, account_id order by book, account_id');
  return rows.map((r) => `${r.book}/${r.account_id === null ? '-' : Number(r.account_id)}=${Number(r.total)}`);
}

async function ok<T>(backend: Backend, method: string, input: unknown, session?: string): Promise<T> {
  const result = await backend.dispatch(method, input, session ? { session } : {});
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Logs `username` in, opens their shift if none is open, sells 50 yuan to an energy meter with room under its cap. */
export async function sellOne(backend: Backend, username: string): Promise<{ id: number; receiptNo: string }> {
  const { session } = await ok<{ session: string }>(backend, 'auth.login', { username, password: 'clerk1234' });
  if (!(await ok<unknown>(backend, 'shifts.current', {}, session))) await ok(backend, 'shifts.open', { float: 0 }, session);
  const run = sqlRunner(backend.database.db, backend.database.dialect);
  const meter = await run.one<{ id: unknown }>(`select m.id from meters m join accounts a on a.id = m.account_id
    where m.status = 'active' and a.status = 'open' and m.credit_kind = 'energy' and a.settlement = 'cash'
    and (m.credit_cap is null or m.remaining + 20000 < m.credit_cap) order by m.id limit 1`);
  return ok(backend, 'sales.sell', {
    meterId: Number(meter.id), request: { mode: 'money', amount: 5_000 }, tendered: 5_000, idempotencyKey: `copy-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
  }, session);
}
