/**
 * 0170: counters (issue 8 item 2). A hall of several counters shares one database, so the counters themselves
 * are rows: one per counter code, with the workstation that holds it now (its host name and process), when it
 * was last seen and until when its lease runs. A second live workstation with the same code is refused at start
 * (its serials would interleave with the first's under one prefix); a lease left by a crash lapses. On SQLite
 * the table simply holds the one counter of the file.
 * (At most one open shift per clerk is already the unique partial index shifts_one_open_per_clerk of 0020.)
 */
import { createTableWithId, strict } from './dialect';
import type { Migration } from './dialect';

export const m0170Counters: Migration = {
  version: 170,
  name: 'counters',
  async up(db, d) {
    await strict(createTableWithId(db, d, 'counters')
      .addColumn('code', 'text', (c) => c.notNull().unique())
      // The workstation's host name, for the refusal a second workstation with this code gets.
      .addColumn('host', 'text', (c) => c.notNull())
      // This process on that host (pid and a random part): a restart of the same workstation is a new holder.
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      // ISO instant; NULL once released (the workstation closed cleanly).
      .addColumn('lease_until', 'text'), d).execute();
  },
};
