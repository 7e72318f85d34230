/**
 * `halldesk db restore` (issue 7 item 6): the drill restores into a scratch folder and verifies without touching
 * the live database; a real restore is refused while the database is open, and otherwise puts the backup in
 * place with the old file kept aside. `db backup FILE` answers a verified copy. Progress bar rendering (item 7).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, sqliteOf } from '../support/backend';
import type { Fixture } from '../support/backend';
import { runCli } from '../support/run-cli';
import { sha256File } from '../../electron/db/backup-copy';
import { progressBar, renderBar } from '../../electron/services/backup-cli-progress';
import { corrupt, sell } from './kit';

let fx: Fixture;
let folder: string;
let closed = false;

beforeAll(async () => {
  fx = await buildBackend();
  folder = await mkdtemp(join(tmpdir(), 'halldesk-usb-'));
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  for (let i = 0; i < 3; i += 1) await sell(fx);
});
afterAll(async () => {
  if (!closed) await fx.close();
  else await rm(fx.dataDir, { recursive: true, force: true });
  await rm(folder, { recursive: true, force: true });
});

describe('halldesk db restore', () => {
  let good: string;
  it('db backup FILE writes a verified copy', async () => {
    good = join(folder, 'good.sqlite');
    const run = await runCli(['db', 'backup', good, '--data', fx.dataDir]);
    expect(run.code).toBe(0);
    expect(run.out.join('\n')).toMatch(/backup good: .*good\.sqlite .*3 sales.*row counts equal, integrity ok, books balanced, sha256 [0-9a-f]{64}/);
  });

  it('--drill restores into a scratch folder and verifies, the live database untouched', async () => {
    const liveFile = sqliteOf(fx.backend).file;
    const before = await sha256File(liveFile);
    const liveSales = Number((await fx.sql.one<{ n: number }>('select count(*) as n from sales')).n);
    const run = await runCli(['db', 'restore', good, '--drill', '--data', fx.dataDir]);
    expect(run.code).toBe(0);
    const text = run.out.join('\n');
    expect(text).toContain('restore drill passed');
    expect(text).toContain('ok   ledger-transactions-balance');
    expect(text).not.toContain('FAIL');
    expect(await sha256File(liveFile)).toBe(before);
    expect(Number((await fx.sql.one<{ n: number }>('select count(*) as n from sales')).n)).toBe(liveSales);
  });

  it('--drill of a corrupted file fails with exit 1', async () => {
    const bad = join(folder, 'bad.sqlite');
    await runCli(['db', 'backup', bad, '--data', fx.dataDir]);
    corrupt(bad);
    const run = await runCli(['db', 'restore', bad, '--drill', '--data', fx.dataDir, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ ok: false, source: { ok: false, failedCheck: 'sqlite-integrity' } });
  });

  it('a real restore is refused while the database is in use, and the live file stays', async () => {
    await sell(fx);
    const before = await sha256File(sqliteOf(fx.backend).file);
    const run = await runCli(['db', 'restore', good, '--data', fx.dataDir]);
    expect(run.code).toBe(1);
    expect(run.out.join('\n')).toContain('restore refused: the database is in use');
    expect(Number((await fx.sql.one<{ n: number }>('select count(*) as n from sales')).n)).toBe(4);
    expect((await sha256File(sqliteOf(fx.backend).file)).length).toBe(before.length);
  });

  it('with the app closed, the backup replaces the live database and the old one is kept aside', async () => {
    await fx.backend.close();
    closed = true;
    const run = await runCli(['db', 'restore', good, '--data', fx.dataDir]);
    expect(run.code).toBe(0);
    expect(run.out.join('\n')).toMatch(/restored .*good\.sqlite → .*halldesk\.sqlite .*kept as .*before-restore-/);
    const aside = readdirSync(fx.dataDir).filter((f) => f.includes('before-restore-') && !f.endsWith('-wal') && !f.endsWith('-shm'));
    expect(aside).toHaveLength(1);
    expect(statSync(join(fx.dataDir, aside[0]!)).size).toBeGreaterThan(0);
    const verify = await runCli(['db', 'verify', '--data', fx.dataDir, '--json']);
    expect(verify.code).toBe(0);
    expect(existsSync(join(fx.dataDir, 'halldesk.sqlite'))).toBe(true);
  });
});

describe('the CLI progress bar', () => {
  it('draws on a terminal only, one line per phase', () => {
    expect(renderBar('copy', 50, 200)).toBe(`copying   [${'#'.repeat(8)}${'-'.repeat(22)}]  25% 50/200 pages`);
    const written: string[] = [];
    const tty = progressBar({ isTTY: true, write: (t: string) => written.push(t) });
    tty.listener('copy', 0, 10);
    tty.listener('copy', 10, 10);
    tty.listener('verify', 13, 13);
    tty.finish();
    expect(written.join('')).toBe(`\r${renderBar('copy', 0, 10)}\r${renderBar('copy', 10, 10)}\n\r${renderBar('verify', 13, 13)}\n`);
    const piped: string[] = [];
    const quiet = progressBar({ isTTY: false, write: (t: string) => piped.push(t) });
    quiet.listener('copy', 5, 10);
    quiet.finish();
    expect(piped).toEqual([]);
  });
});
