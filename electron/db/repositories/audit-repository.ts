import { auditHash, AUDIT_GENESIS } from '../audit-chain.mjs';
import type { Db } from './db';

export interface AuditRecord {
  readonly at: string;
  readonly userId: number | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | number;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Appends one audit record, chained to the latest one; called inside the same transaction as the
 * change it describes. Reading the head and inserting are atomic because SQLite has a single writer
 * and the service's transaction holds the write lock from its first write (the change before this)
 * to commit. PostgreSQL lets two transactions read the same head, forking the chain: it will need a
 * lock on the head (e.g. SELECT … FOR UPDATE on a one-row table, or an advisory lock) — issue 8.
 */
export async function appendAudit(db: Db, record: AuditRecord): Promise<void> {
  const head = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row = {
    at: record.at,
    user_id: record.userId,
    action: record.action,
    entity: record.entity,
    entity_id: String(record.entityId),
    before_json: record.before === undefined ? null : JSON.stringify(record.before),
    after_json: record.after === undefined ? null : JSON.stringify(record.after),
  };
  const prevHash = head?.hash ?? AUDIT_GENESIS;
  await db.insertInto('audit_log').values({ ...row, prev_hash: prevHash, hash: auditHash(prevHash, row) }).execute();
}

export async function listAudit(db: Db, filter: { entity?: string; entityId?: string; limit: number }) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  return query.execute();
}

