/**
 * Restore and the restore drill (issue 7 item 6). Both first verify the backup file: integrity, every books
 * check, and — when the live database holds the file's record (0160) — its sha256 and row counts against the
 * record. The drill then restores into a scratch folder, verifies the restored copy against the file's counts
 * and brings it to this version's schema, never touching the live database. A real restore (restoreDatabase in
 * backup-restore-start.ts) replaces the live file only when nothing has it open, keeping the old file aside.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sha256File } from '../db/backup-copy';
import { copySnapshotOffThread as copySnapshot, verifyCopyOffThread as verifyCopy } from './db-worker/backup';
import type { CheckOutcome, CopyVerdict, ProgressListener, RowCounts } from '../db/backup-copy';
import { openSqlite } from '../db/open-sqlite';
import { migrate } from '../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index';

export interface FileVerdict extends CopyVerdict {
  readonly sha256: string;
  /** The live database's record of this file, by sha256 (null: none known). */
  readonly recordId: number | null;
}

interface RecordFacts { readonly id: number; readonly sha256: string; readonly counts: RowCounts | null }

/** The live database's record of this backup, looked up read-only; a damaged live database just has none. */
function recordOf(liveFile: string | null, file: string, sha256: string): RecordFacts | null {
  if (!liveFile || !existsSync(liveFile)) return null;
  try {
    const live = new BetterSqlite3(liveFile, { readonly: true, fileMustExist: true });
    try {
      const row = live.prepare('select id, sha256, detail from backups where sha256 = ? or file = ? order by (sha256 = ?) desc, id desc limit 1')
        .get(sha256, file, sha256) as { id: number; sha256: string; detail: string } | undefined;
      if (!row) return null;
      const detail = JSON.parse(row.detail) as { counts?: RowCounts };
      return { id: Number(row.id), sha256: row.sha256, counts: detail.counts ?? null };
    } finally {
      live.close();
    }
  } catch {
    return null;
  }
}

function withCheck(verdict: CopyVerdict, check: CheckOutcome): CopyVerdict {
  const checks = [check, ...verdict.checks];
  const failed = checks.find((c) => !c.ok);
  return { ...verdict, checks, ok: !failed, failedCheck: failed?.name ?? null };
}

/** Verifies a backup file on its own (and against its record when the live database knows it). */
export async function verifyBackupFile(file: string, liveFile: string | null, onProgress?: ProgressListener): Promise<FileVerdict> {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const sha256 = await sha256File(file);
  const record = recordOf(liveFile, file, sha256);
  let verdict = await verifyCopy(file, record?.sha256 === sha256 ? record.counts : null, onProgress);
  if (record) verdict = withCheck(verdict, { name: 'sha256-matches-record', ok: record.sha256 === sha256, offenders: record.sha256 === sha256 ? [] : [{ record: record.id, recorded: record.sha256, file: sha256 }] });
  const newer = verdict.schemaVersion !== null && verdict.schemaVersion > LATEST_SCHEMA_VERSION;
  verdict = withCheck(verdict, { name: 'schema-not-newer', ok: !newer, offenders: newer ? [{ backup: verdict.schemaVersion, program: LATEST_SCHEMA_VERSION }] : [] });
  return { ...verdict, sha256, recordId: record?.sha256 === sha256 ? record.id : null };
}

export interface DrillOutcome {
  readonly source: FileVerdict;
  /** The restored copy's own verification (counts equal to the file's). */
  readonly restored: CopyVerdict | null;
  readonly migratedTo: number | null;
  readonly ok: boolean;
  readonly scratch: string;
}

/** Restores into a scratch folder and verifies there; the live database is only read (for the record). */
export async function restoreDrill(file: string, liveFile: string | null, onProgress?: ProgressListener, keep = false): Promise<DrillOutcome> {
  const source = await verifyBackupFile(file, liveFile, onProgress);
  const scratch = mkdtempSync(join(tmpdir(), 'halldesk-drill-'));
  try {
    if (!source.ok) return { source, restored: null, migratedTo: null, ok: false, scratch };
    const target = join(scratch, 'halldesk.sqlite');
    const copy = await copySnapshot(file, target, onProgress);
    const restored = await verifyCopy(target, copy.counts, onProgress);
    const handle = openSqlite(target);
    try {
      const report = await migrate(handle.db, 'sqlite', () => new Date());
      return { source, restored, migratedTo: report.to, ok: restored.ok, scratch };
    } finally {
      await handle.close();
    }
  } finally {
    if (!keep) rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Nothing else has the database open: leaving WAL mode needs every other connection gone, so a refused switch
 * means the app (or `halldesk collect`) is running. An unexpired lease (process-lease.ts) is refused too.
 */
export function databaseInUse(liveFile: string, now: Date): string | null {
  const probe = new BetterSqlite3(liveFile, { fileMustExist: true });
  try {
    probe.pragma('busy_timeout = 0');
    const leases = probe.prepare("select key from settings where key like 'lease:%' and value > ?").all(now.toISOString()) as { key: string }[];
    if (leases.length > 0) return `held by ${leases.map((l) => l.key).join(', ')}`;
    const mode = String(probe.pragma('journal_mode = DELETE', { simple: true }));
    return mode === 'delete' ? null : 'open in another process';
  } catch (error) {
    return `open in another process (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    probe.close();
  }
}
