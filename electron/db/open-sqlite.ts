/**
 * Opens the embedded database. The only file besides tooling that imports better-sqlite3.
 * WAL lets the counter read while a write commits; synchronous=FULL makes a commit survive a power
 * cut (a sale the customer walked away with must be on disk); foreign keys are off by default in SQLite.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema';

export interface SqliteHandle {
  readonly db: Kysely<Database>;
  readonly raw: BetterSqlite3.Database;
  readonly file: string;
  close(): Promise<void>;
}

export function openSqlite(file: string, options: { readonly readonly?: boolean } = {}): SqliteHandle {
  const raw = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (!options.readonly) raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, raw, file, close: () => db.destroy() };
}
