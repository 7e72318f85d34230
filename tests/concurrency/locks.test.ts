/**
 * The lock helpers (electron/db/repositories/locks.ts) and the transaction retry (services/deps.ts), on both
 * databases: the dialect is told from Kysely's adapter — a Kysely upgrade that changes the adapters must fail
 * here, not silently drop every lock — SQLite's locks are no-ops, and PostgreSQL's really make a second
 * transaction wait.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from '../../electron/db/schema';
import { openSqlite } from '../../electron/db/open-sqlite';
import { openPostgres } from '../../electron/db/open-postgres';
import { migrate } from '../../electron/db/migrate';
import { advisoryKey, advisoryXactLock, dialectOf, lockRowsForUpdate, UnknownDialectError } from '../../electron/db/repositories/locks';
import { inTransaction, isRetryableConflict, TRANSACTION_RETRIES } from '../../electron/services/deps';
import type { ServiceDeps } from '../../electron/services/deps';
import { freshPgDatabase } from '../support/pg';
import type { TestPgDatabase } from '../support/pg';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function sqliteDb(): Promise<Kysely<Database>> {
  const dir = await mkdtemp(join(tmpdir(), 'halldesk-locks-'));
  const handle = openSqlite(join(dir, 'hall.sqlite'));
  cleanups.push(async () => { await handle.close(); await rm(dir, { recursive: true, force: true }); });
  await migrate(handle.db, 'sqlite', () => new Date('2026-01-01T00:00:00Z'));
  return handle.db;
}

async function pgDb(): Promise<{ db: Kysely<Database>; pgDatabase: TestPgDatabase }> {
  const pgDatabase = await freshPgDatabase();
  const handle = openPostgres(pgDatabase.url);
  cleanups.push(async () => { await handle.close(); await pgDatabase.drop(); });
  return { db: handle.db, pgDatabase };
}

describe('dialectOf', () => {
  it('tells SQLite and PostgreSQL apart, on the database and inside a transaction', async () => {
    const lite = await sqliteDb();
    expect(dialectOf(lite)).toBe('sqlite');
    expect(await lite.transaction().execute(async (trx) => dialectOf(trx))).toBe('sqlite');
    // No server is needed to know the dialect: nothing connects until a query runs.
    const offline = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' }) }) });
    expect(dialectOf(offline)).toBe('postgres');
    await offline.destroy();
  });

  it('refuses an adapter it does not know, loudly', () => {
    const strange = { getExecutor: () => ({ adapter: new (class MysteryAdapter {})() }) } as unknown as Kysely<Database>;
    expect(() => dialectOf(strange)).toThrow(UnknownDialectError);
    expect(() => dialectOf(strange)).toThrow(/MysteryAdapter/);
  });
});

describe('advisory keys', () => {
  it('are the same 64-bit key for the same name in every process, and differ between names', () => {
    expect(advisoryKey('audit-chain')).toBe(advisoryKey('audit-chain'));
    expect(advisoryKey('audit-chain')).not.toBe(advisoryKey('idempotency:sale:k1'));
    const key = BigInt(advisoryKey('audit-chain'));
    expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
  });
});

describe('on SQLite the locks are no-ops', () => {
  it('runs no statement and never fails', async () => {
    const db = await sqliteDb();
    await db.transaction().execute(async (trx) => {
      await lockRowsForUpdate(trx, 'accounts', [1, 2, 3]);
      await advisoryXactLock(trx, 'anything');
    });
  });
});

describe('on PostgreSQL the locks make a second transaction wait', () => {
  /** Runs `first` holding its lock for 300 ms, `second` meanwhile; answers how long the second waited. */
  async function secondWaits(db: Kysely<Database>, lock: (trx: Kysely<Database>) => Promise<void>): Promise<number> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const first = db.transaction().execute(async (trx) => {
      await lock(trx);
      release();
      await sql`select pg_sleep(0.3)`.execute(trx);
    });
    await held;
    const started = Date.now();
    await db.transaction().execute(lock);
    const waited = Date.now() - started;
    await first;
    return waited;
  }

  it('an advisory lock on one name, and row locks on overlapping ids', async () => {
    const { db } = await pgDb();
    expect(await secondWaits(db, (trx) => advisoryXactLock(trx, 'audit-chain'))).toBeGreaterThanOrEqual(200);
    const rows = [1, 2, 3].map((i) => ({ code: `T0${i}`, host: 'h', holder: 'x', started_at: '2026-01-01', last_seen_at: '2026-01-01', lease_until: null }));
    const ids = (await db.insertInto('counters').values(rows).returning('id').execute()).map((r) => Number(r.id));
    expect(await secondWaits(db, (trx) => lockRowsForUpdate(trx, 'counters', [ids[2]!, ids[0]!]))).toBeGreaterThanOrEqual(200);
    // Other names and other rows do not wait.
    expect(await secondWaits(db, async (trx) => { await advisoryXactLock(trx, `free-${Math.random()}`); })).toBeLessThan(200);
  });
});

describe('inTransaction retries deadlocks and serialization failures only', () => {
  function fakeDeps(failures: readonly (string | null)[]): { deps: ServiceDeps; attempts: () => number } {
    let attempts = 0;
    const db = {
      transaction: () => ({
        execute: async <T>(work: (trx: unknown) => Promise<T>): Promise<T> => {
          const code = failures[attempts++];
          if (code) throw Object.assign(new Error(`sqlstate ${code}`), { code });
          return work({});
        },
      }),
    };
    return { deps: { db: db as unknown as ServiceDeps['db'], clock: { now: () => new Date() }, counterCode: 'A01' }, attempts: () => attempts };
  }

  it('re-runs after 40P01 and 40001, at most TRANSACTION_RETRIES times', async () => {
    const ok = fakeDeps(['40P01', '40001', null]);
    expect(await inTransaction(ok.deps, async () => 'done')).toBe('done');
    expect(ok.attempts()).toBe(3);
    const never = fakeDeps(Array.from({ length: 10 }, () => '40P01'));
    await expect(inTransaction(never.deps, async () => 'done')).rejects.toThrow(/40P01/);
    expect(never.attempts()).toBe(TRANSACTION_RETRIES + 1);
  });

  it('does not retry anything else: a unique violation, a lock timeout, a refusal', async () => {
    for (const code of ['23505', '55P03', 'ECONNREFUSED']) {
      const once = fakeDeps([code, null]);
      await expect(inTransaction(once.deps, async () => 'done')).rejects.toThrow(code);
      expect(once.attempts()).toBe(1);
    }
    expect(isRetryableConflict(new Error('plain'))).toBe(false);
    expect(isRetryableConflict(null)).toBe(false);
  });

  it('a real deadlock between two counters is broken by the server and retried to success', async () => {
    const { db } = await pgDb();
    await sql`create table pair (id int primary key, n int not null)`.execute(db);
    await sql`insert into pair values (1, 0), (2, 0)`.execute(db);
    const deps: ServiceDeps = { db, clock: { now: () => new Date() }, counterCode: 'A01' };
    // Opposite lock orders with a pause in between: one of the two is chosen as the deadlock victim and re-run.
    const crosswise = (a: number, b: number) => inTransaction(deps, async (trx) => {
      await sql`update pair set n = n + 1 where id = ${a}`.execute(trx);
      await sql`select pg_sleep(0.2)`.execute(trx);
      await sql`update pair set n = n + 1 where id = ${b}`.execute(trx);
    });
    await Promise.all([crosswise(1, 2), crosswise(2, 1)]);
    const rows = await sql<{ id: number; n: number }>`select id, n from pair order by id`.execute(db);
    expect(rows.rows.map((r) => Number(r.n))).toEqual([2, 2]);
  });
});
