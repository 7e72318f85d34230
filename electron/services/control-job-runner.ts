/**
 * Runs control jobs (issue 5 item 6): the targets of submitted jobs whose effective time has come, and the retry
 * queue's targets whose retry time has come, are sent through their meters' buses — the meters of one bus one
 * after another (the Bus queue keeps one request in flight per bus anyway), different buses in parallel. Each send
 * is an append-only attempt row; a failure is retried after 1, 5, 15 and 60 minutes and given up after the fifth
 * (domain/control/job-state.ts). Final outcomes are audited as the system's. Time comes from the injected clock and
 * the waiting from an injected timer (as in collection-scheduler.ts); tests and `halldesk collect` call runDue().
 */
import { appendAudit } from '../db/repositories/audit-repository';
import { attemptsOfTarget, insertAttempt, insertJobEvent, jobCancelled, listJobs, openJobIds } from '../db/repositories/control-jobs-repository';
import { commMeters } from '../db/repositories/readings-repository';
import { isTerminal, nextRetryAt, targetDue, targetFacts } from '../domain/control/job-state';
import { acquireLease, releaseLease } from './process-lease';
import type { MeterTarget } from '../hardware/meters/codecs/drivers';
import type { Exchange } from '../hardware/meters/meter-port';
import type { ControlCommand } from '../../shared/contract/control-methods';
import { attemptFact, factsOf } from './control-job-facts';
import type { JobFacts, TargetWithFacts } from './control-job-facts';
import { attemptError, sendCommand } from './control-execute';
import { SYSTEM_TIMER } from './collection-scheduler';
import type { Timer } from './collection-scheduler';
import { inTransaction } from './deps';
import type { ServiceDeps } from './deps';

export type LinkOfMeter = (meterId: number) => Promise<{ exchange: Exchange; target: MeterTarget }>;

export interface RunOutcome { readonly sent: number; readonly succeeded: number; readonly failed: number; readonly finishedJobs: readonly number[] }

interface Work { readonly job: JobFacts; readonly target: TargetWithFacts }

const CONTROL_LEASE = 'control-jobs';
/** Longer than a pass can take (each meter times out in seconds), short enough for a crashed runner's to lapse. */
const CONTROL_LEASE_MS = 10 * 60_000;

/** How often a started runner looks for due work (retry times are whole minutes). */
const TICK_MS = 30_000;

export class ControlJobRunner {
  private pass: Promise<RunOutcome> | null = null;
  private timer: Timer = SYSTEM_TIMER;
  private handle: unknown = null;
  private started = false;

  constructor(private readonly deps: ServiceDeps, private readonly linkOf: LinkOfMeter, private log: (error: unknown) => void = () => {}) {}

  get isStarted(): boolean { return this.started; }

  /** Runs due work now and then every TICK_MS; a failed pass is logged and the next tick tries again. */
  start(timer: Timer = SYSTEM_TIMER, log?: (error: unknown) => void): void {
    if (this.started) return;
    this.started = true;
    this.timer = timer;
    if (log) this.log = log;
    this.arm(0);
  }

  stop(): void {
    this.started = false;
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = null;
  }

  /** Asks for a pass soon (after a submit or a retry), when started. */
  poke(): void {
    if (this.started) this.arm(0);
  }

  async idle(): Promise<void> {
    while (this.pass) await this.pass.catch(() => undefined);
  }

  private arm(ms: number): void {
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = this.timer.set(() => {
      this.handle = null;
      void this.runDue().catch(this.log).finally(() => { if (this.started && this.handle === null) this.arm(TICK_MS); });
    }, ms);
  }

  /** One pass over the due work; a call while a pass runs answers that pass (one pass at a time per process). */
  runDue(): Promise<RunOutcome> {
    this.pass ??= this.runPass().finally(() => { this.pass = null; });
    return this.pass;
  }

  /**
   * Several counters may run control jobs against one hall database: a pass runs only under the hall-wide
   * 'control-jobs' lease, so one runner sends a target while the others leave it (a meter must not get the
   * same relay or price command from two counters at once). The lease outlives any pass; it is released at
   * the end, and a runner that died leaves one that expires.
   */
  private async runPass(): Promise<RunOutcome> {
    if (!await acquireLease(this.deps, CONTROL_LEASE, CONTROL_LEASE_MS)) return { sent: 0, succeeded: 0, failed: 0, finishedJobs: [] };
    try {
      return await this.runPassHoldingLease();
    } finally {
      await releaseLease(this.deps, CONTROL_LEASE).catch(this.log);
    }
  }

  private async runPassHoldingLease(): Promise<RunOutcome> {
    const now = this.deps.clock.now();
    const jobs = await factsOf(this.deps.db, await listJobs(this.deps.db, { ids: await openJobIds(this.deps.db) }));
    const work: Work[] = jobs.flatMap((job) => job.targets.filter((t) => targetDue(job.state, job.runnable, t.facts, now)).map((target) => ({ job, target })));
    if (work.length === 0) return { sent: 0, succeeded: 0, failed: 0, finishedJobs: [] };
    await this.markStarted([...new Set(work.map((w) => w.job))], now);
    const buses = await this.byBus(work);
    const results = (await Promise.all([...buses.values()].map((list) => this.runBus(list)))).flat();
    const finishedJobs = await this.finishJobs([...new Set(work.map((w) => Number(w.job.row.id)))]);
    return { sent: results.length, succeeded: results.filter(Boolean).length, failed: results.filter((ok) => !ok).length, finishedJobs };
  }

  private async markStarted(jobs: readonly JobFacts[], now: Date): Promise<void> {
    for (const job of jobs) {
      const last = [...job.events].reverse().find((e) => e.kind === 'started' || e.kind === 'finished');
      if (last?.kind === 'started') continue;
      await insertJobEvent(this.deps.db, { job_id: Number(job.row.id), kind: 'started', at: now.toISOString(), user_id: null, approval_id: null, detail: '{}' });
    }
  }

  /** Work grouped by bus id; meters on no bus (any more) under key -1, each sent alone so it fails as 'no-bus'. */
  private async byBus(work: readonly Work[]): Promise<Map<number, Work[]>> {
    const onBus = new Map((await commMeters(this.deps.db, { meterIds: work.map((w) => w.target.row.meter_id) })).map((m) => [m.id, m.bus_id]));
    const groups = new Map<number, Work[]>();
    for (const w of work) {
      const bus = onBus.get(w.target.row.meter_id) ?? -1;
      groups.set(bus, [...(groups.get(bus) ?? []), w]);
    }
    return groups;
  }

  private async runBus(list: readonly Work[]): Promise<boolean[]> {
    const results: boolean[] = [];
    for (const w of list) results.push(await this.runOne(w));
    return results;
  }

  private async runOne(w: Work): Promise<boolean> {
    // Cancelled, or sent by another pass, since this pass began: leave it.
    const facts = targetFacts((await attemptsOfTarget(this.deps.db, w.target.row.id)).map(attemptFact));
    if (await jobCancelled(this.deps.db, Number(w.job.row.id)) || !targetDue(w.job.state, w.job.runnable, facts, this.deps.clock.now())) return false;
    const fresh = w.job;
    const target = { row: w.target.row, facts };
    const command = JSON.parse(fresh.row.command) as ControlCommand;
    try {
      const link = await this.linkOf(target.row.meter_id).catch((error: unknown) => { throw Object.assign(new Error(String(error)), { code: 'no-bus' }); });
      await sendCommand(link.exchange, link.target, command, this.deps.clock.now());
      await this.record(fresh, target, null);
      return true;
    } catch (error) {
      const coded = (error as { code?: unknown }).code === 'no-bus' ? { code: 'no-bus', message: 'the meter is on no bus' } : attemptError(error);
      await this.record(fresh, target, coded);
      return false;
    }
  }

  private async record(job: JobFacts, target: TargetWithFacts, error: { code: string; message: string } | null): Promise<void> {
    await inTransaction(this.deps, async (trx) => {
      const now = this.deps.clock.now();
      const roundErrors = target.facts.roundErrors + (error ? 1 : 0);
      const next = error ? nextRetryAt(roundErrors, error.code, now) : null;
      await insertAttempt(trx, {
        target_id: target.row.id, attempt: target.facts.attempts + 1, at: now.toISOString(), outcome: error ? 'error' : 'ok',
        error_code: error?.code ?? null, error_message: error?.message.slice(0, 500) ?? null, next_attempt_at: next,
      });
      if (error && next !== null) return;
      await appendAudit(trx, {
        at: now.toISOString(), userId: null, action: error ? 'control-target.failed' : 'control-target.succeeded', entity: 'control_job', entityId: Number(job.row.id),
        after: { meterId: target.row.meter_id, meterNo: target.row.meter_no, action: job.row.action, attempts: target.facts.attempts + 1, error },
      });
    });
  }

  /** Appends 'finished' (audited) to each job whose targets are now all done. */
  private async finishJobs(ids: readonly number[]): Promise<number[]> {
    const finished: number[] = [];
    for (const job of await factsOf(this.deps.db, await listJobs(this.deps.db, { ids }))) {
      if ((job.state !== 'done' && job.state !== 'failed') || !job.targets.every((t) => isTerminal(t.facts.state))) continue;
      const id = Number(job.row.id);
      const at = this.deps.clock.now().toISOString();
      const detail = { state: job.state, succeeded: job.targets.filter((t) => t.facts.state === 'succeeded').length, failed: job.targets.filter((t) => t.facts.state === 'failed').length };
      await inTransaction(this.deps, async (trx) => {
        await insertJobEvent(trx, { job_id: id, kind: 'finished', at, user_id: null, approval_id: null, detail: JSON.stringify(detail) });
        await appendAudit(trx, { at, userId: null, action: 'control-job.finish', entity: 'control_job', entityId: id, after: detail });
      });
      finished.push(id);
    }
    return finished;
  }
}
