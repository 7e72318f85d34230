/** Pure helpers of the jobs list and a job's detail. */
import type { ControlJobView, ControlTargetView } from '../../../../shared/contract/control-views';
import type { ControlJobState, ControlTargetState } from '../../../../shared/vocabulary';

/** How often a job waiting or running (and the list holding one) is read again. */
export const JOB_POLL_MS = 2000;

/** A job still moving: its targets may change without anyone pressing anything. */
export function isLive(state: ControlJobState): boolean {
  return state === 'scheduled' || state === 'running';
}

/** Cancel applies to a draft, a scheduled job and the undone targets of a running one. */
export function canCancel(job: ControlJobView): boolean {
  return job.state === 'draft' || isLive(job.state);
}

/** The targets given up after the last attempt: what "retry failed" puts back in the queue. */
export function failedTargets(targets: readonly ControlTargetView[]): number[] {
  return targets.filter((target) => target.state === 'failed').map((target) => target.meterId);
}

export const JOB_STATE_COLOR: Record<ControlJobState, string> = {
  draft: 'default', scheduled: 'blue', running: 'processing', done: 'green', failed: 'red', cancelled: 'default',
};

export const TARGET_STATE_COLOR: Record<ControlTargetState, string> = {
  pending: 'blue', retrying: 'orange', succeeded: 'green', failed: 'red', cancelled: 'default',
};
