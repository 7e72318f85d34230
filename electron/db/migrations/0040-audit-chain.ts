/**
 * 0040: the audit log becomes a hash chain (audit-chain.mjs): prev_hash and hash on every record, so
 * `db verify` can show that no record was changed, removed or slipped in.
 *
 * Records written before this migration get their chain here, in id order. audit_log is append-only
 * (its triggers refuse UPDATE), so the migration drops the triggers, fills the two new columns and
 * recreates the triggers, all in the migration's own transaction (migrate.ts): either the whole log is
 * chained and guarded again, or nothing changed. The columns stay nullable because ADD COLUMN cannot
 * add NOT NULL without a default; verify treats a missing hash as a broken link.
 */
import { sql } from 'kysely';
import { auditHash, AUDIT_GENESIS } from '../audit-chain.mjs';
import type { ChainedRecord } from '../audit-chain.mjs';
import { dropAppendOnly, makeAppendOnly } from './dialect';
import type { AnyDb, Migration } from './dialect';

/** Rows read at a time: a log of millions of records is chained without holding it in memory. */
const PAGE = 10_000;

async function chainExistingRecords(db: AnyDb): Promise<void> {
  let prev = AUDIT_GENESIS;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log')
      .select(['id', 'at', 'user_id', 'action', 'entity', 'entity_id', 'before_json', 'after_json'])
      .where('id', '>', after).orderBy('id').limit(PAGE).execute() as (ChainedRecord & { id: number | string })[];
    for (const row of rows) {
      const hash = auditHash(prev, row);
      await db.updateTable('audit_log').set({ prev_hash: prev, hash }).where('id', '=', row.id).execute();
      prev = hash;
    }
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

export const m0040AuditChain: Migration = {
  version: 40,
  name: 'audit-chain',
  async up(db, d) {
    // One column per statement: SQLite's ALTER TABLE adds a single column (STRICT tables included).
    await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
    const [row] = (await sql<{ n: number | string }>`select count(*) as n from audit_log`.execute(db)).rows;
    if (Number(row?.n ?? 0) === 0) return;
    await dropAppendOnly(db, d, 'audit_log');
    await chainExistingRecords(db);
    await makeAppendOnly(db, d, 'audit_log');
  },
};
