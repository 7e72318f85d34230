/**
 * The daily backup at the configured Beijing time (default 02:00). Time from an injected clock, waiting from an
 * injected Timer (collection-scheduler.ts), so a test fires 02:00 without waiting. Changing the time re-arms.
 */
import type { Clock } from '../domain/time/business-time';
import { settled, SYSTEM_TIMER } from './collection-scheduler';
import type { Timer } from './collection-scheduler';
import type { BackupSettingsView } from '../../shared/contract/backup-views';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The first HH:MM Beijing strictly after `now`. */
export function nextDailyAt(now: Date, dailyTime: string): Date {
  const [hours, minutes] = dailyTime.split(':').map(Number) as [number, number];
  const t = now.getTime();
  const dayStart = Math.floor((t + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
  const today = dayStart + (hours * 60 + minutes) * 60_000;
  return new Date(today > t ? today : today + DAY_MS);
}

export interface BackupSchedulerOptions {
  readonly clock: Clock;
  readonly timer?: Timer | undefined;
  readonly settings: () => Promise<BackupSettingsView>;
  readonly run: () => Promise<unknown>;
  readonly log: (message: string, detail?: unknown) => void;
}

export class BackupScheduler {
  private readonly timer: Timer;
  private handle: unknown = null;
  private started = false;
  private last: Date | null = null;
  private work: Promise<void> = Promise.resolve();

  constructor(private readonly options: BackupSchedulerOptions) {
    this.timer = options.timer ?? SYSTEM_TIMER;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.rearm();
  }

  stop(): void {
    this.started = false;
    this.clear();
  }

  /** Arms (again) for the next daily time, e.g. after the settings changed. */
  rearm(): void {
    if (!this.started) return;
    this.clear();
    this.track(this.arm());
  }

  whenIdle(): Promise<void> {
    return settled(() => this.work);
  }

  private clear(): void {
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = null;
  }

  private track(promise: Promise<void>): void {
    const settled = promise.catch((error: unknown) => this.options.log('backup: scheduling failed', error));
    this.work = Promise.all([this.work, settled]).then(() => undefined);
  }

  private async arm(): Promise<void> {
    const { dailyTime } = await this.options.settings();
    const now = this.options.clock.now();
    // A timer firing a little early must not run the same day twice.
    const from = this.last && this.last.getTime() > now.getTime() ? this.last : now;
    const at = nextDailyAt(from, dailyTime);
    if (!this.started) return;
    this.clear();
    this.handle = this.timer.set(() => { this.handle = null; this.track(this.fire(at)); }, Math.max(0, at.getTime() - now.getTime()));
  }

  private async fire(at: Date): Promise<void> {
    this.last = at;
    try {
      await this.options.run();
    } catch (error) {
      this.options.log('backup: the daily backup failed', error);
    }
    if (this.started) await this.arm();
  }
}
