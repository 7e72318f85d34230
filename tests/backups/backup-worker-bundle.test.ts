/**
 * The desktop build's backup thread: vite.electron.config.ts bundles electron/db/backup-worker-job.ts as
 * backup-worker.js beside the main bundle's index.js, where backup-thread.ts looks first. Built here into a
 * scratch folder inside the project (so the bundle's imports resolve from node_modules, as in the app) and run
 * as the packaged app would run it: a worker thread on the bundled file, a copy and its verification.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import type { BackupJob, BackupWorkerMessage } from '../../electron/db/backup-thread';
import { sell } from './kit';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let outDir: string;
let fx: Fixture;

beforeAll(async () => {
  outDir = mkdtempSync(join(ROOT, '.bundle-test-'));
  await build({ configFile: join(ROOT, 'vite.electron.config.ts'), mode: 'main', logLevel: 'warn', build: { outDir: join(outDir, 'main') } });
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  await sell(fx);
}, 120_000);
afterAll(async () => {
  await fx?.close();
  rmSync(outDir, { recursive: true, force: true });
});

function runJob(worker: Worker, id: number, job: BackupJob): Promise<BackupWorkerMessage> {
  return new Promise((resolve) => {
    const listener = (message: BackupWorkerMessage) => {
      if (message.id !== id || message.type === 'progress') return;
      worker.off('message', listener);
      resolve(message);
    };
    worker.on('message', listener);
    worker.postMessage({ id, job });
  });
}

describe('the bundled backup worker (out/main/backup-worker.js)', () => {
  it('is built beside index.js, which looks for it there, and copies and verifies a live hall', async () => {
    const bundled = join(outDir, 'main', 'backup-worker.js');
    expect(existsSync(bundled)).toBe(true);
    expect(readFileSync(join(outDir, 'main', 'index.js'), 'utf8')).toContain('new URL("./backup-worker.js", import.meta.url)');
    const worker = new Worker(bundled);
    try {
      const target = join(outDir, 'copy.sqlite');
      const copy = await runJob(worker, 1, { op: 'copy', source: fx.backend.database.file, target });
      expect(copy).toMatchObject({ type: 'done', value: { counts: { sales: 1 } } });
      const counts = copy.type === 'done' ? (copy.value as { counts: Record<string, number> }).counts : null;
      expect(await runJob(worker, 2, { op: 'verify', file: target, expected: counts })).toMatchObject({ type: 'done', value: { ok: true, failedCheck: null } });
    } finally {
      await worker.terminate();
    }
  });
});
