/**
 * A counter in a process of its own, for tests/concurrency/processes.test.ts: starts a backend on the hall's
 * PostgreSQL database under its counter code, logs its clerk in, opens a shift, sells `n` sales to one meter all
 * at once, and prints one JSON line: every call's Result. Run with `node --import tsx`; the job comes as JSON in
 * HALLDESK_SALE_WORKER. Between the shift and the sales it prints "ready" and waits for a line on stdin, so the
 * test starts every counter's sales at the same moment (a process takes seconds to boot).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../electron/main/composition';
import { FakeClock } from '../support/backend';

interface Job { url: string; code: string; clerk: string; password: string; meterId: number; n: number; amount: number; at: string }

async function run(job: Job): Promise<unknown[]> {
  const dataDir = await mkdtemp(join(tmpdir(), `halldesk-worker-${job.code}-`));
  const backend = await createBackend({ dataDir, database: job.url, clock: new FakeClock(job.at), counterCode: job.code, holdsCounter: true, log: () => undefined });
  try {
    const login = await backend.dispatch('auth.login', { username: job.clerk, password: job.password }, { session: null });
    if (!login.ok) throw new Error(`login: ${login.error.code}`);
    const session = (login.value as { session: string }).session;
    const shift = await backend.dispatch('shifts.open', { float: 0 }, { session });
    if (!shift.ok) throw new Error(`shifts.open: ${shift.error.code}`);
    process.stdout.write('ready\n');
    await new Promise((resolve) => process.stdin.once('data', resolve));
    return await Promise.all(Array.from({ length: job.n }, (_, i) => backend.dispatch('sales.sell', {
      meterId: job.meterId, request: { mode: 'money', amount: job.amount }, tendered: job.amount, idempotencyKey: `proc-${job.code}-${i}`,
    }, { session })));
  } finally {
    await backend.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

run(JSON.parse(process.env.HALLDESK_SALE_WORKER ?? '{}') as Job).then(
  (results) => { process.stdout.write(`${JSON.stringify(results)}\n`); },
  (error: unknown) => { process.stderr.write(`${String(error)}\n`); process.exitCode = 1; },
);
