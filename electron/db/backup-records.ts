/** The append-only backups table (0160): one row per attempt, written once it is verified or has failed. */
import type { Db } from './repositories/db';
import type { BackupTable } from './backup-schema';

export type BackupRow = Omit<BackupTable, 'id'> & { id: number };
export type NewBackupRow = Omit<BackupTable, 'id'>;

export async function insertBackup(db: Db, row: NewBackupRow): Promise<number> {
  const result = await db.insertInto('backups').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(result.id);
}

export async function listBackups(db: Db, limit: number): Promise<BackupRow[]> {
  return (await db.selectFrom('backups').selectAll().orderBy('id', 'desc').limit(limit).execute()) as BackupRow[];
}

export async function lastVerifiedBackup(db: Db): Promise<BackupRow | undefined> {
  return (await db.selectFrom('backups').selectAll().where('verified', '=', 1).orderBy('id', 'desc').limit(1).executeTakeFirst()) as BackupRow | undefined;
}

/** Every verified backup, newest first (retention walks them). */
export async function verifiedBackups(db: Db): Promise<BackupRow[]> {
  return (await db.selectFrom('backups').selectAll().where('verified', '=', 1).orderBy('id', 'desc').execute()) as BackupRow[];
}

export async function backupByFile(db: Db, file: string): Promise<BackupRow | undefined> {
  return (await db.selectFrom('backups').selectAll().where('file', '=', file).orderBy('id', 'desc').limit(1).executeTakeFirst()) as BackupRow | undefined;
}
