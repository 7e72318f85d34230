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

/** Appends one audit record; called inside the same transaction as the change it describes. */
export async function appendAudit(db: Db, record: AuditRecord): Promise<void> {
  await db.insertInto('audit_log').values({
    at: record.at,
    user_id: record.userId,
    action: record.action,
    entity: record.entity,
    entity_id: String(record.entityId),
    before_json: record.before === undefined ? null : JSON.stringify(record.before),
    after_json: record.after === undefined ? null : JSON.stringify(record.after),
  }).execute();
}

export async function listAudit(db: Db, filter: { entity?: string; entityId?: string; limit: number }) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  return query.execute();
}

