/**
 * Verified backups (issue 7 item 6): settings (folder, daily time, retention), a manual run that answers once the
 * copy is verified, its progress, the list of records and the status behind the "no backup in 24 h" warning.
 */
import { z } from 'zod';
import type { Role } from '../vocabulary';
import type { BackupProgressView, BackupSettingsView, BackupStatusView, BackupView } from './backup-views';

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

export const backupContract = {
  'backups.settings': { access: ADMIN, input: none },
  'backups.setSettings': { access: ADMIN, input: backupSettings },
  /** Backs up now; answers once the copy is verified (or has failed a check: verified false, failedCheck). */
  'backups.run': { access: ADMIN, input: none },
  'backups.progress': { access: OVERSEERS, input: none },
  'backups.list': { access: ADMIN, input: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict() },
  'backups.status': { access: OVERSEERS, input: none },
} as const;

export interface BackupOutputs {
  'backups.settings': BackupSettingsView;
  'backups.setSettings': BackupSettingsView;
  'backups.run': BackupView;
  'backups.progress': BackupProgressView;
  'backups.list': readonly BackupView[];
  'backups.status': BackupStatusView;
}
