/**
 * What the rest of the backend holds of its database: a Kysely instance, which SQL dialect it speaks, and
 * where it is. The embedded SQLite file (one counter) and a PostgreSQL server (a hall of several counters,
 * issue 8) both produce one; only the few file-level tools (backups, restore, integrity_check, the bulk
 * worker) need the SQLite handle itself, and they ask for it with requireSqlite.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { SqlDialect } from './migrations/dialect';
import type { SqliteHandle } from './open-sqlite';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialect;
  /** For messages and logs: the file, or the server's URL without its password. */
  readonly location: string;
  /** The embedded database's own handle; null on a PostgreSQL server. */
  readonly sqlite: SqliteHandle | null;
  close(): Promise<void>;
}

/** Thrown when a file-level tool is asked of a server database: the server's own tools do that job there. */
export class NeedsSqliteError extends Error {
  constructor(readonly what: string) {
    super(`${what} works on the embedded SQLite database only; on PostgreSQL the server's own tools do it ` +
      '(pg_dump / pg_basebackup, a streaming replica)');
    this.name = 'NeedsSqliteError';
  }
}

export function requireSqlite(handle: DatabaseHandle, what: string): SqliteHandle {
  if (!handle.sqlite) throw new NeedsSqliteError(what);
  return handle.sqlite;
}

export function sqliteDatabase(sqlite: SqliteHandle): DatabaseHandle {
  return { db: sqlite.db, dialect: 'sqlite', location: sqlite.file, sqlite, close: () => sqlite.close() };
}
