/**
 * The storage-level check that opens `db verify`, per database. SQLite: the engine's integrity_check over the
 * file. PostgreSQL: the server checksums and WAL-protects its own pages, and a hall's server is a managed
 * service whose administrator owns that; HallDesk checks the btree indexes with amcheck only where the
 * extension is already installed (creating it needs a superuser), and otherwise says the check does not apply.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from './database-handle';
import { integrityProblems } from './sqlite-maintenance';
import type { VerifyCheck } from './verify';

async function amcheckProblems(handle: DatabaseHandle): Promise<string[] | null> {
  const installed = await sql<{ n: number }>`select count(*) as n from pg_extension where extname = 'amcheck'`.execute(handle.db);
  if (Number(installed.rows[0]?.n ?? 0) === 0) return null;
  const indexes = await sql<{ name: string }>`select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid
    join pg_am a on a.oid = c.relam where a.amname = 'btree' and c.relnamespace = current_schema()::regnamespace order by c.relname`.execute(handle.db);
  const problems: string[] = [];
  for (const { name } of indexes.rows) {
    try {
      await sql`select bt_index_check(${name}::regclass)`.execute(handle.db);
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

export async function pageIntegrity(handle: DatabaseHandle): Promise<VerifyCheck> {
  if (handle.sqlite) {
    const problems = integrityProblems(handle.sqlite.raw);
    return { name: 'sqlite-integrity', ok: problems.length === 0, offenders: problems.slice(0, 5) };
  }
  const problems = await amcheckProblems(handle);
  if (problems === null) {
    return { name: 'postgres-page-integrity', ok: true, offenders: [], note: 'not applicable: the server guarantees page integrity (install amcheck to have the indexes checked)' };
  }
  return { name: 'postgres-page-integrity', ok: problems.length === 0, offenders: problems.slice(0, 5), note: 'btree indexes checked with amcheck' };
}
