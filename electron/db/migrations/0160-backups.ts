/**
 * 0160: verified backups (issue 7 item 6). `backups` is append-only: one row per backup attempt, written once
 * the copy has been verified or has failed a check — the file, its size and sha256, when it started and finished,
 * whether it counts (verified) and, if not, the first check it failed. Retention deletes old FILES, never rows:
 * the record of a backup outlives its file, so the history of what was safe when stays whole.
 */
import { sql } from 'kysely';
import { createTableWithId, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { Migration } from './dialect';

export const BACKUP_KINDS_DB = ['daily', 'shift', 'manual'] as const;

export const m0160Backups: Migration = {
  version: 160,
  name: 'backups',
  async up(db, d) {
    await strict(createTableWithId(db, d, 'backups')
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', BACKUP_KINDS_DB)))
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('size_bytes', int64(d), (c) => c.notNull().check(sql`size_bytes >= 0`))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('verified', 'integer', (c) => c.notNull().check(sql`verified in (0, 1)`))
      .addColumn('failed_check', 'text')
      // JSON: the row counts compared, page count, each check's outcome (a failed one's offenders).
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('requested_by', int64(d), (c) => c.references('users.id')), d).execute();
    await db.schema.createIndex('backups_verified').on('backups').columns(['verified', 'id']).execute();
    await makeAppendOnly(db, d, 'backups');
  },
};
