/**
 * The desktop build's backup thread: vite.electron.config.ts bundles electron/services/db-worker/jobs.ts as
 * db-worker.js beside the main bundle's index.js, where db-worker/host.ts looks first. Built here into a
 * scratch folder inside the project (so the bundle's imports resolve from node_modules, as in the app) and run
 * as the packaged app would run it: a worker thread on the bundled file, a copy and its verification.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { buildBackend, sqliteOf } from '../support/backend';
import type { Fixture } from '../support/backend';
import type { DbJob, DbWorkerMessage } from '../../electron/services/db-worker/jobs';
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

function runJob(worker: Worker, id: number, job: DbJob): Promise<DbWorkerMessage> {
  return new Promise((resolve) => {
    const listener = (message: DbWorkerMessage) => {
      if (message.id !== id || message.type === 'progress') return;
      worker.off('message', listener);
      resolve(message);
    };
    worker.on('message', listener);
    worker.postMessage({ id, job });
  });
}

describe('the bundled backup worker (out/main/db-worker.js)', () => {
  it('is built beside index.js, which looks for it there; it copies and verifies a live hall and exports a report', async () => {
    const bundled = join(outDir, 'main', 'db-worker.js');
    expect(existsSync(bundled)).toBe(true);
    expect(readFileSync(join(outDir, 'main', 'index.js'), 'utf8')).toContain('new URL("./db-worker.js", import.meta.url)');
    const worker = new Worker(bundled);
    try {
      const target = join(outDir, 'copy.sqlite');
      const copy = await runJob(worker, 1, { op: 'copy', source: sqliteOf(fx.backend).file, target });
      expect(copy).toMatchObject({ type: 'done', value: { counts: { sales: 1 } } });
      const counts = copy.type === 'done' ? (copy.value as { counts: Record<string, number> }).counts : null;
      expect(await runJob(worker, 2, { op: 'verify', file: target, expected: counts })).toMatchObject({ type: 'done', value: { ok: true, failedCheck: null } });
      const exported = await runJob(worker, 3, {
        op: 'export', file: sqliteOf(fx.backend).file,
        job: { input: { report: 'dayClose', params: { date: '2026-06-15' }, format: 'csv' }, language: 'zh-CN', today: '2026-06-15', pdfHeader: { hallName: null, printedAt: '2026-06-15T02:00:00.000Z', printedBy: '测试' } },
      });
      expect(exported).toMatchObject({ type: 'done', value: { fileName: expect.stringMatching(/\.csv$/), mime: 'text/csv; charset=utf-8' } });
    } finally {
      await worker.terminate();
    }
  });
});
