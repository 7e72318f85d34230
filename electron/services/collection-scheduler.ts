/**
 * The unified reading schedule: every meter at 00:00 Beijing time, and the networked (remotely credited)
 * meters every N minutes in between (N from the collection settings, default 15). A scheduled sweep with
 * failed meters is followed, `rereadAfterMinutes` later, by a re-read sweep of just those meters. Time comes
 * from an injected clock and the waiting from an injected timer, so a test fires 00:00 without waiting.
 */
import { DomainError } from '../domain/errors';
import type { Clock } from '../domain/time/business-time';
import type { CollectionService, SweepOutcome } from './collection-service';

export interface Timer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const SYSTEM_TIMER: Timer = {
  set: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export interface Slot {
  readonly at: Date;
  /** The 00:00 Beijing sweep of every meter (else the interval sweep of the networked ones). */
  readonly daily: boolean;
}

/** The first slot strictly after `now`: the next multiple of the interval from Beijing midnight, or the next midnight. */
export function nextSlot(now: Date, intervalMinutes: number): Slot {
  const t = now.getTime();
  const dayStart = Math.floor((t + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
  const nextMidnight = dayStart + DAY_MS;
  const step = Math.max(1, Math.round(intervalMinutes)) * 60_000;
  const nextInterval = dayStart + (Math.floor((t - dayStart) / step) + 1) * step;
  return nextInterval >= nextMidnight ? { at: new Date(nextMidnight), daily: true } : { at: new Date(nextInterval), daily: false };
}

export interface SchedulerOptions {
  readonly clock: Clock;
  readonly collection: Pick<CollectionService, 'run' | 'settings'>;
  readonly timer?: Timer;
  readonly log?: (message: string, detail?: unknown) => void;
  /** Told of every scheduled or re-read sweep as it ends (the headless `halldesk collect` prints them). */
  readonly onSweep?: (outcome: SweepOutcome) => void;
}

export class CollectionScheduler {
  private readonly timer: Timer;
  private handle: unknown = null;
  private readonly rereads = new Set<unknown>();
  private last: Date | null = null;
  private work: Promise<void> = Promise.resolve();
  private started = false;

  constructor(private readonly options: SchedulerOptions) {
    this.timer = options.timer ?? SYSTEM_TIMER;
  }

  get isStarted(): boolean {
    return this.started;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.track(this.arm());
  }

  stop(): void {
    this.started = false;
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = null;
    for (const handle of this.rereads) this.timer.clear(handle);
    this.rereads.clear();
  }

  /** Resolves when the sweeps and re-arming started so far are done (tests, shutdown). */
  whenIdle(): Promise<void> {
    return settled(() => this.work);
  }

  private track(promise: Promise<void>): void {
    const previous = this.work;
    const settled = promise.catch((error: unknown) => { this.options.log?.('collection: scheduling failed', error); });
    this.work = Promise.all([previous, settled]).then(() => undefined);
  }

  private async arm(): Promise<void> {
    if (!this.started) return;
    const { intervalMinutes } = await this.options.collection.settings();
    const now = this.options.clock.now();
    // A timer that fires a little early must not run the same slot twice.
    const from = this.last && this.last.getTime() > now.getTime() ? this.last : now;
    const slot = nextSlot(from, intervalMinutes);
    if (!this.started) return;
    this.handle = this.timer.set(() => { this.handle = null; this.track(this.fire(slot)); }, Math.max(0, slot.at.getTime() - now.getTime()));
  }

  private async fire(slot: Slot): Promise<void> {
    this.last = slot.at;
    try {
      const outcome = await this.options.collection.run({ kind: 'scheduled', scheduledFor: slot.at, networkedOnly: !slot.daily });
      this.options.onSweep?.(outcome);
      await this.scheduleReread(outcome);
    } catch (error) {
      this.skip(error, slot.at);
    }
    await this.arm();
  }

  private async scheduleReread(outcome: SweepOutcome): Promise<void> {
    const { rereadAfterMinutes } = await this.options.collection.settings();
    if (outcome.failedMeterIds.length === 0 || rereadAfterMinutes <= 0 || !this.started) return;
    const meterIds = [...outcome.failedMeterIds];
    const handle = this.timer.set(() => {
      this.rereads.delete(handle);
      this.track(this.options.collection.run({ kind: 'reread', meterIds, scheduledFor: new Date(outcome.scheduledFor ?? outcome.startedAt) })
        .then((reread) => { this.options.onSweep?.(reread); }, (error: unknown) => { this.skip(error, null); }));
    }, rereadAfterMinutes * 60_000);
    this.rereads.add(handle);
  }

  private skip(error: unknown, slot: Date | null): void {
    const expected = error instanceof DomainError && ['nothing-to-read', 'sweep-running', 'sweep-running-elsewhere'].includes(error.code);
    this.options.log?.(expected ? `collection: slot ${slot?.toISOString() ?? 're-read'} skipped: ${(error as DomainError).code}` : 'collection: sweep failed', expected ? undefined : error);
  }
}

/** Awaits the chain `current()` answers until no work was added meanwhile (work started while waiting counts too). */
export async function settled(current: () => Promise<void>): Promise<void> {
  let seen: Promise<void>;
  do {
    seen = current();
    await seen;
  } while (seen !== current());
}
