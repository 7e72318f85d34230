/**
 * SQLite-only maintenance: the engine's own integrity check and the online backup. Kept apart from the
 * repositories, which stay dialect-neutral.
 */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { SqliteHandle } from './open-sqlite';

/** PRAGMA integrity_check: ['ok'] when the file is sound, else the engine's complaints. */
export function integrityProblems(raw: BetterSqlite3.Database): string[] {
  const rows = raw.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((r) => r.integrity_check);
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

export interface BackupReport {
  readonly file: string;
  readonly pages: number;
  readonly schemaVersion: number;
  readonly sales: number;
}

/**
 * Online backup (the counter may keep selling meanwhile), then the copy is opened read-only and
 * checked: integrity, the same schema version, the same sale count as at the start of the copy or more.
 * Only a copy that passes is reported good; a failing copy throws and is left for inspection.
 */
export async function backupTo(handle: SqliteHandle, target: string): Promise<BackupReport> {
  if (existsSync(target)) throw new Error(`refusing to overwrite ${target}`);
  const salesBefore = Number((handle.raw.prepare('select count(*) as n from sales').get() as { n: number }).n);
  const result = await handle.raw.backup(target);
  const copy = new BetterSqlite3(target, { readonly: true, fileMustExist: true });
  try {
    const problems = integrityProblems(copy);
    if (problems.length > 0) throw new Error(`backup copy failed its integrity check: ${problems.slice(0, 3).join('; ')}`);
    const version = Number((copy.prepare('select max(version) as v from schema_migrations').get() as { v: number }).v);
    const live = Number((handle.raw.prepare('select max(version) as v from schema_migrations').get() as { v: number }).v);
    if (version !== live) throw new Error(`backup copy has schema ${version}, live database ${live}`);
    const sales = Number((copy.prepare('select count(*) as n from sales').get() as { n: number }).n);
    if (sales < salesBefore) throw new Error(`backup copy holds ${sales} sales, fewer than the ${salesBefore} before the copy`);
    return { file: target, pages: result.totalPages, schemaVersion: version, sales };
  } finally {
    copy.close();
  }
}
