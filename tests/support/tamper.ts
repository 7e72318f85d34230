/**
 * A tamperer's tools for the tests of `db verify` on either database: lifting an append-only guard, seeing that
 * it is back, and raw SQL on the database a closed backend's data folder names.
 */
import { join } from 'node:path';
import { openSqlite } from '../../electron/db/open-sqlite';
import { openPostgres } from '../../electron/db/open-postgres';
import { DATABASE_FILE, savedDatabaseUrl } from '../../electron/main/database-choice';
import { sqlRunner } from './sql';
import type { SqlRunner, TestDialect } from './sql';

/**
 * A tamperer's first statement: taking the append-only guard for `op` off `table`. SQLite has one trigger per
 * operation; PostgreSQL's one `<table>_append_only` trigger guards both, so there dropping it lifts both.
 */
export function unguard(dialect: TestDialect, table: string, op: 'update' | 'delete'): string {
  return dialect === 'sqlite' ? `drop trigger ${table}_no_${op}` : `drop trigger ${table}_append_only on ${table}`;
}

/** How many of the database's triggers carry the guard's name (1 while it is in place). */
export async function guards(sql: SqlRunner, dialect: TestDialect, table: string, op: 'update' | 'delete'): Promise<number> {
  const row = dialect === 'sqlite'
    ? await sql.one<{ n: number }>("select count(*) as n from sqlite_master where type = 'trigger' and name = ?", [`${table}_no_${op}`])
    : await sql.one<{ n: number }>('select count(*) as n from pg_trigger where tgname = ?', [`${table}_append_only`]);
  return Number(row.n);
}

/** SQL on the database a data folder's backend opens (its SQLite file, or the server its database.json names). */
export async function withDataDb(dataDir: string, dialect: TestDialect, work: (sql: SqlRunner) => Promise<void>): Promise<void> {
  const url = savedDatabaseUrl(dataDir);
  if (dialect === 'postgres' && url === undefined) throw new Error(`${dataDir} names no server database (database.json)`);
  const handle = dialect === 'sqlite' ? openSqlite(join(dataDir, DATABASE_FILE)) : openPostgres(url ?? '');
  try {
    await work(sqlRunner(handle.db, dialect));
  } finally {
    await handle.close();
  }
}
