import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireMachineLock } from './machine-lock';

const dir = mkdtempSync(join(tmpdir(), 'halldesk-lock-'));
const path = join(dir, 'pcscd.lock');
afterEach(() => rmSync(path, { force: true }));

describe('machine lock (one pcscd per machine, test runs take turns)', () => {
  it('is held with our pid and released', async () => {
    const lock = await acquireMachineLock(path, 1000);
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('a second holder waits for the first and gets it when released', async () => {
    const first = await acquireMachineLock(path, 1000);
    setTimeout(() => first.release(), 250);
    const started = Date.now();
    const second = await acquireMachineLock(path, 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    second.release();
  });

  it('a live owner that does not let go is named after the wait', async () => {
    writeFileSync(path, String(process.ppid));
    await expect(acquireMachineLock(path, 300)).rejects.toThrow(new RegExp(`held by process ${process.ppid}`));
    expect(readFileSync(path, 'utf8')).toBe(String(process.ppid));
  });

  it('the lock of a dead process (a killed run) is taken over', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path, dead);
    const lock = await acquireMachineLock(path, 1000);
    expect(readFileSync(path, 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('release does not remove a lock someone else holds now', async () => {
    const lock = await acquireMachineLock(path, 1000);
    writeFileSync(path, String(process.ppid));
    lock.release();
    expect(readFileSync(path, 'utf8')).toBe(String(process.ppid));
  });
});
