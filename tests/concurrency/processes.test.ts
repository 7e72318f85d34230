/**
 * Truly several processes (issue 8): two counters in child processes and two in this one sell to one account on
 * one PostgreSQL database at the same moment. Each process has its own pool and its own counter; the database
 * alone keeps them apart. Same outcome as in one process: gapless serials per counter, no lost update, sound books.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { verifyBooks } from '../../electron/db/verify';
import { firstBrokenLink } from '../../electron/db/verify-audit-chain';
import type { SaleView } from '../../shared/contract/views';
import type { Result } from '../../shared/result';
import { START } from '../support/backend';
import { buildHall, CLERK_PASSWORD, oneTo, serialNumbers } from './hall-kit';
import type { Hall } from './hall-kit';

let hall: Hall | null = null;
afterEach(async () => {
  await hall?.close();
  hall = null;
});

interface ChildCounter {
  /** Resolves once the child's backend is up and its shift open. */
  readonly ready: Promise<void>;
  /** Tells it to sell; resolves with its Results. */
  go(): Promise<Result<unknown>[]>;
}

/** Runs sale-worker.ts as counter `code` in a child process. */
function childCounter(h: Hall, code: string, clerk: string, n: number, amount: number): ChildCounter {
  const job = { url: h.pg.url, code, clerk, password: CLERK_PASSWORD, meterId: h.meterId, n, amount, at: START };
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/concurrency/sale-worker.ts'], {
    env: { ...process.env, HALLDESK_SALE_WORKER: JSON.stringify(job) }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => { markReady = resolve; });
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const done = new Promise<Result<unknown>[]>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (status) => {
      if (status !== 0) reject(new Error(`counter ${code} exited ${status}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Result<unknown>[]);
    });
  });
  return {
    ready: Promise.race([ready, done.then(() => { throw new Error(`counter ${code} ended before it was ready: ${err}`); })]),
    go() { child.stdin.end('go\n'); return done; },
  };
}

describe('counters in separate processes', () => {
  it('two child-process counters and two in-process counters sell to one meter at once', async () => {
    hall = await buildHall(2, 4);
    const h = hall;
    const others = [childCounter(h, 'P03', 'clerk3', 5, 9000), childCounter(h, 'P04', 'clerk4', 5, 9000)];
    await Promise.all(others.map((c) => c.ready));
    const children = Promise.all(others.map((c) => c.go()));
    const inProcess = h.counters.flatMap((c) => oneTo(5).map((i) => c.call('sales.sell', {
      meterId: h.meterId, request: { mode: 'money', amount: 9000 }, tendered: 9000, idempotencyKey: `here-${c.code}-${i}`,
    })));
    const [fromChildren, here] = await Promise.all([children, Promise.all(inProcess)]);
    const results = [...fromChildren.flat(), ...here];
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const views = results.map((r) => (r.ok ? r.value as SaleView : null)!);
    for (const code of ['C01', 'C02', 'P03', 'P04']) expect(serialNumbers(views.map((v) => v.receiptNo), code)).toEqual(oneTo(5));
    const db = h.counters[0]!.backend.database.db;
    const meter = await db.selectFrom('meters').selectAll().where('id', '=', h.meterId).executeTakeFirstOrThrow();
    const utd = await db.selectFrom('units_to_date').select('units').where('account_id', '=', h.accountId).executeTakeFirstOrThrow();
    const total = views.reduce((s, v) => s + v.units, 0);
    expect([Number(meter.remaining), Number(utd.units)]).toEqual([total, total]);
    const stacked = [...views].sort((a, b) => a.meterRemainingAfter - b.meterRemainingAfter);
    stacked.forEach((v, i) => expect(v.meterRemainingAfter - v.creditedToMeter).toBe(i === 0 ? 0 : stacked[i - 1]!.meterRemainingAfter));
    expect((await verifyBooks(db)).filter((c) => !c.ok)).toEqual([]);
    expect(await firstBrokenLink(db)).toBeNull();
  });
});
