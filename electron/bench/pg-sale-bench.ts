/**
 * The PostgreSQL benchmarks (issue 8 item 6), on a database of their own (pg-bench-db.ts):
 *
 * - `pg_sale_commit_p95_ms`: four counters, each a separate process with its own backend, counter code
 *   (A01..A04) and clerk shift, sell together to one hall — drawing from one pool of meters, so they meet on
 *   the same accounts as real counters do — and the p95 of `sales.sell` over all their sales is reported, with
 *   the throughput, every refusal by code, and `db verify` of the books afterwards (a duplicate serial or a
 *   lost update would show there).
 * - `pg_vs_sqlite_sale_ratio`: one counter's sale loop on PostgreSQL and on SQLite, the same hall seeded on
 *   each; the ratio of the medians, PostgreSQL over SQLite.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../main/composition';
import type { Backend } from '../main/composition';
import { seedDemoHall } from '../demo/seed';
import { verifyBooks } from '../db/verify';
import { redactUrl } from '../db/open-postgres';
import { percentile, round2, timeEach } from './stats';
import { benchServerUrl, createBenchDatabase } from './pg-bench-db';
import type { CounterJob, CounterResult } from './pg-counter-child';

export interface PgBenchOptions {
  /** The server to create the benchmark's database on (see pg-bench-db.ts); undefined: the default. */
  readonly serverUrl?: string;
  readonly counters?: number;
  readonly salesPerCounter?: number;
  readonly singleSales?: number;
  readonly customers?: number;
  readonly log: (line: string) => void;
}

const CLERK_PASSWORD = 'Bench-counter-2026';
const AMOUNT_FEN = 1_000;
const HALL = { seed: 'pg-bench', session: 'in-process' as const };

async function value<T>(backend: Backend, method: string, input: unknown, session?: string): Promise<T> {
  const result = await backend.dispatch(method, input, session ? { session } : {});
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Energy meters of cash accounts with room under their caps (600 kWh: some 30 sales of 10 yuan each). */
async function meterPool(backend: Backend, size: number): Promise<number[]> {
  const rows = await backend.database.db.selectFrom('meters as m').innerJoin('accounts as a', 'a.id', 'm.account_id').select('m.id')
    .where('m.status', '=', 'active').where('a.status', '=', 'open').where('m.credit_kind', '=', 'energy').where('a.settlement', '=', 'cash')
    .where((eb) => eb.or([eb('m.credit_cap', 'is', null), eb('m.credit_cap', '>', eb('m.remaining', '+', 60_000))]))
    .orderBy('m.id').limit(size).execute();
  if (rows.length === 0) throw new Error('the benchmark hall has no energy meter to sell to');
  return rows.map((r) => Number(r.id));
}

async function createClerks(backend: Backend, count: number): Promise<string[]> {
  const { session } = await value<{ session: string }>(backend, 'auth.login', { username: 'admin', password: 'admin1234' });
  const names = Array.from({ length: count }, (_, i) => `bench.clerk${i + 1}`);
  for (const username of names) await value(backend, 'users.create', { username, displayName: username, role: 'clerk', password: CLERK_PASSWORD }, session);
  return names;
}

/** The time of `sales.sell` in a loop at one counter: li.clerk's shift, the same meters, one after another. */
async function singleCounterLoop(backend: Backend, meterIds: readonly number[], count: number): Promise<number[]> {
  const { session } = await value<{ session: string }>(backend, 'auth.login', { username: 'li.clerk', password: 'clerk1234' });
  await value(backend, 'shifts.open', { float: 0 }, session);
  return timeEach(count, (i) => value(backend, 'sales.sell', {
    meterId: meterIds[i % meterIds.length]!, request: { mode: 'money', amount: AMOUNT_FEN }, tendered: AMOUNT_FEN,
    idempotencyKey: `single-${Date.now().toString(36)}-${i}`,
  }, session));
}

function waitFor(child: ChildProcess, key: 'ready' | 'result'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (message.error) reject(new Error(`counter process failed: ${String(message.error)}`));
      else if (key in message) { child.off('message', onMessage); resolve(message[key]); }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => { if (code !== 0) reject(new Error(`counter process exited with ${code}`)); });
  });
}

/** Four processes, started together once all have opened their backends and shifts. */
async function concurrentCounters(jobs: readonly CounterJob[]): Promise<{ results: CounterResult[]; seconds: number }> {
  const entry = fileURLToPath(new URL('./pg-counter-child.ts', import.meta.url));
  const children = jobs.map(() => fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  try {
    const ready = children.map((child) => waitFor(child, 'ready'));
    children.forEach((child, i) => child.send(jobs[i]!));
    await Promise.all(ready);
    const results = children.map((child) => waitFor(child, 'result'));
    const started = performance.now();
    for (const child of children) child.send({ go: true });
    const done = (await Promise.all(results)) as CounterResult[];
    return { results: done, seconds: (performance.now() - started) / 1000 };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

function mergeErrors(results: readonly CounterResult[]): Record<string, number> {
  const all: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.errors)) all[code] = (all[code] ?? 0) + n;
  return all;
}

async function onPostgres(options: PgBenchOptions, url: string): Promise<{ figures: Record<string, unknown>; singleP50: number }> {
  const counters = options.counters ?? 4;
  const dataDir = mkdtempSync(join(tmpdir(), 'halldesk-pg-bench-'));
  const backend = await createBackend({ dataDir, database: url, counterCode: 'B01' }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    options.log(`pg bench: seeding a hall of ${options.customers ?? 300} customers on ${redactUrl(url)}`);
    await seedDemoHall(backend, { customers: options.customers ?? 300, ...HALL });
    const clerks = await createClerks(backend, counters);
    const meterIds = await meterPool(backend, 120);
    const jobs = clerks.map((username, i): CounterJob => ({
      url, counter: `A0${i + 1}`, username, password: CLERK_PASSWORD, meterIds, sales: options.salesPerCounter ?? 500, amountFen: AMOUNT_FEN,
    }));
    options.log(`pg bench: ${counters} counter processes × ${jobs[0]!.sales} sales over ${meterIds.length} shared meters`);
    const { results, seconds } = await concurrentCounters(jobs);
    const samples = results.flatMap((r) => r.samples);
    const failed = (await verifyBooks(backend.database.db)).filter((c) => !c.ok);
    options.log(`pg bench: single-counter loop of ${options.singleSales ?? 300} sales`);
    const single = await singleCounterLoop(backend, meterIds, options.singleSales ?? 300);
    return {
      singleP50: percentile(single, 50),
      figures: {
        pg_sale_commit_p95_ms: round2(percentile(samples, 95)), pg_sale_commit_p50_ms: round2(percentile(samples, 50)),
        pg_concurrent_counters: counters, pg_concurrent_sales: samples.length, pg_concurrent_sales_per_s: round2(samples.length / seconds),
        pg_concurrent_errors: mergeErrors(results), pg_concurrent_books: failed.length === 0 ? 'clean' : failed.map((c) => ({ check: c.name, offenders: c.offenders })),
        pg_single_sale_p50_ms: round2(percentile(single, 50)), pg_single_sale_p95_ms: round2(percentile(single, 95)),
      },
    };
  } finally {
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function onSqlite(options: PgBenchOptions): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'halldesk-sqlite-bench-'));
  const backend = await createBackend({ dataDir, database: 'sqlite', counterCode: 'B01' }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    await seedDemoHall(backend, { customers: options.customers ?? 300, ...HALL });
    return await singleCounterLoop(backend, await meterPool(backend, 120), options.singleSales ?? 300);
  } finally {
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchPostgres(options: PgBenchOptions): Promise<Record<string, unknown>> {
  const database = await createBenchDatabase(benchServerUrl(options.serverUrl));
  try {
    const pg = await onPostgres(options, database.url);
    options.log('pg bench: the same single-counter loop on SQLite');
    const sqlite = await onSqlite(options);
    return {
      ...pg.figures, sqlite_single_sale_p50_ms: round2(percentile(sqlite, 50)), sqlite_single_sale_p95_ms: round2(percentile(sqlite, 95)),
      pg_vs_sqlite_sale_ratio: round2(pg.singleP50 / percentile(sqlite, 50)), pg_fsync: database.fsync,
    };
  } finally {
    await database.drop();
  }
}
