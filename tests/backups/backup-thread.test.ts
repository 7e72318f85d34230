/**
 * The copy and its verification run in a worker thread (electron/services/db-worker/): the same answers as the
 * in-thread functions, progress by message, failures as rejections, and the event loop free meanwhile.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, sqliteOf } from '../support/backend';
import type { Fixture } from '../support/backend';
import { verifyCopy } from '../../electron/db/backup-copy';
import { copySnapshotOffThread, verifyCopyOffThread } from '../../electron/services/db-worker/backup';
import { corrupt, pad, sell } from './kit';

let fx: Fixture;
let folder: string;

beforeAll(async () => {
  fx = await buildBackend();
  folder = await mkdtemp(join(tmpdir(), 'halldesk-thread-'));
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  for (let i = 0; i < 3; i += 1) await sell(fx);
  await pad(fx, 6);
});
afterAll(async () => {
  await fx.close();
  await rm(folder, { recursive: true, force: true });
});

describe('backup jobs in a worker thread', () => {
  it('copies with progress and verifies to the same verdict as in-thread, the event loop turning meanwhile', async () => {
    const steps: string[] = [];
    let ticks = 0;
    const ticker = setInterval(() => { ticks += 1; }, 1);
    const target = join(folder, 'copy.sqlite');
    const copy = await copySnapshotOffThread(sqliteOf(fx.backend).file, target, (phase, done, total) => steps.push(`${phase} ${done}/${total}`));
    const verdict = await verifyCopyOffThread(target, copy.counts, (phase) => steps.push(phase));
    clearInterval(ticker);
    expect(copy.counts['sales']).toBe(3);
    expect(copy.pages).toBeGreaterThan(1000);
    expect(steps.filter((s) => s.startsWith('copy')).length).toBeGreaterThanOrEqual(1);
    expect(steps.at(-1)).toBe('verify');
    expect(verdict).toMatchObject({ ok: true, failedCheck: null });
    expect(verdict).toEqual(await verifyCopy(target, copy.counts));
    expect(ticks).toBeGreaterThan(0);
  });

  it('a corrupted copy verifies as failed; a refused copy rejects with its reason', async () => {
    const target = join(folder, 'ruined.sqlite');
    const copy = await copySnapshotOffThread(sqliteOf(fx.backend).file, target);
    corrupt(target);
    const verdict = await verifyCopyOffThread(target, copy.counts);
    expect(verdict.ok).toBe(false);
    expect(['sqlite-integrity', 'row-counts']).toContain(verdict.failedCheck);
    await expect(copySnapshotOffThread(sqliteOf(fx.backend).file, target)).rejects.toThrow(/refusing to overwrite/);
    await expect(copySnapshotOffThread(join(folder, 'missing.sqlite'), join(folder, 'x.sqlite'))).rejects.toThrow(/unable to open|does not exist|directory does not exist/i);
    expect(existsSync(join(folder, 'x.sqlite'))).toBe(false);
  });

  it('a process awaiting a job stays alive until the answer, and ends by itself once the worker is idle', () => {
    const backup = fileURLToPath(new URL('../../electron/services/db-worker/backup.ts', import.meta.url));
    const script = `const m = await import(${JSON.stringify(backup)}); const v = await m.verifyCopyOffThread(${JSON.stringify(sqliteOf(fx.backend).file)}, null); console.log(v.ok ? 'verified' : 'not verified');`;
    const file = join(folder, 'await-job.mts');
    writeFileSync(file, script);
    const child = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 60_000 });
    expect({ status: child.status, signal: child.signal, out: child.stdout.trim() }).toEqual({ status: 0, signal: null, out: 'verified' });
  }, 90_000);
});
