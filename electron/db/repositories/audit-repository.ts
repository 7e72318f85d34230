import { auditHash, AUDIT_GENESIS } from '../audit-chain.mjs';
import type { Db } from './db';
import { advisoryXactLock, dialectOf } from './locks';

/** The advisory lock name that serializes every append to the audit chain (also taken by bulk writers). */
export const AUDIT_CHAIN_LOCK = 'audit-chain';

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
 * change it describes. Reading the head and inserting must be atomic or two transactions chain onto the
 * same head and fork the chain. SQLite: its single writer already serializes them. PostgreSQL: the
 * transaction-scoped advisory lock below, taken before the head is read and held until commit, makes the
 * next appender wait for this record to be committed; its head read (a new statement) then sees it. Audit
 * ids come from a sequence drawn under the lock, so id order is chain order. Most services audit last, so the
 * lock is held only for their final statements and commit; every writer of the chain is serialized by it.
 */
export async function appendAudit(db: Db, record: AuditRecord): Promise<void> {
  // Called on the database itself (a start-up step), the lock, the head read and the insert need a transaction
  // of their own on PostgreSQL: outside one, each statement would commit, and the lock with it, at once.
  if (!db.isTransaction && dialectOf(db) === 'postgres') return db.transaction().execute((trx) => appendAudit(trx, record));
  await advisoryXactLock(db, AUDIT_CHAIN_LOCK);
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

