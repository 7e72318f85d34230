/**
 * Control jobs (issue 5 item 6): preview a selection, create a draft over its supported meters, submit it with a
 * supervisor's approval (subject { kind: 'control_job', jobId } through the one approval mechanism, so nobody
 * approves their own job), cancel, retry, and the views. Sending is control-job-runner.ts; automatic jobs
 * (hall-kept balances) are control-automatic.ts. Every change is audited in its own transaction.
 */
import { appendAudit } from '../db/repositories/audit-repository';
import { insertAttempt, insertJob, insertJobEvent, insertTargets, listJobs } from '../db/repositories/control-jobs-repository';
import { lockRowsForUpdate } from '../db/repositories/locks';
import type { Db } from '../db/repositories/db';
import { DomainError } from '../domain/errors';
import { isTerminal } from '../domain/control/job-state';
import type { ContractInput } from '../../shared/contract/methods';
import type { ControlJobDetailView, ControlJobView, ControlPreviewView, ControlRetryItemView } from '../../shared/contract/control-views';
import { consumeApproval } from './approvals-service';
import { detailViews, factsOf, jobFacts, summaryOf, targetView } from './control-job-facts';
import type { JobFacts } from './control-job-facts';
import { ControlJobRunner } from './control-job-runner';
import type { LinkOfMeter } from './control-job-runner';
import { previewMeters } from './control-selection';
import { found, inTransaction } from './deps';
import type { Actor, ServiceDeps } from './deps';

const SLACK_MS = 60_000;
const MAX_AHEAD_MS = 31 * 86_400_000;

async function loadJob(db: Db, id: number): Promise<JobFacts> {
  return found(await jobFacts(db, id), 'control job');
}

export async function jobView(db: Db, id: number): Promise<ControlJobDetailView> {
  return (await detailViews(db, [await loadJob(db, id)]))[0]!;
}

/** The approvals service's draftCheck: refuses unless the job exists and is a draft. */
export async function assertDraft(db: Db, jobId: number): Promise<void> {
  const job = await loadJob(db, jobId);
  if (job.state !== 'draft') throw new DomainError('control-job-not-draft', { jobId, state: job.state });
}

function checkEffective(effectiveAt: string | null, now: Date): void {
  if (effectiveAt === null) return;
  const at = Date.parse(effectiveAt);
  if (at < now.getTime() - SLACK_MS) throw new DomainError('control-effective-past', { effectiveAt });
  if (at > now.getTime() + MAX_AHEAD_MS) throw new DomainError('control-effective-too-far', { effectiveAt, days: 31 });
}

/** Cancels a job inside `trx`: the event, and a 'cancelled' attempt for each target not yet done. */
export async function cancelJob(trx: Db, job: JobFacts, by: number | null, reason: string, at: string): Promise<void> {
  const id = Number(job.row.id);
  await insertJobEvent(trx, { job_id: id, kind: 'cancelled', at, user_id: by, approval_id: null, detail: JSON.stringify({ reason, from: job.state }) });
  for (const t of job.targets.filter((x) => !isTerminal(x.facts.state))) {
    await insertAttempt(trx, { target_id: t.row.id, attempt: t.facts.attempts, at, outcome: 'cancelled', error_code: null, error_message: null, next_attempt_at: null });
  }
  await appendAudit(trx, { at, userId: by, action: 'control-job.cancel', entity: 'control_job', entityId: id, before: { state: job.state }, after: { state: 'cancelled', reason } });
}

export function createControlJobsService(deps: ServiceDeps, linkOf: LinkOfMeter, log?: (error: unknown) => void) {
  const runner = new ControlJobRunner(deps, linkOf, log);
  const now = () => deps.clock.now();

  async function preview(input: ContractInput<'controlJobs.preview'>): Promise<ControlPreviewView> {
    return previewMeters(deps.db, input.selection, input.command.action);
  }

  async function create(actor: Actor, input: ContractInput<'controlJobs.create'>): Promise<ControlJobDetailView> {
    checkEffective(input.effectiveAt, now());
    return inTransaction(deps, async (trx) => {
      const meters = (await previewMeters(trx, input.selection, input.command.action)).meters.filter((m) => m.supported).map((m) => m.meterId);
      if (meters.length === 0) throw new DomainError('control-no-supported-meter', { action: input.command.action });
      const at = now().toISOString();
      const id = await insertJob(trx, {
        action: input.command.action, command: JSON.stringify(input.command), selection: JSON.stringify(input.selection), reason: input.reason,
        automatic: 0, requested_by: actor.userId, created_at: at, effective_at: input.effectiveAt === null ? null : new Date(input.effectiveAt).toISOString(),
      });
      await insertTargets(trx, id, meters);
      const after = await jobView(trx, id);
      await appendAudit(trx, { at, userId: actor.userId, action: 'control-job.create', entity: 'control_job', entityId: id, after: summaryOf(after) });
      return after;
    });
  }

  /** A job's state is read and an event appended under its row lock: two counters never both move it. */
  async function lockedJob(trx: Db, id: number): Promise<JobFacts> {
    await lockRowsForUpdate(trx, 'control_jobs', [id]);
    return loadJob(trx, id);
  }

  async function submit(actor: Actor, input: ContractInput<'controlJobs.submit'>): Promise<ControlJobDetailView> {
    const view = await inTransaction(deps, async (trx) => {
      const job = await lockedJob(trx, input.jobId);
      if (job.state !== 'draft') throw new DomainError('control-job-not-draft', { jobId: input.jobId, state: job.state });
      if (Number(job.row.requested_by) !== actor.userId) throw new DomainError('control-job-not-yours', { jobId: input.jobId });
      const at = now();
      const approvedBy = await consumeApproval(trx, {
        approvalId: input.approvalId, actor, wanted: { kind: 'control_job', jobId: input.jobId }, now: at, entity: 'control_job', entityId: input.jobId,
      });
      await insertJobEvent(trx, { job_id: input.jobId, kind: 'submitted', at: at.toISOString(), user_id: actor.userId, approval_id: input.approvalId, detail: JSON.stringify({ approvedBy }) });
      const after = await jobView(trx, input.jobId);
      await appendAudit(trx, { at: at.toISOString(), userId: actor.userId, action: 'control-job.submit', entity: 'control_job', entityId: input.jobId, after: summaryOf(after) });
      return after;
    });
    runner.poke();
    return view;
  }

  async function cancel(actor: Actor, input: ContractInput<'controlJobs.cancel'>): Promise<ControlJobDetailView> {
    return inTransaction(deps, async (trx) => {
      const job = await lockedJob(trx, input.jobId);
      if (Number(job.row.requested_by) !== actor.userId && actor.role !== 'supervisor') throw new DomainError('control-job-not-yours', { jobId: input.jobId });
      if (!['draft', 'scheduled', 'running'].includes(job.state)) throw new DomainError('control-job-not-cancellable', { jobId: input.jobId, state: job.state });
      await cancelJob(trx, job, actor.userId, input.reason, now().toISOString());
      return jobView(trx, input.jobId);
    });
  }

  async function retry(actor: Actor, input: ContractInput<'controlJobs.retry'>): Promise<ControlJobDetailView> {
    const view = await inTransaction(deps, async (trx) => {
      const job = await lockedJob(trx, input.jobId);
      const named = input.meterIds ? new Set(input.meterIds) : null;
      const targets = job.state === 'cancelled' ? [] : job.targets.filter((t) => t.facts.state === 'failed' && (!named || named.has(t.row.meter_id)));
      if (targets.length === 0) throw new DomainError('control-nothing-to-retry', { jobId: input.jobId });
      const at = now().toISOString();
      for (const t of targets) {
        await insertAttempt(trx, { target_id: t.row.id, attempt: t.facts.attempts, at, outcome: 'requeued', error_code: null, error_message: null, next_attempt_at: at });
      }
      await appendAudit(trx, { at, userId: actor.userId, action: 'control-job.retry', entity: 'control_job', entityId: input.jobId, after: { meterIds: targets.map((t) => t.row.meter_id) } });
      return jobView(trx, input.jobId);
    });
    runner.poke();
    return view;
  }

  async function list(input: ContractInput<'controlJobs.list'>): Promise<ControlJobView[]> {
    const facts = await factsOf(deps.db, await listJobs(deps.db, input.automatic === undefined ? {} : { automatic: input.automatic }));
    const wanted = facts.filter((j) => !input.state || j.state === input.state).slice(0, input.limit ?? 100);
    return (await detailViews(deps.db, wanted)).map(summaryOf);
  }

  async function retryQueue(): Promise<ControlRetryItemView[]> {
    const jobs = await factsOf(deps.db, await listJobs(deps.db));
    const items = jobs.filter((j) => j.state !== 'cancelled').flatMap((j) => j.targets
      .filter((t) => t.facts.state === 'retrying' || t.facts.state === 'failed')
      .map((t) => ({ ...targetView(t), jobId: Number(j.row.id), action: j.row.action as ControlRetryItemView['action'] })));
    const key = (i: ControlRetryItemView) => i.nextAttemptAt ?? i.doneAt ?? '';
    return items.sort((a, b) => key(a).localeCompare(key(b))).slice(0, 500);
  }

  return {
    runner, preview, create, submit, cancel, retry, list, retryQueue,
    get: (jobId: number): Promise<ControlJobDetailView> => jobView(deps.db, jobId),
    draftCheck: assertDraft,
  };
}

export type ControlJobsService = ReturnType<typeof createControlJobsService>;
