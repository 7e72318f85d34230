/**
 * `halldesk backups list|run|status` (issue 7 item 6 from the CLI): a run is recorded and verified exactly as
 * backups.run does it, with the progress on stderr; status warns until a verified backup exists within 24 h;
 * a folder that cannot take the copy makes a recorded, unverified backup and exit 1; bad arguments exit 2.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { runCli } from '../support/run-cli';
import type { BackupView } from '../../shared/contract/backup-views';
import { sell } from './kit';

let fx: Fixture;
let usb: string;
const backups = (...args: string[]) => runCli(['backups', ...args, '--data', fx.dataDir]);
const setFolder = (folder: string) => fx.ok('backups.setSettings', { folder, dailyTime: '02:00', keepCount: 7, keepDays: 30 }, fx.sessions.admin);

/** Runs `work` with stderr captured (the progress bar writes there, not through console.error). */
async function withStderr<T>(work: () => Promise<T>): Promise<{ run: T; writes: string[] }> {
  const writes: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { writes.push(String(chunk)); return true; });
  try {
    return { run: await work(), writes };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  fx = await buildBackend();
  usb = await mkdtemp(join(tmpdir(), 'halldesk-usb-'));
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  await sell(fx);
  await setFolder(join(usb, 'backups'));
}, 60_000);
afterAll(async () => {
  await fx?.close();
  await rm(usb, { recursive: true, force: true });
});

describe('halldesk backups', () => {
  it('status warns while there is no verified backup', async () => {
    const run = await backups('status');
    expect(run.code).toBe(0);
    expect(run.out).toEqual(['last verified backup: none', 'WARNING: no verified backup within the last 24 hours']);
  });

  it('run makes a recorded, verified backup in the configured folder, progress on stderr', async () => {
    const { run, writes } = await withStderr(() => backups('run'));
    expect(run.code).toBe(0);
    expect(run.out.join('')).toMatch(/^backup #1 verified: .*halldesk-\d{8}-\d{6}-manual\.sqlite \(\d+ bytes, sha256 [0-9a-f]{64}\)$/);
    expect(writes.join('')).toContain('backup 100% (100/100)');
    expect(Number((await fx.sql.one<{ n: number }>("select count(*) as n from audit_log where action = 'backup.run'")).n)).toBe(1);
  });

  it('list shows it verified and present; status no longer warns', async () => {
    const json = await backups('list', '--json');
    const [backup] = JSON.parse(json.out.join('\n')) as BackupView[];
    expect(backup).toMatchObject({ id: 1, kind: 'manual', verified: true, failedCheck: null, present: true });
    expect(existsSync(backup!.file)).toBe(true);
    const table = await backups('list');
    expect(table.out[0]).toMatch(/^id\s+kind\s+finished\s+check\s+file is\s+bytes\s+file$/);
    expect(table.out[2]).toMatch(/^ 1\s+manual\s+\S+\s+verified\s+present\s+\d+\s+\//);
    const status = await backups('status');
    expect(status.out).toEqual([expect.stringMatching(/^last verified backup: #1 \(manual\) at \S+: .*manual\.sqlite$/)]);
  });

  it('a folder that cannot take the copy: recorded as failed, exit 1', async () => {
    const blocked = join(usb, 'blocked');
    await setFolder(blocked);
    await rm(blocked, { recursive: true, force: true });
    writeFileSync(blocked, 'a file where the folder was');
    const { run } = await withStderr(() => backups('run', '--json'));
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out.join('\n'))).toMatchObject({ id: 2, verified: false, failedCheck: 'copy', present: false });
    expect((await backups('list')).out[2]).toMatch(/^ 2\s+manual\s+\S+\s+FAILED copy\s+gone/);
  });

  it('refuses bad arguments with exit 2', async () => {
    const limit = await backups('list', '--limit', 'many');
    expect(limit.code).toBe(2);
    expect(limit.err.join('')).toBe('halldesk backups list: --limit must be a whole number, got "many"');
    expect((await backups('run', 'now')).code).toBe(2);
    expect((await backups('status', '--verbose')).code).toBe(2);
    const forbidden = await backups('run', '--user', 'clerk1');
    expect(forbidden.code).toBe(1);
    expect(forbidden.err.join('')).toContain('backups.run is for admin');
  });
});
