/**
 * The backup settings (settings key 'backups'): the folder (a USB disk, say; null = `backups` beside the
 * database), the daily time in Beijing time, and retention. Stored with the data so a restored hall keeps them.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeFolder } from './make-folder';
import { DomainError } from '../domain/errors';
import { getSetting } from '../db/repositories/settings-repository';
import type { Db } from '../db/repositories/db';
import type { BackupSettingsView } from '../../shared/contract/backup-views';

export const BACKUPS_SETTING = 'backups';

export type StoredBackupSettings = Omit<BackupSettingsView, 'defaultFolder'>;

/** 02:00 Beijing: the hall is closed, and the night's meter readings (00:00) are in. */
export const DEFAULT_BACKUP_SETTINGS: StoredBackupSettings = { folder: null, dailyTime: '02:00', keepCount: 60, keepDays: 90 };

export function defaultFolderOf(databaseFile: string | null): string {
  return join(databaseFile ? dirname(databaseFile) : '.', 'backups');
}

export async function readBackupSettings(db: Db, databaseFile: string | null): Promise<BackupSettingsView> {
  const raw = await getSetting(db, BACKUPS_SETTING);
  const stored = raw ? { ...DEFAULT_BACKUP_SETTINGS, ...(JSON.parse(raw) as Partial<StoredBackupSettings>) } : DEFAULT_BACKUP_SETTINGS;
  return { ...stored, defaultFolder: defaultFolderOf(databaseFile) };
}

export function folderOf(settings: BackupSettingsView): string {
  return settings.folder ?? settings.defaultFolder;
}

/** Creates the folder if needed and proves it writable, or refuses with backup-folder-unusable. */
export function assertFolderUsable(folder: string): void {
  try {
    makeFolder(folder);
    const probe = join(folder, `.halldesk-probe-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (error) {
    throw new DomainError('backup-folder-unusable', { folder, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}
