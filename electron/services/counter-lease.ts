/**
 * The counter lease (issue 8 item 2). Every workstation sells under its counter code: the code prefixes its
 * receipt serials and names the counter its clerks' shifts belong to. On a hall's shared PostgreSQL database two
 * live workstations with one code would interleave one serial sequence and one drawer, so the second is refused
 * at start, naming the code and the host that has it. The lease is the `counters` row of the code: taken by one
 * compare-and-set statement (no read-then-write race between two starting workstations), renewed by a heartbeat,
 * released on close. A workstation that crashed or lost its network leaves a lease that lapses after
 * COUNTER_LEASE_MS and is then taken over.
 *
 * Time is the workstations' clocks (the injected clock, as in process-lease.ts): a hall's machines keep NTP time,
 * and the lease (2 minutes) is four heartbeats long, so skew under a minute can neither refuse a live
 * workstation's renewal nor let a stale one be taken early enough to matter.
 *
 * On SQLite the file belongs to one counter: the row is simply recorded (and refreshed by whoever starts), never
 * refused — a counter program and a headless `halldesk collect` share one data folder by design.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PROCESS_HOLDER } from './process-lease';
import { dialectOf } from '../db/repositories/locks';
import type { ServiceDeps } from './deps';

export const COUNTER_LEASE_MS = 2 * 60_000;
export const COUNTER_HEARTBEAT_MS = 30_000;

/** Refused at start: the translated message is errors.json's 'counter-in-use', this is the log's. */
export class CounterInUseError extends Error {
  readonly code = 'counter-in-use';
  constructor(readonly counter: string, readonly host: string, readonly until: string | null) {
    super(`counter ${counter} is already in use on ${host} (its lease runs until ${until ?? '?'}): ` +
      'give this workstation another counter code (--counter), or stop the other one');
    this.name = 'CounterInUseError';
  }
  get params(): Record<string, string> {
    return { counter: this.counter, host: this.host };
  }
}

export interface CounterLease {
  readonly code: string;
  /** Renews now (the heartbeat calls it); false when another workstation has taken the code over meanwhile. */
  renew(): Promise<boolean>;
  /** Stops the heartbeat and gives the code up, so the next workstation need not wait for it to lapse. */
  release(): Promise<void>;
}

export interface CounterLeaseOptions {
  readonly host?: string;
  readonly holder?: string;
  /** Told when a renewal fails or finds the code taken over (the workstation was asleep past its lease). */
  readonly log?: (error: unknown) => void;
  /** 0: no heartbeat timer (a test renews by hand). */
  readonly heartbeatMs?: number;
}

/** Takes the lease on deps.counterCode, or throws CounterInUseError; starts the heartbeat. */
export async function holdCounter(deps: ServiceDeps, options: CounterLeaseOptions = {}): Promise<CounterLease> {
  // One holder per backend, not per process: two backends of one process (a test's hall) are two workstations.
  const who = { host: options.host ?? hostname(), holder: options.holder ?? `${PROCESS_HOLDER}/${randomUUID().slice(0, 8)}` };
  await takeLease(deps, who);
  const log = options.log ?? (() => undefined);
  const renew = () => renewLease(deps, who.holder);
  const every = options.heartbeatMs ?? COUNTER_HEARTBEAT_MS;
  const timer = every > 0 ? setInterval(() => {
    renew().then((held) => { if (!held) log(new Error(`counter ${deps.counterCode}: the lease was taken over by another workstation`)); }, log);
  }, every) : null;
  timer?.unref();
  return {
    code: deps.counterCode,
    renew,
    async release() {
      if (timer) clearInterval(timer);
      await deps.db.updateTable('counters').set({ lease_until: null, last_seen_at: deps.clock.now().toISOString() })
        .where('code', '=', deps.counterCode).where('holder', '=', who.holder).execute();
    },
  };
}

async function takeLease(deps: ServiceDeps, who: { host: string; holder: string }): Promise<void> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const row = { host: who.host, holder: who.holder, started_at: at, last_seen_at: at, lease_until: new Date(now.getTime() + COUNTER_LEASE_MS).toISOString() };
  // One statement each: two workstations starting at once meet on the unique code, and the loser's UPDATE
  // re-checks the winner's committed row (PostgreSQL re-evaluates the WHERE after waiting for its row lock).
  const inserted = await deps.db.insertInto('counters').values({ code: deps.counterCode, ...row })
    .onConflict((oc) => oc.column('code').doNothing()).returning('id').executeTakeFirst();
  if (inserted) return;
  const update = deps.db.updateTable('counters').set(row).where('code', '=', deps.counterCode);
  const taken = await (dialectOf(deps.db) === 'postgres'
    ? update.where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at), eb('holder', '=', who.holder)]))
    : update).executeTakeFirst();
  if (Number(taken.numUpdatedRows) > 0) return;
  const other = await deps.db.selectFrom('counters').selectAll().where('code', '=', deps.counterCode).executeTakeFirstOrThrow();
  throw new CounterInUseError(deps.counterCode, other.host, other.lease_until);
}

/** On SQLite whoever started last holds the row, and an earlier program on the same file renews it all the same. */
async function renewLease(deps: ServiceDeps, holder: string): Promise<boolean> {
  const now = deps.clock.now();
  const update = deps.db.updateTable('counters')
    .set({ last_seen_at: now.toISOString(), lease_until: new Date(now.getTime() + COUNTER_LEASE_MS).toISOString() })
    .where('code', '=', deps.counterCode);
  const result = await (dialectOf(deps.db) === 'postgres' ? update.where('holder', '=', holder) : update).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
