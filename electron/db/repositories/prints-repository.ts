/**
 * Print jobs and their events (migration 0130), and the two report queries the day report needs
 * (issue 7 item 1): the serials voided on a business date, and the reprints made on it.
 */
import type { Insertable, Selectable } from 'kysely';
import type { PrintJobTable } from '../schema-prints';
import type { Db } from './db';

export type PrintJobRow = Selectable<PrintJobTable>;
export type PrintState = 'queued' | 'sent' | 'printed' | 'failed';

export interface PrintEventRecord {
  readonly jobId: number;
  readonly state: PrintState;
  readonly attempt: number;
  readonly at: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly nextAttemptAt?: string | null;
}

export async function insertPrintJob(db: Db, job: Insertable<PrintJobTable>): Promise<number> {
  const row = await db.insertInto('print_jobs').values(job).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function appendPrintEvent(db: Db, e: PrintEventRecord): Promise<void> {
  await db.insertInto('print_job_events').values({
    job_id: e.jobId, state: e.state, attempt: e.attempt, at: e.at, detail: JSON.stringify(e.detail), next_attempt_at: e.nextAttemptAt ?? null,
  }).execute();
}

export function findPrintJob(db: Db, jobId: number): Promise<PrintJobRow | undefined> {
  return db.selectFrom('print_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}

/** How many jobs a sale's slip of `kind` has had: 0 = never printed. */
export async function printCount(db: Db, saleId: number, kind: string): Promise<{ jobs: number; maxReprint: number }> {
  const row = await db.selectFrom('print_jobs').where('sale_id', '=', saleId).where('kind', '=', kind)
    .select((eb) => [eb.fn.countAll<number>().as('jobs'), eb.fn.max<number | null>('reprint_no').as('maxReprint')]).executeTakeFirst();
  return { jobs: Number(row?.jobs ?? 0), maxReprint: Number(row?.maxReprint ?? 0) };
}

export interface JobStateRow {
  readonly jobId: number;
  readonly state: PrintState;
  readonly attempt: number;
  readonly at: string;
  readonly detail: string;
  readonly nextAttemptAt: string | null;
}

/** The latest event of each of `jobIds`. */
export async function latestEvents(db: Db, jobIds: readonly number[]): Promise<Map<number, JobStateRow>> {
  const out = new Map<number, JobStateRow>();
  if (jobIds.length === 0) return out;
  const rows = await db.selectFrom('print_job_events as e').selectAll('e')
    .where('e.id', 'in', (eb) => eb.selectFrom('print_job_events').select((x) => x.fn.max<number>('id').as('id'))
      .where('job_id', 'in', [...jobIds]).groupBy('job_id'))
    .execute();
  for (const r of rows) {
    out.set(Number(r.job_id), { jobId: Number(r.job_id), state: r.state as PrintState, attempt: Number(r.attempt), at: r.at, detail: r.detail, nextAttemptAt: r.next_attempt_at });
  }
  return out;
}

/** The newest `limit` jobs, newest first. */
export function recentJobs(db: Db, limit: number): Promise<PrintJobRow[]> {
  return db.selectFrom('print_jobs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** Jobs whose latest event is queued, or failed with its next attempt due by `now`. */
export async function dueJobIds(db: Db, now: string): Promise<number[]> {
  const rows = await db.selectFrom('print_job_events as e').select('e.job_id')
    .where('e.id', 'in', (eb) => eb.selectFrom('print_job_events').select((x) => x.fn.max<number>('id').as('id')).groupBy('job_id'))
    .where((eb) => eb.or([eb('e.state', '=', 'queued'), eb.and([eb('e.state', '=', 'failed'), eb('e.next_attempt_at', 'is not', null), eb('e.next_attempt_at', '<=', now)])]))
    .orderBy('e.job_id').execute();
  return rows.map((r) => Number(r.job_id));
}

export interface VoidedSerialRow {
  readonly receiptNo: string;
  readonly saleId: number;
  readonly reversalReceiptNo: string;
  readonly amountFen: number;
  readonly reason: string;
  readonly clerkId: number;
  readonly reversedAt: string;
  readonly saleBusinessDate: string;
}

/** The serials voided (their sale reversed) on `businessDate`, in order; for the day report. */
export async function voidedSerials(db: Db, businessDate: string): Promise<VoidedSerialRow[]> {
  const rows = await db.selectFrom('sale_reversals as r').innerJoin('sales as s', 's.id', 'r.sale_id')
    .select(['s.receipt_no', 's.id', 'r.receipt_no as reversal_no', 'r.amount_fen', 'r.reason', 'r.clerk_id', 'r.created_at', 's.business_date'])
    .where('r.business_date', '=', businessDate).orderBy('r.id').execute();
  return rows.map((r) => ({
    receiptNo: r.receipt_no, saleId: Number(r.id), reversalReceiptNo: r.reversal_no, amountFen: Number(r.amount_fen), reason: r.reason,
    clerkId: Number(r.clerk_id), reversedAt: r.created_at, saleBusinessDate: r.business_date,
  }));
}

export interface ReprintRow {
  readonly jobId: number;
  readonly receiptNo: string | null;
  readonly kind: string;
  readonly reprintNo: number;
  readonly requestedBy: number | null;
  readonly at: string;
}

/** Reprints requested between two instants (a business day's bounds), for the reversals-and-reprints report. */
export async function reprintsBetween(db: Db, from: string, to: string): Promise<ReprintRow[]> {
  const rows = await db.selectFrom('print_jobs').select(['id', 'receipt_no', 'kind', 'reprint_no', 'requested_by', 'created_at'])
    .where('reprint_no', '>', 0).where('created_at', '>=', from).where('created_at', '<', to).orderBy('id').execute();
  return rows.map((r) => ({ jobId: Number(r.id), receiptNo: r.receipt_no, kind: r.kind, reprintNo: Number(r.reprint_no), requestedBy: r.requested_by === null ? null : Number(r.requested_by), at: r.created_at }));
}
