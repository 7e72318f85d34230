/**
 * The SQLite side of `db copy`: the file is opened read-only, so a counter still running on it is never
 * disturbed, and everything is read inside one read transaction — one WAL snapshot, so the rows copied, the
 * counts compared and the sums compared all describe the same moment. A file at an older schema cannot be
 * migrated read-only: it is first copied with SQLite's online backup into a scratch file, which is migrated
 * and read instead; the hall's own file is never changed either way.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../open-sqlite';
import type { SqliteHandle } from '../open-sqlite';
import { DatabaseFromNewerAppError, migrate } from '../migrate';
import { LATEST_SCHEMA_VERSION } from '../migrations/index';
import type { CopyTable } from './catalogue';

export class CopySourceError extends Error {
  override name = 'CopySourceError';
}

export interface CopySource {
  readonly handle: SqliteHandle;
  /** The schema version of the file as found (the copy is read at the latest one). */
  readonly foundVersion: number;
  /** Every row of `table`, PAGE rows at a time in primary-key order, as arrays in `table.columns` order. */
  pages(table: CopyTable, pageRows: number): Generator<unknown[][]>;
  count(table: string): number;
  close(): Promise<void>;
}

function versionOf(handle: SqliteHandle): number {
  const hasTable = handle.raw.prepare("select 1 from sqlite_master where type = 'table' and name = 'schema_migrations'").get();
  if (!hasTable) throw new CopySourceError(`${handle.file} is not a HallDesk database (it has no schema_migrations table)`);
  return Number(handle.raw.prepare('select coalesce(max(version), 0) from schema_migrations').pluck().get());
}

/** A migrated scratch copy of an older file, removed again on close. */
async function migratedScratch(file: string): Promise<{ handle: SqliteHandle; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'halldesk-copy-'));
  const scratch = join(dir, 'source.sqlite');
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  try {
    await backupAndMigrate(file, scratch);
  } catch (error) {
    dispose();
    throw error;
  }
  return { handle: openSqlite(scratch, { readonly: true }), dispose };
}

async function backupAndMigrate(file: string, scratch: string): Promise<void> {
  const original = openSqlite(file, { readonly: true });
  try {
    await original.raw.backup(scratch);
  } finally {
    await original.close();
  }
  const writable = openSqlite(scratch);
  try {
    await migrate(writable.db, 'sqlite', () => new Date());
  } finally {
    await writable.close();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** better-sqlite3 gives 64-bit integers as BigInt here (safeIntegers): nothing is rounded on the way. */
function plain(value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

function* keysetPages(handle: SqliteHandle, table: CopyTable, pageRows: number): Generator<unknown[][]> {
  const cols = table.columns.map(quote).join(', ');
  const key = table.key.map(quote).join(', ');
  const keyAt = table.key.map((k) => table.columns.indexOf(k));
  const first = handle.raw.prepare(`select ${cols} from ${quote(table.name)} order by ${key} limit ?`).raw(true).safeIntegers(true);
  // Row values: (a, b) > (?, ?) continues exactly after the last key read, whatever the key's width.
  const next = handle.raw.prepare(`select ${cols} from ${quote(table.name)} where (${key}) > (${table.key.map(() => '?').join(', ')}) order by ${key} limit ?`)
    .raw(true).safeIntegers(true);
  let rows = first.all(pageRows) as unknown[][];
  while (rows.length > 0) {
    yield rows.map((row) => row.map(plain));
    if (rows.length < pageRows) return;
    const last = rows[rows.length - 1]!;
    rows = next.all(...keyAt.map((i) => last[i]), pageRows) as unknown[][];
  }
}

/** Opens FILE for copying: refuses a newer app's file, reads an older one through a migrated scratch copy. */
export async function openCopySource(file: string): Promise<CopySource> {
  if (!existsSync(file)) throw new CopySourceError(`no such database file: ${file}`);
  let handle = openSqlite(file, { readonly: true });
  let dispose = () => undefined as void;
  let foundVersion: number;
  try {
    foundVersion = versionOf(handle);
    if (foundVersion > LATEST_SCHEMA_VERSION) throw new DatabaseFromNewerAppError(foundVersion, LATEST_SCHEMA_VERSION);
  } catch (error) {
    await handle.close();
    throw error;
  }
  if (foundVersion < LATEST_SCHEMA_VERSION) {
    await handle.close();
    ({ handle, dispose } = await migratedScratch(file));
  }
  const opened = handle;
  opened.raw.prepare('begin').run(); // the snapshot every page, count and sum is read from
  return {
    handle: opened, foundVersion,
    pages: (table, pageRows) => keysetPages(opened, table, pageRows),
    count: (table) => Number(opened.raw.prepare(`select count(*) from ${quote(table)}`).pluck().get()),
    async close() {
      if (opened.raw.inTransaction) opened.raw.prepare('commit').run();
      await opened.close();
      dispose();
    },
  };
}
