import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type { DatabaseConnection, Driver, QueryResult } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/schema';
import type { Timer } from '../services/collection-scheduler';
import { DatabaseHealth } from './database-health';

/** A "server" the test switches off and on: every query fails with `down` while it is off. */
function fakeServer() {
  const state: { down: Error | null; hang: boolean; queries: number } = { down: null, hang: false, queries: 0 };
  const connection: DatabaseConnection = {
    async executeQuery<R>(): Promise<QueryResult<R>> {
      state.queries += 1;
      if (state.hang) return new Promise<never>(() => undefined);
      if (state.down) throw state.down;
      return { rows: [] };
    },
    // eslint-disable-next-line require-yield -- never streamed here
    async *streamQuery() { throw new Error('not streamed'); },
  };
  const driver: Driver = {
    init: async () => undefined, acquireConnection: async () => connection, beginTransaction: async () => undefined,
    commitTransaction: async () => undefined, rollbackTransaction: async () => undefined, releaseConnection: async () => undefined, destroy: async () => undefined,
  };
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(), createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k), createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return { state, db };
}

/** A timer the test fires by hand. */
function manualTimer() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const timer: Timer = {
    set: (fn, ms) => { pending.set(++next, { fn, ms }); return next; },
    clear: (handle) => { pending.delete(handle as number); },
  };
  /** Fires every timer of `ms` now due, then lets the probe's promises settle. */
  const fire = async (ms: number) => {
    for (const [id, entry] of [...pending]) {
      if (entry.ms !== ms) continue;
      pending.delete(id);
      entry.fn();
    }
    for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { timer, fire, pending };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55432'), { code: 'ECONNREFUSED', port: 55432 });

describe('the database health probe', () => {
  it('notices the loss and the return of the server by itself, on its timer', async () => {
    const { state, db } = fakeServer();
    const clock = { at: new Date('2026-06-15T02:00:00Z'), now() { return new Date(this.at); } };
    const notices: string[] = [];
    const health = new DatabaseHealth({ db, dialect: 'postgres', location: 'postgres://h:***@127.0.0.1:55432/hall' }, clock, (m) => notices.push(m));
    const { timer, fire } = manualTimer();
    health.start({ timer, intervalMs: 3000, timeoutMs: 5000 });
    await fire(3000);
    expect(health.status()).toMatchObject({ kind: 'postgres', reachable: true, reason: null, checkedAt: '2026-06-15T02:00:00.000Z' });

    state.down = refused;
    clock.at = new Date('2026-06-15T02:00:03Z');
    await fire(3000);
    expect(health.status()).toMatchObject({ reachable: false, reason: 'ECONNREFUSED', since: '2026-06-15T02:00:03.000Z' });

    state.down = null;
    clock.at = new Date('2026-06-15T02:00:06Z');
    await fire(3000);
    expect(health.status()).toMatchObject({ reachable: true, reason: null, since: '2026-06-15T02:00:06.000Z' });
    expect(notices).toHaveLength(2);
    await health.stop();
  });

  it('a probe that does not answer in time counts as unreachable', async () => {
    const { state, db } = fakeServer();
    const health = new DatabaseHealth({ db, dialect: 'postgres', location: 'postgres://h@db:5432/hall' }, { now: () => new Date() }, () => undefined);
    const { timer, fire } = manualTimer();
    health.start({ timer, intervalMs: 3000, timeoutMs: 5000 });
    state.hang = true; // a server that accepts the query and never answers
    await fire(3000);
    await fire(5000);
    expect(health.status()).toMatchObject({ reachable: false, reason: 'timeout' });
  });

  it('a failed call tells it at once; on the embedded file nothing is watched', async () => {
    const { db } = fakeServer();
    const health = new DatabaseHealth({ db, dialect: 'postgres', location: 'postgres://h@127.0.0.1:55432/hall' }, { now: () => new Date() }, () => undefined);
    expect(health.noteFailure(new Error('a bug'))).toBeNull();
    expect(health.noteFailure(refused)).toBe('ECONNREFUSED');
    expect(health.status().reachable).toBe(false);
    const file = new DatabaseHealth({ db, dialect: 'sqlite', location: '/data/halldesk.sqlite' }, { now: () => new Date() }, () => undefined);
    expect(file.noteFailure(refused)).toBeNull();
    expect(await file.explainFailure(refused)).toBe(false);
    expect(await file.probe()).toBe(true);
    expect(file.status()).toMatchObject({ kind: 'sqlite', reachable: true, checkedAt: null });
  });
});

describe('an error of a shape it does not know', () => {
  it('is put to the server: unreachable only if the server does not answer', async () => {
    const { state, db } = fakeServer();
    const health = new DatabaseHealth({ db, dialect: 'postgres', location: 'postgres://h@127.0.0.1:55432/hall' }, { now: () => new Date() }, () => undefined);
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
    expect(await health.explainFailure(reset)).toBe(false);
    expect(health.status().reachable).toBe(true);
    state.down = reset;
    expect(await health.explainFailure(reset)).toBe(true);
    expect(health.status()).toMatchObject({ reachable: false, reason: 'ECONNRESET' });
  });
});
