/**
 * The state of a control job and of each of its meters (issue 5 item 6), derived from the append-only rows of
 * migration 0100: a job's events (submitted, started, finished, cancelled) and each target's attempts (ok, error
 * with the next retry time or none, cancelled, requeued). Pure: the services load the rows and ask here.
 *
 * Retry queue: a failed send is tried again after 1, 5, 15 and 60 minutes; the fifth failure in a round gives up
 * (the target is 'failed'). A person's retry ('requeued') starts a new round of five.
 */
import type { ControlJobState, ControlTargetState } from '../../../shared/vocabulary';

export const RETRY_DELAYS_MINUTES = [1, 5, 15, 60] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * Failures that no retry can mend: the protocol or map cannot do it, the meter is on no bus. They give up at once.
 * Everything else (timeouts, CRC, exception replies, a relay that did not confirm) goes to the retry queue.
 */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set(['unsupported', 'no-bus']);

export interface AttemptFact {
  readonly attempt: number;
  readonly at: string;
  readonly outcome: 'ok' | 'error' | 'cancelled' | 'requeued';
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly nextAttemptAt: string | null;
}

export interface TargetFacts {
  readonly state: ControlTargetState;
  /** Sends so far (ok and error rows). */
  readonly attempts: number;
  /** Failures since the last requeue: the round's count toward MAX_ATTEMPTS. */
  readonly roundErrors: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: { readonly code: string; readonly message: string; readonly at: string } | null;
  readonly doneAt: string | null;
}

/** A target's facts from its attempts in insertion order. */
export function targetFacts(attempts: readonly AttemptFact[]): TargetFacts {
  const sends = attempts.filter((a) => a.outcome === 'ok' || a.outcome === 'error');
  const lastRequeue = attempts.map((a) => a.outcome).lastIndexOf('requeued');
  const roundErrors = attempts.slice(lastRequeue + 1).filter((a) => a.outcome === 'error').length;
  const errors = attempts.filter((a) => a.outcome === 'error');
  const e = errors[errors.length - 1];
  const lastError = e ? { code: e.errorCode ?? 'internal', message: e.errorMessage ?? '', at: e.at } : null;
  const base = { attempts: sends.length, roundErrors, lastError };
  const last = attempts[attempts.length - 1];
  if (!last) return { ...base, state: 'pending', nextAttemptAt: null, doneAt: null };
  switch (last.outcome) {
    case 'ok': return { ...base, state: 'succeeded', nextAttemptAt: null, doneAt: last.at };
    case 'cancelled': return { ...base, state: 'cancelled', nextAttemptAt: null, doneAt: last.at };
    case 'requeued': return { ...base, state: 'retrying', nextAttemptAt: last.nextAttemptAt ?? last.at, doneAt: null };
    case 'error': return last.nextAttemptAt === null
      ? { ...base, state: 'failed', nextAttemptAt: null, doneAt: last.at }
      : { ...base, state: 'retrying', nextAttemptAt: last.nextAttemptAt, doneAt: null };
  }
}

export const isTerminal = (state: ControlTargetState): boolean => state === 'succeeded' || state === 'failed' || state === 'cancelled';

/**
 * When a target that just failed for the `roundErrors`-th time in its round is tried again; null = give up
 * (the fifth failure, or an error no retry can mend).
 */
export function nextRetryAt(roundErrors: number, errorCode: string, now: Date): string | null {
  if (PERMANENT_ERRORS.has(errorCode) || roundErrors >= MAX_ATTEMPTS) return null;
  const minutes = RETRY_DELAYS_MINUTES[Math.max(0, roundErrors - 1)] ?? 60;
  return new Date(now.getTime() + minutes * 60_000).toISOString();
}

export interface JobEventFact { readonly kind: 'submitted' | 'cancelled' | 'started' | 'finished'; readonly at: string }

/** A job's state from its events and its targets' states. */
export function jobState(events: readonly JobEventFact[], targets: readonly TargetFacts[]): ControlJobState {
  if (events.some((e) => e.kind === 'cancelled')) return 'cancelled';
  if (!events.some((e) => e.kind === 'submitted')) return 'draft';
  if (targets.length > 0 && targets.every((t) => isTerminal(t.state))) return targets.every((t) => t.state === 'succeeded') ? 'done' : 'failed';
  return targets.some((t) => t.attempts > 0 || t.state !== 'pending') ? 'running' : 'scheduled';
}

/** When a submitted job may run: its effective time, or its submission when it has none. */
export function runnableFrom(effectiveAt: string | null, events: readonly JobEventFact[]): string | null {
  const submitted = events.find((e) => e.kind === 'submitted');
  if (!submitted) return null;
  return effectiveAt ?? submitted.at;
}

/** Whether a target is due now: its job may run, and it is pending or its retry time has come. */
export function targetDue(job: ControlJobState, runnable: string | null, target: TargetFacts, now: Date): boolean {
  if ((job !== 'scheduled' && job !== 'running') || runnable === null || Date.parse(runnable) > now.getTime()) return false;
  if (target.state === 'pending') return true;
  return target.state === 'retrying' && target.nextAttemptAt !== null && Date.parse(target.nextAttemptAt) <= now.getTime();
}
