/** 0030: the audit log of every state change (who, when, what, before, after); append-only. */
import { createTableWithId, int64, makeAppendOnly, strict } from './dialect';
import type { Migration } from './dialect';

export const m0030Audit: Migration = {
  version: 30,
  name: 'audit',
  async up(db, d) {
    await strict(createTableWithId(db, d, 'audit_log')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', int64(d), (c) => c.references('users.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text'), d).execute();
    await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
    await makeAppendOnly(db, d, 'audit_log');
  },
};
