/**
 * Restore from the screen (issue 7 item 6): the drill of a recorded backup (into a scratch folder, the live
 * database only read) and the restore scheduled for the next start (backup-restore-start.ts carries it out),
 * which is drilled first so that only a backup that restores and verifies can be scheduled. The drill runs in
 * the backup service's one-at-a-time queue and shows its progress through backups.progress.
 */
import { dirname } from 'node:path';
import { appendAudit } from '../db/repositories/audit-repository';
import type { BackupRow } from '../db/backup-records';
import { DomainError } from '../domain/errors';
import { inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import { restoreDrill } from './backup-restore';
import { drillListener } from './backup-progress';
import type { BackupProgress } from './backup-progress';
import { readLastRestore, readRestorePlan, removeRestorePlan, writeRestorePlan } from './backup-restore-start';
import { RESTORE_CONFIRM_WORD } from '../../shared/contract/backup-views';
import type { BackupDrillView, BackupView, RestorePlanView, RestoreResultView } from '../../shared/contract/backup-views';

export interface RestoreActionDeps {
  readonly deps: ServiceDeps;
  readonly databaseFile: string | null;
  readonly progress: BackupProgress;
  readonly view: (row: BackupRow) => BackupView;
  /** Runs `work` in the backup service's queue (one copy at a time). */
  readonly serialized: <T>(work: () => Promise<T>) => Promise<T>;
  /** Refuses a restore when the database is on a server (backup-on-server): there is no file to replace. */
  readonly refuseOnServer: () => never;
}

export function createRestoreActions({ deps, databaseFile, progress, view, serialized, refuseOnServer }: RestoreActionDeps) {
  const dataDir = databaseFile ? dirname(databaseFile) : null;

  /** The recorded backup whose file is still there (refused before anything is written). */
  async function presentBackup(backupId: number): Promise<BackupView> {
    const row = await deps.db.selectFrom('backups').selectAll().where('id', '=', backupId).executeTakeFirst();
    if (!row) throw new DomainError('not-found', { what: `backup #${backupId}` });
    const backup = view(row as BackupRow);
    if (!backup.present) throw new DomainError('backup-file-missing', { file: backup.file });
    return backup;
  }

  async function drillNow(backup: BackupView): Promise<BackupDrillView> {
    progress.begin(backup.kind, 'drill');
    try {
      const outcome = await restoreDrill(backup.file, databaseFile, drillListener(progress));
      const checks = [...outcome.source.checks, ...(outcome.restored?.checks ?? [])].map((c) => ({ name: c.name, ok: c.ok }));
      const failedCheck = outcome.ok ? null : (outcome.restored?.failedCheck ?? outcome.source.failedCheck ?? 'restore');
      return { backupId: backup.id, ok: outcome.ok, failedCheck, checks, migratedTo: outcome.migratedTo, at: nowIso(deps) };
    } finally {
      progress.end();
    }
  }

  async function audit(actor: Actor, action: string, entityId: number, after: unknown, before?: unknown): Promise<void> {
    await inTransaction(deps, (trx) => appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action, entity: 'backup', entityId, after, ...(before === undefined ? {} : { before }) }));
  }

  return {
    /** Restores into a scratch folder and verifies; a failed drill is an answer (ok false), audited like a passed one. */
    async drill(actor: Actor, backupId: number): Promise<BackupDrillView> {
      const backup = await presentBackup(backupId);
      const result = await serialized(() => drillNow(backup));
      await audit(actor, 'backup.drill', backupId, result);
      return result;
    },

    /** Drills the backup, then leaves the marker the next start restores from; replaces any earlier plan. */
    async scheduleRestore(actor: Actor, backupId: number, confirm: string): Promise<RestorePlanView> {
      if (confirm.trim() !== RESTORE_CONFIRM_WORD) throw new DomainError('backup-restore-unconfirmed', { word: RESTORE_CONFIRM_WORD });
      const backup = await presentBackup(backupId);
      if (!dataDir) return refuseOnServer();
      const drilled = await serialized(() => drillNow(backup));
      if (!drilled.ok) throw new DomainError('backup-not-verified', { check: drilled.failedCheck ?? '?' });
      const plan: RestorePlanView = { backupId, file: backup.file, sha256: backup.sha256, scheduledAt: nowIso(deps), scheduledBy: actor.username };
      const before = readRestorePlan(dataDir);
      writeRestorePlan(dataDir, plan);
      await audit(actor, 'backup.scheduleRestore', backupId, { ...plan, drill: drilled }, before ?? undefined);
      return plan;
    },

    async cancelRestore(actor: Actor): Promise<{ cancelled: boolean }> {
      const plan = dataDir ? readRestorePlan(dataDir) : null;
      if (!plan || !dataDir) return { cancelled: false };
      removeRestorePlan(dataDir);
      await audit(actor, 'backup.cancelRestore', plan.backupId, null, plan);
      return { cancelled: true };
    },

    pendingRestore: (): RestorePlanView | null => (dataDir ? readRestorePlan(dataDir) : null),
    lastRestore: (): RestoreResultView | null => (dataDir ? readLastRestore(dataDir) : null),
  };
}
