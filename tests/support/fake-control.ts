/** An in-memory AutomaticControl (electron/services/control-port.ts) for balance tests: records what is raised. */
import type { AutomaticControl, AutomaticJob } from '../../electron/services/control-port';
import type { Db } from '../../electron/db/repositories/db';
import type { ControlJobView } from '../../shared/contract/control-views';
import type { ControlAction } from '../../shared/vocabulary';

export interface FakeJob {
  readonly id: number;
  readonly meterId: number;
  readonly action: 'relay_trip' | 'relay_close';
  readonly effectiveAt: string;
  readonly reason: string;
  state: 'scheduled' | 'cancelled' | 'succeeded';
}

export class FakeControl implements AutomaticControl {
  readonly jobs: FakeJob[] = [];

  async raise(_db: Db, job: AutomaticJob): Promise<number> {
    const id = this.jobs.length + 1;
    this.jobs.push({ id, meterId: job.meterId, action: job.command.action as FakeJob['action'], effectiveAt: job.effectiveAt.toISOString(), reason: job.reason, state: 'scheduled' });
    return id;
  }

  async cancelPending(_db: Db, meterId: number, action: ControlAction): Promise<number> {
    const pending = this.jobs.filter((j) => j.meterId === meterId && j.action === action && j.state === 'scheduled');
    for (const job of pending) job.state = 'cancelled';
    return pending.length;
  }

  async pendingOf(_db: Db, meterId: number): Promise<ControlJobView | null> {
    const job = this.jobs.filter((j) => j.meterId === meterId && j.state === 'scheduled').at(-1);
    if (!job) return null;
    return {
      id: job.id, action: job.action, command: { action: job.action }, selection: null, reason: job.reason, state: 'scheduled', automatic: true,
      requestedBy: null, requestedByName: null, approvalId: null, approvedBy: null, approvedByName: null, createdAt: job.effectiveAt,
      effectiveAt: job.effectiveAt, submittedAt: job.effectiveAt, finishedAt: null, counts: { total: 1, succeeded: 0, failed: 0, pending: 1, cancelled: 0 },
    };
  }

  async lastRelayAction(_db: Db, meterId: number): Promise<'relay_trip' | 'relay_close' | null> {
    return this.jobs.filter((j) => j.meterId === meterId && j.state === 'succeeded').at(-1)?.action ?? null;
  }

  /** The job ran on the meter. */
  succeed(id: number): void {
    const job = this.jobs.find((j) => j.id === id);
    if (!job) throw new Error(`no fake job ${id}`);
    job.state = 'succeeded';
  }

  of(meterId: number): FakeJob[] {
    return this.jobs.filter((j) => j.meterId === meterId);
  }
}
