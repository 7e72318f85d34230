import type { Db } from './db';

export interface ApprovalRow {
  id: number;
  kind: string;
  subject: string;
  reason: string;
  requested_by: number;
  requested_by_name: string;
  requested_at: string;
  expires_at: string;
  decision: string | null;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  note: string | null;
  used_at: string | null;
}

function approvalQuery(db: Db) {
  return db.selectFrom('approvals as ap')
    .innerJoin('users as rq', 'rq.id', 'ap.requested_by')
    .leftJoin('approval_decisions as dc', 'dc.approval_id', 'ap.id')
    .leftJoin('users as dv', 'dv.id', 'dc.decided_by')
    .leftJoin('approval_uses as us', 'us.approval_id', 'ap.id')
    .select(['ap.id', 'ap.kind', 'ap.subject', 'ap.reason', 'ap.requested_by', 'rq.display_name as requested_by_name', 'ap.requested_at',
      'ap.expires_at', 'dc.decision', 'dc.decided_by', 'dv.display_name as decided_by_name', 'dc.decided_at', 'dc.note', 'us.used_at']);
}

export async function insertApproval(db: Db, a: { kind: string; subject: string; reason: string; requestedBy: number; at: string; expiresAt: string }): Promise<number> {
  const row = await db.insertInto('approvals').values({
    kind: a.kind, subject: a.subject, reason: a.reason, requested_by: a.requestedBy, requested_at: a.at, expires_at: a.expiresAt,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findApproval(db: Db, id: number): Promise<ApprovalRow | undefined> {
  return approvalQuery(db).where('ap.id', '=', id).executeTakeFirst() as Promise<ApprovalRow | undefined>;
}

/** Newest first; `pending` here means undecided (the service tells expired ones apart by the clock). */
export async function listApprovals(db: Db, f: { undecided?: boolean; decided?: string; unused?: boolean; kind?: string; limit: number }): Promise<ApprovalRow[]> {
  let q = approvalQuery(db);
  if (f.undecided) q = q.where('dc.decision', 'is', null);
  if (f.decided) q = q.where('dc.decision', '=', f.decided);
  if (f.unused) q = q.where('us.used_at', 'is', null);
  if (f.kind) q = q.where('ap.kind', '=', f.kind);
  return q.orderBy('ap.id', 'desc').limit(f.limit).execute() as Promise<ApprovalRow[]>;
}

export async function insertDecision(db: Db, d: { approvalId: number; decision: string; decidedBy: number; note: string | null; at: string }): Promise<void> {
  await db.insertInto('approval_decisions').values({ approval_id: d.approvalId, decision: d.decision, decided_by: d.decidedBy, note: d.note, decided_at: d.at }).execute();
}

/** Marks the approval used; its primary key refuses a second use even under a race. */
export async function insertUse(db: Db, u: { approvalId: number; usedBy: number; entity: string; entityId: string; at: string }): Promise<void> {
  await db.insertInto('approval_uses').values({ approval_id: u.approvalId, used_by: u.usedBy, entity: u.entity, entity_id: u.entityId, used_at: u.at }).execute();
}
