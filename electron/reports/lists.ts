/**
 * The list reports over a date range (Beijing business dates, inclusive): reversals and reprints, card
 * operations (card_writes and card_events), control jobs. Rows are as recorded (all these tables are
 * append-only); nothing is aggregated beyond per-row facts.
 */
import { sql } from 'kysely';
import type { Db } from '../db/repositories/db';
import { reprintsBetween } from '../db/repositories/prints-repository';
import type { CardOpView, CardOpsView, ControlJobsReportView, ReversalsView } from '../../shared/contract/report-views';
import { rangeBounds } from './report-time';
import { userNames } from './report-names';

export async function reversalsReport(db: Db, from: string, to: string): Promise<ReversalsView> {
  const rows = await db.selectFrom('sale_reversals as r').innerJoin('sales as s', 's.id', 'r.sale_id').innerJoin('users as u', 'u.id', 'r.clerk_id')
    .select(['s.receipt_no', 'r.receipt_no as reversal_no', 'r.amount_fen', 'r.reason', 'u.display_name', 'r.created_at', 's.business_date', 'r.cause'])
    .where('r.business_date', '>=', from).where('r.business_date', '<=', to).orderBy('r.id').execute();
  const { start, end } = rangeBounds(from, to);
  const reprintRows = await reprintsBetween(db, start, end);
  const names = await userNames(db, reprintRows.map((r) => r.requestedBy));
  const reversals = rows.map((r) => ({
    receiptNo: r.receipt_no, reversalReceiptNo: r.reversal_no, amount: Number(r.amount_fen), reason: r.reason, clerkName: r.display_name,
    at: r.created_at, saleBusinessDate: r.business_date, cause: r.cause,
  }));
  return {
    from, to, reversals, reversedTotal: reversals.reduce((s, r) => s + r.amount, 0),
    reprints: reprintRows.map((r) => ({ receiptNo: r.receiptNo, kind: r.kind, reprintNo: r.reprintNo, requestedBy: r.requestedBy === null ? null : names.get(r.requestedBy) ?? null, at: r.at })),
  };
}

export async function cardOpsReport(db: Db, from: string, to: string): Promise<CardOpsView> {
  const { start, end } = rangeBounds(from, to);
  const writes = await db.selectFrom('card_writes as w').innerJoin('cards as c', 'c.id', 'w.card_id').leftJoin('meters as m', 'm.id', 'w.meter_id')
    .leftJoin('users as u', 'u.id', 'w.created_by')
    .select(['w.created_at as at', 'c.card_no', 'm.meter_no', 'w.kind', 'w.amount', 'u.display_name',
      sql<string | null>`(select e.state from card_write_events e where e.write_id = w.id order by e.id desc limit 1)`.as('state')])
    .where('w.created_at', '>=', start).where('w.created_at', '<', end).execute();
  const events = await db.selectFrom('card_events as e').innerJoin('cards as c', 'c.id', 'e.card_id').leftJoin('meters as m', 'm.id', 'c.meter_id')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.at', 'c.card_no', 'm.meter_no', 'e.kind', 'e.reason', 'u.display_name']).where('e.at', '>=', start).where('e.at', '<', end).execute();
  const ops: CardOpView[] = [
    ...writes.map((w) => ({ at: w.at, cardNo: w.card_no, meterNo: w.meter_no, op: `write:${w.kind}`, amount: Number(w.amount), state: w.state, by: w.display_name })),
    ...events.map((e) => ({ at: e.at, cardNo: e.card_no, meterNo: e.meter_no, op: `event:${e.kind}`, amount: null, state: e.reason, by: e.display_name })),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.cardNo.localeCompare(b.cardNo));
  return { from, to, ops };
}

export async function controlJobsReport(db: Db, from: string, to: string): Promise<ControlJobsReportView> {
  const { start, end } = rangeBounds(from, to);
  const rows = await db.selectFrom('control_jobs as j').leftJoin('users as u', 'u.id', 'j.requested_by')
    .select(['j.id', 'j.action', 'j.reason', 'j.automatic', 'j.created_at', 'u.display_name',
      sql<number>`(select count(*) from control_job_targets t where t.job_id = j.id)`.as('targets'),
      sql<string | null>`(select e.kind from control_job_events e where e.job_id = j.id order by e.id desc limit 1)`.as('last_event'),
      sql<number>`(select count(distinct t.id) from control_job_targets t join control_target_attempts a on a.target_id = t.id where t.job_id = j.id and a.outcome = 'ok')`.as('ok'),
      sql<number>`(select count(distinct t.id) from control_job_targets t join control_target_attempts a on a.target_id = t.id where t.job_id = j.id and a.outcome = 'error' and a.next_attempt_at is null
        and not exists (select 1 from control_target_attempts b where b.target_id = t.id and b.outcome = 'ok'))`.as('failed')])
    .where('j.created_at', '>=', start).where('j.created_at', '<', end).orderBy('j.id').execute();
  return {
    from, to,
    jobs: rows.map((r) => ({
      id: Number(r.id), action: r.action, reason: r.reason, automatic: Number(r.automatic) === 1, createdAt: r.created_at, requestedBy: r.display_name,
      targets: Number(r.targets), lastEvent: r.last_event, succeeded: Number(r.ok), failed: Number(r.failed),
    })),
  };
}
