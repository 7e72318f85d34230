/**
 * Progress of the running exports (issue 7 item 7), read by reports.exportProgress: an export is one call that
 * answers the whole file, so the screen names it with a jobId and asks here how far it has got, the way
 * backups.progress serves the backup's bar. Steps are what the report itself reports (a year's months, the
 * payment record's chunks); a finished job is remembered a minute so the last poll still sees it done.
 */
import type { Clock } from '../domain/time/business-time';
import type { ExportProgressView } from '../../shared/contract/report-views';

const KEEP_FINISHED_MS = 60_000;
/** Bounded: a misbehaving screen cannot grow the map without end. */
const MAX_JOBS = 200;

interface Job { view: ExportProgressView; finishedAt: number | null }

const UNKNOWN: ExportProgressView = { state: 'unknown', done: 0, total: 0, fraction: 0 };

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly clock: Clock) {}

  /** Runs `work` as the job `jobId` (none: untracked), handing it the step listener. */
  async track<T>(jobId: string | undefined, work: (progress?: (done: number, total: number) => void) => Promise<T>): Promise<T> {
    if (!jobId) return work();
    this.prune();
    this.jobs.set(jobId, { view: { state: 'running', done: 0, total: 0, fraction: 0 }, finishedAt: null });
    const step = (done: number, total: number) => {
      const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
      this.jobs.set(jobId, { view: { state: 'running', done, total, fraction }, finishedAt: null });
    };
    try {
      const value = await work(step);
      this.finish(jobId, 'done');
      return value;
    } catch (error) {
      this.finish(jobId, 'failed');
      throw error;
    }
  }

  view(jobId: string): ExportProgressView {
    return this.jobs.get(jobId)?.view ?? UNKNOWN;
  }

  private finish(jobId: string, state: 'done' | 'failed'): void {
    const last = this.jobs.get(jobId)?.view ?? UNKNOWN;
    this.jobs.set(jobId, { view: { ...last, state, fraction: state === 'done' ? 1 : last.fraction }, finishedAt: this.clock.now().getTime() });
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
    while (this.jobs.size >= MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value as string);
  }
}
