/**
 * The verified copy (issue 7 item 6), SQLite-only like sqlite-maintenance.ts. The copy is taken through a
 * connection of its own holding ONE read transaction: the row counts are taken in it and the backup API copies
 * exactly that snapshot (sqlite3_backup_step reuses an open read transaction instead of opening one per step), so
 * sales committing meanwhile on the counter's connection (WAL) neither restart the copy nor make the counts
 * disagree. The copy then counts only if it passes: integrity check, every table's row count equal to the
 * snapshot's, and every books check (verifyBooks: ledger balance, serials, audit chain…).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from './open-sqlite';
import { integrityProblems } from './sqlite-maintenance';
import { verifyBooks } from './verify';

export type RowCounts = Record<string, number>;
export type BackupPhase = 'copy' | 'verify';
/** done / total in the phase's own unit: pages while copying, checks while verifying. */
export type ProgressListener = (phase: BackupPhase, done: number, total: number) => void;

export interface CheckOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly offenders: readonly unknown[];
}

export interface CopyResult {
  readonly pages: number;
  readonly counts: RowCounts;
}

/** Pages per backup step: big enough to finish fast, small enough to let the counter's queries in between. */
const PAGES_PER_STEP = 2000;

export function countTables(raw: BetterSqlite3.Database): RowCounts {
  const tables = (raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]);
  const counts: RowCounts = {};
  for (const { name } of tables) counts[name] = Number((raw.prepare(`select count(*) as n from "${name.replace(/"/g, '""')}"`).get() as { n: number }).n);
  return counts;
}

/** Copies the live database `source` (a file path) to `target` from one read snapshot, answering that snapshot's row counts. */
export async function copySnapshot(source: string, target: string, onProgress?: ProgressListener): Promise<CopyResult> {
  if (existsSync(target)) throw new Error(`refusing to overwrite ${target}`);
  const reader = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    reader.pragma('busy_timeout = 5000');
    reader.exec('BEGIN');
    const counts = countTables(reader); // the first read fixes the snapshot the backup then copies
    const result = await reader.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.('copy', totalPages - remainingPages, totalPages);
        return PAGES_PER_STEP;
      },
    });
    onProgress?.('copy', result.totalPages, result.totalPages);
    reader.exec('COMMIT');
    singleFile(target);
    return { pages: result.totalPages, counts };
  } finally {
    reader.close();
  }
}

/**
 * The copy carries the live database's WAL flag; a WAL file opened later (even read-only) grows -wal/-shm side
 * files. Switched to a rollback journal, the backup is one self-contained file (a USB disk, a restore).
 */
function singleFile(target: string): void {
  const dest = new BetterSqlite3(target, { fileMustExist: true });
  try {
    dest.pragma('journal_mode = DELETE');
  } finally {
    dest.close();
  }
}

export interface CopyVerdict {
  readonly ok: boolean;
  /** The first failing check's name, or null. */
  readonly failedCheck: string | null;
  readonly checks: readonly CheckOutcome[];
  readonly counts: RowCounts;
  readonly schemaVersion: number | null;
}

function countsCheck(actual: RowCounts, expected: RowCounts | null): CheckOutcome {
  if (!expected) return { name: 'row-counts', ok: true, offenders: [] };
  const tables = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
  const offenders = tables.filter((t) => actual[t] !== expected[t]).map((t) => ({ table: t, copy: actual[t] ?? null, snapshot: expected[t] ?? null }));
  return { name: 'row-counts', ok: offenders.length === 0, offenders: offenders.slice(0, 5) };
}

function verdict(checks: CheckOutcome[], counts: RowCounts, schemaVersion: number | null): CopyVerdict {
  const failed = checks.find((c) => !c.ok);
  return { ok: !failed, failedCheck: failed?.name ?? null, checks, counts, schemaVersion };
}

/**
 * Verifies a copy without writing to it (read-only, so its sha256 stays the one recorded): integrity, the row
 * counts against `expected` (the snapshot's; null when there is none, as for a file brought to `db restore`),
 * and every books check. A file that does not even open fails 'sqlite-integrity'.
 */
export async function verifyCopy(file: string, expected: RowCounts | null, onProgress?: ProgressListener): Promise<CopyVerdict> {
  onProgress?.('verify', 0, 1);
  let handle;
  try {
    handle = openSqlite(file, { readonly: true });
  } catch (error) {
    return verdict([{ name: 'sqlite-integrity', ok: false, offenders: [String(error)] }], {}, null);
  }
  try {
    const problems = safely(() => integrityProblems(handle.raw));
    if (problems.length > 0) return verdict([{ name: 'sqlite-integrity', ok: false, offenders: problems.slice(0, 5) }], {}, null);
    const counts = countTables(handle.raw);
    const schemaVersion = Number((handle.raw.prepare('select max(version) as v from schema_migrations').get() as { v: number }).v);
    const checks: CheckOutcome[] = [{ name: 'sqlite-integrity', ok: true, offenders: [] }, countsCheck(counts, expected)];
    const books = await verifyBooks(handle.db, (done, total) => onProgress?.('verify', done + 2, total + 2));
    return verdict([...checks, ...books], counts, schemaVersion);
  } catch (error) {
    return verdict([{ name: 'sqlite-integrity', ok: false, offenders: [String(error)] }], {}, null);
  } finally {
    await handle.close();
  }
}

function safely(check: () => string[]): string[] {
  try {
    return check();
  } catch (error) {
    return [String(error)];
  }
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file).on('data', (chunk) => hash.update(chunk)).on('error', reject).on('end', () => resolve(hash.digest('hex')));
  });
}
