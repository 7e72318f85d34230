/**
 * One counter of the concurrent PostgreSQL benchmark, in a process of its own as a real counter is: its own
 * backend and connection pool, its own counter code and clerk shift. It opens, tells the parent it is ready,
 * waits for "go" (so the counters start selling together), sells, and sends back each sale's latency and
 * every refusal by code — a duplicate serial or a deadlock is reported, not hidden.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../main/composition';
import type { Backend } from '../main/composition';
import { prng } from './stats';

export interface CounterJob {
  readonly url: string;
  readonly counter: string;
  readonly username: string;
  readonly password: string;
  readonly meterIds: readonly number[];
  readonly sales: number;
  readonly amountFen: number;
}

export interface CounterResult {
  readonly counter: string;
  readonly samples: number[];
  /** Refusals and errors by code (or message), with how many times each happened. */
  readonly errors: Record<string, number>;
}

async function value<T>(backend: Backend, method: string, input: unknown, session?: string): Promise<T> {
  const result = await backend.dispatch(method, input, session ? { session } : {});
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function sellAll(backend: Backend, job: CounterJob, session: string): Promise<CounterResult> {
  const random = prng(job.counter.charCodeAt(2) * 7919 + job.counter.charCodeAt(1));
  const samples: number[] = [];
  const errors: Record<string, number> = {};
  for (let i = 0; i < job.sales; i++) {
    const meterId = job.meterIds[Math.floor(random() * job.meterIds.length)]!;
    const start = process.hrtime.bigint();
    const result = await backend.dispatch('sales.sell', {
      meterId, request: { mode: 'money', amount: job.amountFen }, tendered: job.amountFen,
      idempotencyKey: `pgb-${job.counter}-${Date.now().toString(36)}-${i}`,
    }, { session });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.ok) samples.push(ms);
    else errors[result.error.code] = (errors[result.error.code] ?? 0) + 1;
  }
  return { counter: job.counter, samples, errors };
}

function nextMessage(): Promise<unknown> {
  return new Promise((resolve) => process.once('message', resolve));
}

async function runCounter(job: CounterJob): Promise<CounterResult> {
  const dataDir = mkdtempSync(join(tmpdir(), `halldesk-bench-${job.counter}-`));
  const backend = await createBackend({ dataDir, database: job.url, counterCode: job.counter }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    const { session } = await value<{ session: string }>(backend, 'auth.login', { username: job.username, password: job.password });
    await value(backend, 'shifts.open', { float: 0 }, session);
    process.send!({ ready: true });
    await nextMessage();
    return await sellAll(backend, job, session);
  } finally {
    await backend.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Started by pg-sale-bench.ts with an IPC channel: the job is the first message, the result the last.
if (process.send) {
  void nextMessage().then((job) => runCounter(job as CounterJob)).then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (error: unknown) => process.send!({ error: error instanceof Error ? error.stack ?? error.message : String(error) }, () => process.exit(1)),
  );
}
