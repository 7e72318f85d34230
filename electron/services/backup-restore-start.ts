/**
 * A restore scheduled from the screen (backups.scheduleRestore) and carried out at the next start of the backend,
 * before the database is opened: the running backend has the database open, and replacing an open SQLite file
 * underneath its connections would corrupt what they write next. The plan is a marker file in the data folder;
 * the outcome is a result file beside it (read by backups.status) and an audit entry once the database is open.
 *
 * The restored database is staged and verified beside the live one first; only then is the live file put aside
 * (as `halldesk db restore` does) and the staged one renamed into place. Any failure before that swap leaves the
 * live database exactly as it was, and is reported.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProgressListener } from '../db/backup-copy';
import { copySnapshotOffThread as copySnapshot, verifyCopyOffThread as verifyCopy } from './db-worker/backup';
import { migrate } from '../db/migrate';
import { openSqlite } from '../db/open-sqlite';
import { appendAudit } from '../db/repositories/audit-repository';
import type { Db } from '../db/repositories/db';
import { databaseInUse, verifyBackupFile } from './backup-restore';
import type { FileVerdict } from './backup-restore';
import type { RestorePlanView, RestoreResultView } from '../../shared/contract/backup-views';

export const RESTORE_MARKER = 'restore-pending.json';
export const RESTORE_RESULT = 'restore-result.json';
/** Written just before the two renames of the swap, removed after: a crash between them is recoverable. */
const RESTORE_SWAP = 'restore-swapping.json';
const SIDES = ['-wal', '-shm', '-journal'] as const;

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null; // a damaged marker is no plan: nothing is restored from a file nobody can name
  }
}

/** Written to a temporary name and renamed, so a crash never leaves half a marker. */
function writeJson(file: string, value: unknown): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export const readRestorePlan = (dataDir: string) => readJson<RestorePlanView>(join(dataDir, RESTORE_MARKER));
export const writeRestorePlan = (dataDir: string, plan: RestorePlanView) => writeJson(join(dataDir, RESTORE_MARKER), plan);
export const readLastRestore = (dataDir: string) => readJson<RestoreResultView>(join(dataDir, RESTORE_RESULT));

/** Removes the plan; answers whether there was one. */
export function removeRestorePlan(dataDir: string): boolean {
  const file = join(dataDir, RESTORE_MARKER);
  if (!existsSync(file)) return false;
  rmSync(file, { force: true });
  return true;
}

function removeStaged(staged: string): void {
  rmSync(staged, { force: true });
  for (const side of SIDES) rmSync(staged + side, { force: true });
}

/** Puts the live file (and its WAL) aside, then the staged one in its place; a failed rename puts the old one back. */
function swapIn(staged: string, liveFile: string, now: Date): string | null {
  let keptAside: string | null = null;
  if (existsSync(liveFile)) {
    keptAside = `${liveFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    writeJson(join(dirname(liveFile), RESTORE_SWAP), { keptAside });
    renameSync(liveFile, keptAside);
    for (const side of SIDES) if (existsSync(liveFile + side)) renameSync(liveFile + side, keptAside + side);
  }
  try {
    renameSync(staged, liveFile);
  } catch (error) {
    if (keptAside) renameSync(keptAside, liveFile);
    throw error;
  } finally {
    rmSync(join(dirname(liveFile), RESTORE_SWAP), { force: true });
  }
  return keptAside;
}

/**
 * A process killed between the swap's two renames leaves no live database, only the one put aside: it goes
 * back (the restore counts as failed), so the next open never creates an empty database in its place.
 */
function recoverInterruptedSwap(liveFile: string, log: (message: string) => void): void {
  const marker = join(dirname(liveFile), RESTORE_SWAP);
  const swap = readJson<{ keptAside: string }>(marker);
  if (swap && !existsSync(liveFile) && existsSync(swap.keptAside)) {
    renameSync(swap.keptAside, liveFile);
    for (const side of SIDES) if (existsSync(swap.keptAside + side)) renameSync(swap.keptAside + side, liveFile + side);
    log(`an interrupted restore was undone: ${swap.keptAside} is the database again`);
  }
  rmSync(marker, { force: true });
}

interface Installed {
  readonly reason: string | null;
  readonly keptAside: string | null;
  readonly schemaVersion: number | null;
}

/**
 * Copies a verified backup beside the live database, verifies that copy and brings it to this schema; only then
 * swaps it in. Any failure before the swap leaves the live database exactly as it was.
 */
async function installBackup(file: string, liveFile: string, now: Date, onProgress?: ProgressListener): Promise<Installed> {
  const staged = `${liveFile}.restoring`;
  removeStaged(staged);
  try {
    const copy = await copySnapshot(file, staged, onProgress);
    const restored = await verifyCopy(staged, copy.counts, onProgress);
    if (!restored.ok) return { reason: `the restored copy failed ${restored.failedCheck ?? 'verification'}`, keptAside: null, schemaVersion: null };
    const handle = openSqlite(staged);
    let schemaVersion: number;
    try {
      schemaVersion = (await migrate(handle.db, 'sqlite', () => now)).to;
    } finally {
      await handle.close();
    }
    return { reason: null, keptAside: swapIn(staged, liveFile, now), schemaVersion };
  } finally {
    removeStaged(staged);
  }
}

/** Stages, verifies and swaps in the planned backup; answers why not when it does not. */
async function carryOut(plan: RestorePlanView, liveFile: string, now: Date): Promise<{ reason: string | null; keptAside: string | null }> {
  if (!existsSync(plan.file)) return { reason: `the backup file is missing: ${plan.file}`, keptAside: null };
  const verdict = await verifyBackupFile(plan.file, liveFile);
  if (verdict.sha256 !== plan.sha256) return { reason: 'the backup file changed after the restore was scheduled (sha256 differs)', keptAside: null };
  if (!verdict.ok) return { reason: `the backup failed ${verdict.failedCheck ?? 'verification'}`, keptAside: null };
  const installed = await installBackup(plan.file, liveFile, now);
  return { reason: installed.reason, keptAside: installed.keptAside };
}

export interface RestoreOutcome {
  readonly verdict: FileVerdict;
  readonly refused: string | null;
  /** Where the replaced live database was kept. */
  readonly keptAside: string | null;
  readonly schemaVersion: number | null;
}

/**
 * `halldesk db restore FILE`: verifies `file`, then (if nothing has the database open) installs it in place of
 * `liveFile` the same staged way as a scheduled restore, the old file kept aside.
 */
export async function restoreDatabase(file: string, liveFile: string, now: Date, onProgress?: ProgressListener): Promise<RestoreOutcome> {
  const verdict = await verifyBackupFile(file, liveFile, onProgress);
  if (!verdict.ok) return { verdict, refused: `the backup failed ${verdict.failedCheck ?? 'verification'}`, keptAside: null, schemaVersion: null };
  const busy = existsSync(liveFile) ? databaseInUse(liveFile, now) : null;
  if (busy) return { verdict, refused: `the database is in use: ${busy}`, keptAside: null, schemaVersion: null };
  const installed = await installBackup(file, liveFile, now, onProgress);
  return { verdict, refused: installed.reason, keptAside: installed.keptAside, schemaVersion: installed.schemaVersion };
}

/**
 * At start, before the database is opened: carries out a scheduled restore, if any. A database another process
 * still has open defers the restore (the plan stays); otherwise the plan is used up — one attempt, reported in
 * the result file whether it replaced the database or failed and kept the old one.
 */
export async function restoreAtStart(dataDir: string, liveFile: string, now: Date, log: (message: string) => void): Promise<RestoreResultView | null> {
  recoverInterruptedSwap(liveFile, log);
  const plan = readRestorePlan(dataDir);
  if (!plan) return null;
  const busy = existsSync(liveFile) ? databaseInUse(liveFile, now) : null;
  if (busy) {
    log(`the restore of ${plan.file} waits for the next start: the database is in use (${busy})`);
    return null;
  }
  removeRestorePlan(dataDir);
  let outcome: { reason: string | null; keptAside: string | null };
  try {
    outcome = await carryOut(plan, liveFile, now);
  } catch (error) {
    outcome = { reason: error instanceof Error ? error.message : String(error), keptAside: null };
  }
  const result: RestoreResultView = { at: now.toISOString(), backupId: plan.backupId, file: plan.file, ok: outcome.reason === null, ...outcome };
  writeJson(join(dataDir, RESTORE_RESULT), result);
  log(result.ok ? `restored ${plan.file}; the previous database is kept as ${result.keptAside ?? '(none)'}`
    : `the scheduled restore of ${plan.file} FAILED, the database is unchanged: ${result.reason ?? '?'}`);
  return result;
}

/** The audit entry of a restore at start, written into whichever database is now live. */
export async function auditRestoreAtStart(db: Db, result: RestoreResultView): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, {
    at: result.at, userId: null, action: result.ok ? 'backup.restored' : 'backup.restoreFailed', entity: 'backup', entityId: result.backupId, after: result,
  }));
}
