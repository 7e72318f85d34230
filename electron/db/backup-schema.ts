/** Row type of the backups table (migration 0160; append-only: retention deletes files, never rows). */
import type { Generated } from 'kysely';

export interface BackupTable {
  id: Generated<number>;
  kind: string;
  file: string;
  size_bytes: number;
  sha256: string;
  started_at: string;
  finished_at: string;
  verified: number;
  failed_check: string | null;
  /** JSON object. */
  detail: string;
  requested_by: number | null;
}

/** Merged into Database (schema.ts). */
export interface BackupTables {
  backups: BackupTable;
}
