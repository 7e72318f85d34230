/**
 * Loads control jobs with their events, targets and attempts, derives their states (domain/control/job-state.ts)
 * and builds the contract's views. Shared by the control-job service, the runner and the automatic port.
 */
import {
  attemptsOfJobs, eventsOfJobs, listJobs, targetsOfJobs, userNames,
} from '../db/repositories/control-jobs-repository';
import type { ControlAttemptRow, ControlJobEventRow, ControlJobRow, ControlTargetRow } from '../db/repositories/control-jobs-repository';
import type { Db } from '../db/repositories/db';
import { jobState, runnableFrom, targetFacts } from '../domain/control/job-state';
import type { AttemptFact, JobEventFact, TargetFacts } from '../domain/control/job-state';
import type { ControlCommand, ControlSelection } from '../../shared/contract/control-methods';
import type { ControlJobDetailView, ControlTargetView } from '../../shared/contract/control-views';
import type { ControlAction, ControlJobState } from '../../shared/vocabulary';

export interface TargetWithFacts { readonly row: ControlTargetRow; readonly facts: TargetFacts }

export interface JobFacts {
  readonly row: ControlJobRow;
  readonly events: readonly ControlJobEventRow[];
  readonly targets: readonly TargetWithFacts[];
  readonly state: ControlJobState;
  /** When it may run (null while a draft). */
  readonly runnable: string | null;
}

const eventFact = (e: ControlJobEventRow): JobEventFact => ({ kind: e.kind as JobEventFact['kind'], at: e.at });
export const attemptFact = (a: ControlAttemptRow): AttemptFact => ({
  attempt: a.attempt, at: a.at, outcome: a.outcome as AttemptFact['outcome'], errorCode: a.error_code, errorMessage: a.error_message, nextAttemptAt: a.next_attempt_at,
});

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

/** Facts of the given job rows (one query per table, whatever their number). */
export async function factsOf(db: Db, rows: readonly ControlJobRow[]): Promise<JobFacts[]> {
  const ids = rows.map((r) => Number(r.id));
  const events = groupBy(await eventsOfJobs(db, ids), (e) => Number(e.job_id));
  const targets = groupBy(await targetsOfJobs(db, ids), (t) => t.job_id);
  const attempts = groupBy(await attemptsOfJobs(db, ids), (a) => Number(a.target_id));
  return rows.map((row) => {
    const jobEvents = events.get(Number(row.id)) ?? [];
    const withFacts = (targets.get(Number(row.id)) ?? []).map((t) => ({ row: t, facts: targetFacts((attempts.get(t.id) ?? []).map(attemptFact)) }));
    const facts = jobEvents.map(eventFact);
    return { row, events: jobEvents, targets: withFacts, state: jobState(facts, withFacts.map((t) => t.facts)), runnable: runnableFrom(row.effective_at, facts) };
  });
}

export async function jobFacts(db: Db, id: number): Promise<JobFacts | undefined> {
  const rows = await listJobs(db, { ids: [id] });
  return rows.length === 0 ? undefined : (await factsOf(db, rows))[0];
}

export function targetView(t: TargetWithFacts): ControlTargetView {
  return {
    meterId: t.row.meter_id, meterNo: t.row.meter_no, customerName: t.row.customer_name, state: t.facts.state, attempts: t.facts.attempts,
    nextAttemptAt: t.facts.nextAttemptAt, lastError: t.facts.lastError, doneAt: t.facts.doneAt,
  };
}

function approvedByOf(events: readonly ControlJobEventRow[]): number | null {
  const submitted = events.find((e) => e.kind === 'submitted');
  const detail = submitted ? (JSON.parse(submitted.detail) as { approvedBy?: number }) : {};
  return typeof detail.approvedBy === 'number' ? detail.approvedBy : null;
}

/** Detail views (with targets) of the facts; approvers' names looked up once. */
export async function detailViews(db: Db, jobs: readonly JobFacts[]): Promise<ControlJobDetailView[]> {
  const approvers = jobs.map((j) => approvedByOf(j.events)).filter((id): id is number => id !== null);
  const names = await userNames(db, [...new Set(approvers)]);
  return jobs.map((j) => {
    const submitted = j.events.find((e) => e.kind === 'submitted');
    const finished = [...j.events].reverse().find((e) => e.kind === 'finished' || e.kind === 'cancelled');
    const states = j.targets.map((t) => t.facts.state);
    const count = (...wanted: string[]) => states.filter((s) => wanted.includes(s)).length;
    const approvedBy = approvedByOf(j.events);
    return {
      id: Number(j.row.id), action: j.row.action as ControlAction, command: JSON.parse(j.row.command) as ControlCommand,
      selection: j.row.selection === null ? null : (JSON.parse(j.row.selection) as ControlSelection), reason: j.row.reason, state: j.state,
      automatic: j.row.automatic === 1, requestedBy: j.row.requested_by === null ? null : Number(j.row.requested_by), requestedByName: j.row.requested_by_name,
      approvalId: submitted?.approval_id == null ? null : Number(submitted.approval_id), approvedBy, approvedByName: approvedBy === null ? null : names.get(approvedBy) ?? null,
      createdAt: j.row.created_at, effectiveAt: j.row.effective_at, submittedAt: submitted?.at ?? null,
      finishedAt: ['done', 'failed', 'cancelled'].includes(j.state) ? finished?.at ?? null : null,
      counts: { total: states.length, succeeded: count('succeeded'), failed: count('failed'), pending: count('pending', 'retrying'), cancelled: count('cancelled') },
      targets: j.targets.map(targetView),
    };
  });
}

/** The list view: a detail view without its targets. */
export function summaryOf(view: ControlJobDetailView): Omit<ControlJobDetailView, 'targets'> {
  const { targets: _targets, ...summary } = view;
  return summary;
}
