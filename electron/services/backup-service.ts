/**
 * Verified backups (issue 7 item 6): a backup counts only once its copy is verified — integrity, every table's
 * row count equal to the live database's at the copy's snapshot, and every books check (backup-copy.ts). Runs
 * are serialized (one copy at a time); each ends in an append-only `backups` row and an audit entry, verified
 * or not, and then retention deletes old verified FILES (never rows, never the newest verified one).
 * Automatic runs (daily, at every shift close) start only where the counter runs (composition: `collect`).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from '../db/repositories/audit-repository';
import { setSetting } from '../db/repositories/settings-repository';
import { insertBackup, lastVerifiedBackup, listBackups } from '../db/backup-records';
import type { BackupRow } from '../db/backup-records';
import { sha256File } from '../db/backup-copy';
import { copySnapshotOffThread as copySnapshot, verifyCopyOffThread as verifyCopy } from './db-worker/backup';
import type { CopyVerdict, ProgressListener } from '../db/backup-copy';
import { inTransaction, nowIso } from './deps';
import { DomainError } from '../domain/errors';
import type { Actor, ServiceDeps } from './deps';
import { BACKUPS_SETTING, assertFolderUsable, folderOf, readBackupSettings } from './backup-settings';
import type { StoredBackupSettings } from './backup-settings';
import { pruneBackups } from './backup-retention';
import { BackupProgress } from './backup-progress';
import { BackupScheduler } from './backup-scheduler';
import { createRestoreActions } from './backup-restore-actions';
import type { Timer } from './collection-scheduler';
import type { BackupKind, BackupSettingsView, BackupStatusView, BackupView } from '../../shared/contract/backup-views';

const DAY_MS = 86_400_000;

export function backupView(row: BackupRow): BackupView {
  return {
    id: Number(row.id), kind: row.kind as BackupKind, file: row.file, sizeBytes: Number(row.size_bytes), sha256: row.sha256,
    startedAt: row.started_at, finishedAt: row.finished_at, verified: Number(row.verified) === 1, failedCheck: row.failed_check,
    present: existsSync(row.file),
  };
}

/** halldesk-20260615-021500-daily.sqlite, in Beijing time (what the operator reads on the USB disk). */
export function backupFileName(at: Date, kind: BackupKind, attempt = 0): string {
  const b = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  const stamp = `${b.slice(0, 10).replace(/-/g, '')}-${b.slice(11, 19).replace(/:/g, '')}`;
  return `halldesk-${stamp}-${kind}${attempt > 0 ? `-${attempt}` : ''}.sqlite`;
}

function freeName(folder: string, at: Date, kind: BackupKind): string {
  for (let attempt = 0; ; attempt += 1) {
    const file = join(folder, backupFileName(at, kind, attempt));
    if (!existsSync(file)) return file;
  }
}

interface Attempt {
  readonly file: string;
  readonly verdict: CopyVerdict | null;
  readonly pages: number;
  readonly error: string | null;
}

export interface BackupServiceOptions {
  /** Told of every progress step (besides backups.progress): the CLI's progress bar. */
  readonly onProgress?: ProgressListener;
  readonly log?: (message: string, detail?: unknown) => void;
  /** The server's redacted URL when the database is not a file, for the refusal's message. */
  readonly databaseLocation?: string;
}

export function createBackupService(deps: ServiceDeps, databaseFile: string | null, options: BackupServiceOptions = {}) {
  const progress = new BackupProgress(deps.clock);
  let chain: Promise<unknown> = Promise.resolve();
  let scheduler: BackupScheduler | null = null;
  const log = options.log ?? ((message: string, detail?: unknown) => console.error(`[halldesk] ${message}`, detail ?? ''));

  async function attempt(folder: string, kind: BackupKind, listener: ProgressListener): Promise<Attempt> {
    let file = join(folder, backupFileName(deps.clock.now(), kind));
    try {
      if (!databaseFile) throw new Error('the database is not a file'); // runNow refused already: narrows the type
      assertFolderUsable(folder);
      file = freeName(folder, deps.clock.now(), kind);
      const copy = await copySnapshot(databaseFile, file, listener);
      return { file, verdict: await verifyCopy(file, copy.counts, listener), pages: copy.pages, error: null };
    } catch (error) {
      return { file, verdict: null, pages: 0, error: error instanceof Error ? error.message : String(error) };
    }
  }

  async function record(kind: BackupKind, actor: Actor | null, startedAt: string, result: Attempt): Promise<BackupView> {
    const present = existsSync(result.file);
    const row = {
      kind, file: result.file, size_bytes: present ? statSync(result.file).size : 0, sha256: present ? await sha256File(result.file) : '',
      started_at: startedAt, finished_at: nowIso(deps), verified: result.verdict?.ok ? 1 : 0,
      failed_check: result.verdict ? result.verdict.failedCheck : 'copy', requested_by: actor?.userId ?? null,
      detail: JSON.stringify(result.verdict
        ? { pages: result.pages, counts: result.verdict.counts, checks: result.verdict.checks.map((c) => (c.ok ? { name: c.name, ok: true } : c)) }
        : { error: result.error }),
    };
    return inTransaction(deps, async (trx) => {
      const id = await insertBackup(trx, row);
      const view = backupView({ ...row, id });
      await appendAudit(trx, { at: nowIso(deps), userId: actor?.userId ?? null, action: 'backup.run', entity: 'backup', entityId: id, after: view });
      return view;
    });
  }

  /** On a PostgreSQL server (issue 8) there is no file to copy or replace: the server's own tools keep it safe. */
  function refuseOnServer(): never {
    throw new DomainError('backup-on-server', { location: options.databaseLocation ?? 'PostgreSQL' });
  }

  async function runNow(kind: BackupKind, actor: Actor | null): Promise<BackupView> {
    if (!databaseFile) refuseOnServer();
    const settings = await readBackupSettings(deps.db, databaseFile);
    const startedAt = nowIso(deps);
    progress.begin(kind);
    try {
      const listener: ProgressListener = (phase, done, total) => { progress.step(phase, done, total); options.onProgress?.(phase, done, total); };
      const view = await record(kind, actor, startedAt, await attempt(folderOf(settings), kind, listener));
      if (view.verified) await pruneBackups(deps, settings, log);
      else log(`backup ${view.file} NOT verified: ${view.failedCheck ?? '?'}`);
      return view;
    } finally {
      progress.end();
    }
  }

  /** Queued behind any running backup or drill: one copy at a time (and one job on the progress bar). */
  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  }

  function run(kind: BackupKind, actor: Actor | null): Promise<BackupView> {
    return serialized(() => runNow(kind, actor));
  }

  const restores = createRestoreActions({ deps, databaseFile, progress, view: backupView, serialized, refuseOnServer });

  return {
    run,
    progress: () => progress.view(),
    drill: restores.drill,
    scheduleRestore: restores.scheduleRestore,
    cancelRestore: restores.cancelRestore,

    async settings(): Promise<BackupSettingsView> {
      return readBackupSettings(deps.db, databaseFile);
    },

    async setSettings(actor: Actor, next: StoredBackupSettings): Promise<BackupSettingsView> {
      const current = await readBackupSettings(deps.db, databaseFile);
      assertFolderUsable(folderOf({ ...current, ...next }));
      await inTransaction(deps, async (trx) => {
        await setSetting(trx, BACKUPS_SETTING, JSON.stringify(next));
        await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'backups.setSettings', entity: 'setting', entityId: BACKUPS_SETTING, before: current, after: next });
      });
      scheduler?.rearm();
      return readBackupSettings(deps.db, databaseFile);
    },

    async list(limit = 100): Promise<BackupView[]> {
      return (await listBackups(deps.db, limit)).map(backupView);
    },

    async status(): Promise<BackupStatusView> {
      const last = await lastVerifiedBackup(deps.db);
      const lastVerified = last ? backupView(last) : null;
      const fresh = lastVerified !== null && deps.clock.now().getTime() - Date.parse(lastVerified.finishedAt) < DAY_MS;
      return { lastVerified, warning: !fresh, running: progress.view().running, pendingRestore: restores.pendingRestore(), lastRestore: restores.lastRestore() };
    },

    /** After a shift's close has committed: a backup in the background; it never fails (or delays) the close. */
    afterShiftClose(): void {
      if (!scheduler) return;
      void run('shift', null).catch((error: unknown) => log('backup at shift close failed', error));
    },

    /** The daily schedule and the shift-close backups (the counter's process only). */
    startAutomatic(timer?: Timer): void {
      if (!databaseFile) return; // a server database: no file backups (see runNow)
      scheduler ??= new BackupScheduler({ clock: deps.clock, timer, settings: () => readBackupSettings(deps.db, databaseFile), run: () => run('daily', null), log });
      scheduler.start();
    },

    /** Stops the schedule and waits for any backup under way (shutdown, tests). */
    async stop(): Promise<void> {
      scheduler?.stop();
      scheduler = null;
      await chain;
    },

    /** Resolves once every backup asked for so far is done. */
    async idle(): Promise<void> {
      await scheduler?.whenIdle();
      await chain;
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;

/** Wraps the shifts service so that a committed close is followed by a backup (issue 7 item 6). */
export function backingUpAtClose<S extends { close: (...args: never[]) => Promise<unknown> }>(shifts: S, backups: Pick<BackupService, 'afterShiftClose'>): S {
  const close = shifts.close;
  return {
    ...shifts,
    close: (async (...args: Parameters<S['close']>) => {
      const report = await close(...args); // committed: inTransaction has returned
      backups.afterShiftClose();
      return report;
    }) as S['close'],
  };
}
