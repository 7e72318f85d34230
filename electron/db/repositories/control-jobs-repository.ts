/**
 * Control jobs (migration 0100): inserts only (every table is append-only) and the reads the control-job
 * services derive states from (electron/domain/control/job-state.ts).
 */
import type { Selectable } from 'kysely';
import type { ControlJobEventTable, ControlJobTable, ControlTargetAttemptTable } from '../schema-control';
import type { Db } from './db';

export type ControlJobRow = Selectable<ControlJobTable> & { requested_by_name: string | null };
export type ControlJobEventRow = Selectable<ControlJobEventTable>;
export type ControlAttemptRow = Selectable<ControlTargetAttemptTable>;

export interface ControlTargetRow {
  id: number; job_id: number; meter_id: number; meter_no: string; customer_name: string;
}

export async function insertJob(db: Db, job: Omit<ControlJobTable, 'id'>): Promise<number> {
  const row = await db.insertInto('control_jobs').values(job).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertJobEvent(db: Db, event: Omit<ControlJobEventTable, 'id'>): Promise<void> {
  await db.insertInto('control_job_events').values(event).execute();
}

export async function insertTargets(db: Db, jobId: number, meterIds: readonly number[]): Promise<void> {
  for (let i = 0; i < meterIds.length; i += 500) {
    await db.insertInto('control_job_targets').values(meterIds.slice(i, i + 500).map((meter_id) => ({ job_id: jobId, meter_id }))).execute();
  }
}

export async function insertAttempt(db: Db, attempt: Omit<ControlTargetAttemptTable, 'id'>): Promise<void> {
  await db.insertInto('control_target_attempts').values(attempt).execute();
}

function jobsQuery(db: Db) {
  return db.selectFrom('control_jobs as j').leftJoin('users as u', 'u.id', 'j.requested_by')
    .selectAll('j').select('u.display_name as requested_by_name');
}

export function findJob(db: Db, id: number): Promise<ControlJobRow | undefined> {
  return jobsQuery(db).where('j.id', '=', id).executeTakeFirst();
}

/** Jobs newest first; `ids` narrows to those jobs. */
export function listJobs(db: Db, filter: { automatic?: boolean; ids?: readonly number[] } = {}): Promise<ControlJobRow[]> {
  let query = jobsQuery(db);
  if (filter.automatic !== undefined) query = query.where('j.automatic', '=', filter.automatic ? 1 : 0);
  if (filter.ids !== undefined) query = query.where('j.id', 'in', filter.ids.length > 0 ? [...filter.ids] : [-1]);
  return query.orderBy('j.id', 'desc').execute();
}

/** Ids of the jobs that may still have work: submitted, not cancelled (their targets decide the rest). */
export async function openJobIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('control_jobs as j').select('j.id')
    .where((eb) => eb.exists(eb.selectFrom('control_job_events as e').select('e.id').whereRef('e.job_id', '=', 'j.id').where('e.kind', '=', 'submitted')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('control_job_events as e').select('e.id').whereRef('e.job_id', '=', 'j.id').where('e.kind', '=', 'cancelled'))))
    .orderBy('j.id').execute();
  return rows.map((r) => Number(r.id));
}

export function eventsOfJobs(db: Db, jobIds: readonly number[]): Promise<ControlJobEventRow[]> {
  return db.selectFrom('control_job_events').selectAll().where('job_id', 'in', jobIds.length > 0 ? [...jobIds] : [-1]).orderBy('id').execute();
}

export async function targetsOfJobs(db: Db, jobIds: readonly number[]): Promise<ControlTargetRow[]> {
  const rows = await db.selectFrom('control_job_targets as t')
    .innerJoin('meters as m', 'm.id', 't.meter_id').innerJoin('accounts as a', 'a.id', 'm.account_id').innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select(['t.id', 't.job_id', 't.meter_id', 'm.meter_no', 'c.name as customer_name'])
    .where('t.job_id', 'in', jobIds.length > 0 ? [...jobIds] : [-1]).orderBy('t.id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), job_id: Number(r.job_id), meter_id: Number(r.meter_id) }));
}

export function attemptsOfJobs(db: Db, jobIds: readonly number[]): Promise<ControlAttemptRow[]> {
  return db.selectFrom('control_target_attempts as x').innerJoin('control_job_targets as t', 't.id', 'x.target_id').selectAll('x')
    .where('t.job_id', 'in', jobIds.length > 0 ? [...jobIds] : [-1]).orderBy('x.id').execute();
}

/** Ids of the jobs with a target on this meter, newest first (automatic ones only when asked). */
export async function jobIdsOfMeter(db: Db, meterId: number, automatic?: boolean): Promise<number[]> {
  let query = db.selectFrom('control_job_targets as t').innerJoin('control_jobs as j', 'j.id', 't.job_id').select('j.id').where('t.meter_id', '=', meterId);
  if (automatic !== undefined) query = query.where('j.automatic', '=', automatic ? 1 : 0);
  return (await query.orderBy('j.id', 'desc').execute()).map((r) => Number(r.id));
}

/** The newest successful relay trip or close sent to this meter, by any job. */
export async function lastRelayOk(db: Db, meterId: number): Promise<string | null> {
  const row = await db.selectFrom('control_target_attempts as x').innerJoin('control_job_targets as t', 't.id', 'x.target_id')
    .innerJoin('control_jobs as j', 'j.id', 't.job_id').select('j.action')
    .where('t.meter_id', '=', meterId).where('x.outcome', '=', 'ok').where('j.action', 'in', ['relay_trip', 'relay_close'])
    .orderBy('x.id', 'desc').limit(1).executeTakeFirst();
  return row?.action ?? null;
}

/** Display names of users by id (approvers of submitted jobs). */
export async function userNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [Number(r.id), r.display_name]));
}

export function attemptsOfTarget(db: Db, targetId: number): Promise<ControlAttemptRow[]> {
  return db.selectFrom('control_target_attempts').selectAll().where('target_id', '=', targetId).orderBy('id').execute();
}

export async function jobCancelled(db: Db, jobId: number): Promise<boolean> {
  return (await db.selectFrom('control_job_events').select('id').where('job_id', '=', jobId).where('kind', '=', 'cancelled').executeTakeFirst()) !== undefined;
}
