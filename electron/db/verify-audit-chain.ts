/**
 * The 'audit-chain-intact' check of `db verify`: walks audit_log in id order and recomputes every link
 * (audit-chain.mjs). The first record whose prev_hash is not the previous record's hash (a record
 * removed before it, or it was slipped in) or whose hash is not the hash of its content (it was edited)
 * is reported; everything after a broken link is unprovable anyway. Pages of PAGE rows keep memory flat
 * for a log of millions of records.
 */
import type { Kysely } from 'kysely';
import { auditHash, AUDIT_GENESIS } from './audit-chain.mjs';
import type { Database } from './schema';

const PAGE = 10_000;

export interface BrokenLink {
  readonly id: number;
  /** prev_hash: the link to the record before is wrong; hash: the record's own content changed. */
  readonly field: 'prev_hash' | 'hash';
  readonly expected: string;
  readonly stored: string | null;
}

/** The first broken link, or null when the whole chain holds. */
export async function firstBrokenLink(db: Kysely<Database>): Promise<BrokenLink | null> {
  let prev = AUDIT_GENESIS;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(PAGE).execute();
    for (const row of rows) {
      const id = Number(row.id);
      if (row.prev_hash !== prev) return { id, field: 'prev_hash', expected: prev, stored: row.prev_hash };
      const hash = auditHash(prev, row);
      if (row.hash !== hash) return { id, field: 'hash', expected: hash, stored: row.hash };
      prev = hash;
    }
    if (rows.length < PAGE) return null;
    after = Number(rows[rows.length - 1]!.id);
  }
}
