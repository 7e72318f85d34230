/** Views of the verified backups (issue 7 item 6) and their progress (item 7). */

export const BACKUP_KINDS = ['daily', 'shift', 'manual'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface BackupView {
  readonly id: number;
  readonly kind: BackupKind;
  readonly file: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Only a verified backup counts (integrity, row counts at the snapshot, books all balanced). */
  readonly verified: boolean;
  /** The first check the copy failed ('copy' when no copy could be made), else null. */
  readonly failedCheck: string | null;
  /** Whether the file is still there (retention deletes old files, never the record). */
  readonly present: boolean;
}

export interface BackupSettingsView {
  /** Absolute folder (e.g. a USB disk); null = `backups` beside the database. */
  readonly folder: string | null;
  /** Where backups go with folder null. */
  readonly defaultFolder: string;
  /** The daily backup's Beijing time, HH:MM. */
  readonly dailyTime: string;
  /** Verified backup files kept at least (the newest verified one is never deleted). */
  readonly keepCount: number;
  /** …and any younger than this many days. */
  readonly keepDays: number;
}

export interface BackupProgressView {
  readonly running: boolean;
  /** A backup run or a restore drill (they take turns: one at a time). */
  readonly job: 'backup' | 'drill' | null;
  readonly kind: BackupKind | null;
  readonly phase: 'copy' | 'verify' | null;
  /** 0…1 over the whole job (copy is the first half, verification the second). */
  readonly fraction: number;
  readonly startedAt: string | null;
}

export interface BackupStatusView {
  readonly lastVerified: BackupView | null;
  /** No verified backup within the last 24 hours. */
  readonly warning: boolean;
  readonly running: boolean;
  /** A restore waiting for the next start of the backend, if any. */
  readonly pendingRestore: RestorePlanView | null;
  /** What the last restore at start did (replaced the database, or failed and kept the old one). */
  readonly lastRestore: RestoreResultView | null;
}

/** The word an admin types to confirm a scheduled restore. */
export const RESTORE_CONFIRM_WORD = 'RESTORE';

export interface BackupDrillView {
  readonly backupId: number;
  readonly ok: boolean;
  /** The first failed check (of the backup file, or of the copy restored from it), else null. */
  readonly failedCheck: string | null;
  readonly checks: readonly { readonly name: string; readonly ok: boolean }[];
  /** The schema version the restored copy was brought to. */
  readonly migratedTo: number | null;
  readonly at: string;
}

/** A restore scheduled for the next start (the marker in the data folder). */
export interface RestorePlanView {
  readonly backupId: number;
  readonly file: string;
  readonly sha256: string;
  readonly scheduledAt: string;
  readonly scheduledBy: string;
}

export interface RestoreResultView {
  readonly at: string;
  readonly backupId: number;
  readonly file: string;
  readonly ok: boolean;
  /** Why the old database was kept (failed verification, database in use, …), when not ok. */
  readonly reason: string | null;
  /** Where the replaced database was kept, when ok. */
  readonly keptAside: string | null;
}
