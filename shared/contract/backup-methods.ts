/**
 * Verified backups (issue 7 item 6): settings (folder, daily time, retention), a manual run that answers once the
 * copy is verified, its progress, the list of records and the status behind the "no backup in 24 h" warning.
 */
import { z } from 'zod';
import type { Role } from '../vocabulary';
import type { BackupDrillView, BackupProgressView, BackupSettingsView, BackupStatusView, BackupView, RestorePlanView } from './backup-views';
import { RESTORE_CONFIRM_WORD } from './backup-views';

const ADMIN: readonly Role[] = ['admin'];
const OVERSEERS: readonly Role[] = ['supervisor', 'admin'];
const none = z.object({}).strict();

/** An absolute folder: POSIX (/media/usb) or Windows (E:\ or \\server\share). */
const folder = z.string().trim().min(1).max(400).regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'an absolute folder');

export const backupSettings = z.object({
  folder: folder.nullable(),
  dailyTime: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'HH:MM'),
  keepCount: z.number().int().min(1).max(365),
  keepDays: z.number().int().min(1).max(3650),
}).strict();

const backupId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const backupContract = {
  'backups.settings': { access: ADMIN, input: none },
  'backups.setSettings': { access: ADMIN, input: backupSettings },
  /** Backs up now; answers once the copy is verified (or has failed a check: verified false, failedCheck). */
  'backups.run': { access: ADMIN, input: none },
  'backups.progress': { access: OVERSEERS, input: none },
  'backups.list': { access: ADMIN, input: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict() },
  'backups.status': { access: OVERSEERS, input: none },
  /** Restores a recorded backup into a scratch folder and verifies it there; the live database is only read. */
  'backups.drill': { access: ADMIN, input: z.object({ backupId }).strict() },
  /**
   * Drills the backup, then marks it to replace the database at the next start of the backend (a database in
   * use is never replaced underneath it). `confirm` is the word the admin typed (RESTORE_CONFIRM_WORD).
   */
  'backups.scheduleRestore': { access: ADMIN, input: z.object({ backupId, confirm: z.string().max(40) }).strict() },
  'backups.cancelRestore': { access: ADMIN, input: none },
} as const;

export { RESTORE_CONFIRM_WORD };

export interface BackupOutputs {
  'backups.settings': BackupSettingsView;
  'backups.setSettings': BackupSettingsView;
  'backups.run': BackupView;
  'backups.progress': BackupProgressView;
  'backups.list': readonly BackupView[];
  'backups.status': BackupStatusView;
  'backups.drill': BackupDrillView;
  'backups.scheduleRestore': RestorePlanView;
  'backups.cancelRestore': { readonly cancelled: boolean };
}
