/**
 * The counter lease (services/counter-lease.ts, issue 8 item 2): on a shared PostgreSQL database a second live
 * workstation with the same counter code is refused at start, naming the code and the other host; a lease left
 * by a crash lapses and is taken over; a heartbeat renews it; close releases it. On SQLite the counters table is
 * simply the file's one counter, never a refusal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import { CounterInUseError, COUNTER_LEASE_MS, holdCounter } from '../../electron/services/counter-lease';
import { firstBrokenLink } from '../../electron/db/verify-audit-chain';
import { freshPgDatabase } from '../support/pg';
import type { TestPgDatabase } from '../support/pg';
import { expectedMessage, FakeClock } from '../support/backend';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => undefined);
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'halldesk-counter-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function server(): Promise<TestPgDatabase> {
  const db = await freshPgDatabase();
  cleanups.push(() => db.drop());
  return db;
}

async function workstation(database: string | undefined, clock: FakeClock, code: string, dataDir?: string): Promise<Backend> {
  const backend = await createBackend({ dataDir: dataDir ?? await folder(), ...(database ? { database } : {}), clock, counterCode: code, holdsCounter: true, log: () => undefined });
  cleanups.push(() => backend.close());
  return backend;
}

const leaseOf = (backend: Backend, code: string) =>
  backend.database.db.selectFrom('counters').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

describe('the counter lease on PostgreSQL', () => {
  it('refuses a second live workstation with the same code, naming the code and the other host', async () => {
    const pg = await server();
    const clock = new FakeClock();
    const first = await workstation(pg.url, clock, 'C01');
    const second = workstation(pg.url, clock, 'C01');
    await expect(second).rejects.toBeInstanceOf(CounterInUseError);
    await expect(second).rejects.toThrow(new RegExp(`counter C01 is already in use on ${hostname()}`));
    const error = await second.then(() => { throw new Error('the second C01 started'); }, (e: unknown) => e as CounterInUseError);
    expect(expectedMessage(error.code, error.params)).toBe(`收费台编号 C01 已在 ${hostname()} 上使用：请为本工作站设置其他收费台编号`);
    expect(expectedMessage(error.code, error.params, 'en')).toMatch(/^Counter C01 is already in use on /);
    // Another code is another counter.
    await workstation(pg.url, clock, 'C02');
    expect((await leaseOf(first, 'C01')).lease_until).not.toBeNull();
  });

  it('takes over a lease left stale by a crash, and the old holder can no longer renew or release it', async () => {
    const pg = await server();
    const clock = new FakeClock();
    const first = await workstation(pg.url, clock, 'C01');
    const crashed = await leaseOf(first, 'C01');
    clock.advance(COUNTER_LEASE_MS + 1000);
    const second = await workstation(pg.url, clock, 'C01');
    const taken = await leaseOf(second, 'C01');
    expect(taken.holder).not.toBe(crashed.holder);
    await first.close(); // its release touches only its own lease
    expect((await leaseOf(second, 'C01')).lease_until).toBe(taken.lease_until);
  });

  it('a heartbeat renews the lease; close releases it so the next workstation need not wait', async () => {
    const pg = await server();
    const clock = new FakeClock();
    const first = await workstation(pg.url, clock, 'C01');
    const lease = await holdCounter({ db: first.database.db, clock, counterCode: 'C07' }, { host: 'desk-7', heartbeatMs: 0 });
    const before = await leaseOf(first, 'C07');
    clock.advance(60_000);
    expect(await lease.renew()).toBe(true);
    const after = await leaseOf(first, 'C07');
    expect(Date.parse(after.lease_until!) - Date.parse(before.lease_until!)).toBe(60_000);
    // Another workstation within the lease is refused, naming desk-7; after release it starts at once.
    await expect(holdCounter({ db: first.database.db, clock, counterCode: 'C07' }, { host: 'desk-8', heartbeatMs: 0 })).rejects.toThrow(/C07 is already in use on desk-7/);
    await lease.release();
    expect((await leaseOf(first, 'C07')).lease_until).toBeNull();
    const next = await holdCounter({ db: first.database.db, clock, counterCode: 'C07' }, { host: 'desk-8', heartbeatMs: 0 });
    expect((await leaseOf(first, 'C07')).host).toBe('desk-8');
    expect(await lease.renew()).toBe(false); // taken over: the old holder's heartbeat says so
    await next.release();
  });
});

describe('counters starting at once on a new hall server', () => {
  it('all start: the calendar and slip key are seeded once, one admin password is made, the audit chain holds', async () => {
    const pg = await server();
    const clock = new FakeClock();
    const backends = await Promise.all(['C01', 'C02', 'C03'].map((code) => workstation(pg.url, clock, code)));
    expect(backends.filter((b) => b.firstAdminPassword !== null)).toHaveLength(1);
    const db = backends[0]!.database.db;
    expect((await db.selectFrom('users').select('username').execute()).map((u) => u.username)).toEqual(['admin']);
    expect(await firstBrokenLink(db)).toBeNull();
  });
});

describe('the counters table on SQLite', () => {
  it('is the file\'s one counter: a second program on the same data folder is never refused', async () => {
    const clock = new FakeClock();
    const dataDir = await folder();
    const first = await workstation(undefined, clock, 'A01', dataDir);
    await workstation(undefined, clock, 'A01', dataDir);
    const rows = await first.database.db.selectFrom('counters').selectAll().execute();
    expect(rows.map((r) => r.code)).toEqual(['A01']);
  });
});
