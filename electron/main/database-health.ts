/**
 * Whether this backend can reach its database now (issue 8 item 3, "no offline sales on a shared database").
 *
 * On PostgreSQL a background probe runs a cheap `select 1` every few seconds and notices both the loss and
 * the return of the server; the dispatcher also reports every call that failed for want of the server, so
 * the counter's banner appears at the first refused sale, not only at the next probe. Nothing here
 * reconnects: pg's pool drops broken connections and opens a new one on the next query, so recovery needs
 * no action, only noticing. The embedded SQLite file is always reachable.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database-handle';
import { connectionLossReason, serverTarget } from '../db/connection-loss';
import type { ServerTarget } from '../db/connection-loss';
import type { Clock } from '../domain/time/business-time';
import { SYSTEM_TIMER } from '../services/collection-scheduler';
import type { Timer } from '../services/collection-scheduler';
import type { DatabaseStatusView } from '../../shared/contract/system-views';

export interface ProbeOptions {
  /** Tests substitute one; the default does not keep the process alive. */
  readonly timer?: Timer;
  /** Between two probes; the counter polls the status every 3 s, so a loss shows within ~6 s. */
  readonly intervalMs?: number;
  /** A probe that has not answered by then counts as unreachable (a server that hangs is as bad as none). */
  readonly timeoutMs?: number;
}

export const PROBE_INTERVAL_MS = 3000;
export const PROBE_TIMEOUT_MS = 5000;

type Place = Pick<DatabaseHandle, 'db' | 'dialect' | 'location'>;

export class DatabaseHealth {
  private reachable = true;
  private since: Date;
  private checkedAt: Date | null = null;
  private reason: string | null = null;
  private readonly target: ServerTarget | null;
  private timer: Timer = SYSTEM_TIMER;
  private handle: unknown = null;
  private running = false;
  private inFlight: Promise<boolean> | null = null;
  private timeoutMs = PROBE_TIMEOUT_MS;

  constructor(private readonly place: Place, private readonly clock: Clock, private readonly notice: (message: string) => void = (m) => console.warn(`[halldesk] ${m}`)) {
    this.since = clock.now();
    this.target = place.dialect === 'postgres' ? serverTarget(place.location) : null;
  }

  status(): DatabaseStatusView {
    return {
      kind: this.place.dialect, location: this.place.location, reachable: this.reachable, since: this.since.toISOString(),
      checkedAt: this.checkedAt?.toISOString() ?? null, reason: this.reason,
    };
  }

  /** The reason when `error` means the server cannot be reached (and the status now says so), else null. */
  noteFailure(error: unknown): string | null {
    if (!this.target) return null;
    const reason = connectionLossReason(error, this.target);
    if (reason) this.set(false, reason);
    return reason;
  }

  /**
   * Did `error` come from the server being away? Known shapes answer at once; any other error on PostgreSQL
   * (a socket reset that names no address, say) is settled by asking the server itself. On the embedded
   * file, never.
   */
  async explainFailure(error: unknown): Promise<boolean> {
    if (!this.target) return false;
    if (this.noteFailure(error)) return true;
    return !(await this.probe());
  }

  /** One `select 1` now (joined with one already running); true when the server answered. */
  probe(): Promise<boolean> {
    if (this.place.dialect !== 'postgres') return Promise.resolve(true);
    this.inFlight ??= this.runProbe().finally(() => { this.inFlight = null; });
    return this.inFlight;
  }

  /** Starts the background probe on PostgreSQL (nothing to watch on the embedded file). */
  start(options: ProbeOptions = {}): void {
    if (this.place.dialect !== 'postgres' || this.running) return;
    this.timer = options.timer ?? SYSTEM_TIMER;
    this.timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
    const interval = options.intervalMs ?? PROBE_INTERVAL_MS;
    this.running = true;
    const tick = () => {
      void this.probe().finally(() => {
        if (this.running) this.handle = this.timer.set(tick, interval);
      });
    };
    this.handle = this.timer.set(tick, interval);
  }

  /** Stops the probe and waits for one in flight, so the pool can be closed under it. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = null;
    await this.inFlight?.catch(() => undefined);
  }

  private async runProbe(): Promise<boolean> {
    try {
      await this.withTimeout(sql`select 1`.execute(this.place.db));
      this.set(true, null);
      return true;
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const reason = (this.target && connectionLossReason(error, this.target)) ?? (error instanceof ProbeTimeout ? 'timeout' : typeof code === 'string' ? code : 'probe-failed');
      this.set(false, reason);
      return false;
    } finally {
      this.checkedAt = this.clock.now();
    }
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let handle: unknown = null;
    const timeout = new Promise<never>((_resolve, reject) => { handle = this.timer.set(() => reject(new ProbeTimeout()), this.timeoutMs); });
    return Promise.race([work, timeout]).finally(() => this.timer.clear(handle));
  }

  private set(reachable: boolean, reason: string | null): void {
    this.reason = reason;
    if (reachable === this.reachable) return;
    this.reachable = reachable;
    this.since = this.clock.now();
    this.notice(reachable
      ? `the database server ${this.place.location} is reachable again`
      : `the database server ${this.place.location} cannot be reached (${reason ?? 'unknown'}): sales are refused until it is back`);
  }
}

class ProbeTimeout extends Error {
  override name = 'ProbeTimeout';
}
