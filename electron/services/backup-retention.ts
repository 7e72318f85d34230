/**
 * Retention: verified backup FILES beyond the newest `keepCount`, or older than `keepDays`, are deleted — never
 * the newest verified one (the hall must always hold one good copy), never a record (0160 is append-only), never a
 * file that failed verification (kept for inspection). Each deletion is audited.
 */
import { existsSync, rmSync } from 'node:fs';
import { appendAudit } from '../db/repositories/audit-repository';
import { verifiedBackups } from '../db/backup-records';
import type { BackupRow } from '../db/backup-records';
import { nowIso } from './deps';
import type { ServiceDeps } from './deps';
import type { BackupSettingsView } from '../../shared/contract/backup-views';

const DAY_MS = 86_400_000;

/** The verified backups whose files retention deletes (newest first in, any order out). */
export function expiredBackups(verified: readonly BackupRow[], settings: Pick<BackupSettingsView, 'keepCount' | 'keepDays'>, now: Date): BackupRow[] {
  const present = verified.filter((b) => existsSync(b.file));
  const cutoff = now.getTime() - settings.keepDays * DAY_MS;
  return present.filter((b, index) => index > 0 && (index >= settings.keepCount || Date.parse(b.finished_at) < cutoff));
}

export async function pruneBackups(deps: ServiceDeps, settings: BackupSettingsView, log: (message: string, detail?: unknown) => void): Promise<number> {
  const expired = expiredBackups(await verifiedBackups(deps.db), settings, deps.clock.now());
  for (const backup of expired) {
    try {
      rmSync(backup.file);
      await appendAudit(deps.db, { at: nowIso(deps), userId: null, action: 'backup.prune', entity: 'backup', entityId: Number(backup.id), after: { file: backup.file } });
    } catch (error) {
      log(`retention could not delete ${backup.file}`, error);
    }
  }
  return expired.length;
}
