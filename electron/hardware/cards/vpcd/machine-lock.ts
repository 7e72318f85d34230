/**
 * A lock for one machine-wide resource (pcscd can run only once per machine, pcsc.md §4): a file holding the
 * owner's pid, created exclusively. Two test runs on one machine then take turns instead of one stopping the
 * other's pcscd as "stale" (which once let a run talk to the other run's virtual card). A lock whose owner is
 * dead (a run that was killed) is taken over.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';

export interface MachineLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Creates the lock file with our pid; false when it exists. */
function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Waits (up to `waitMs`) for the lock; throws naming the owner when it stays taken. */
export async function acquireMachineLock(path: string, waitMs: number): Promise<MachineLock> {
  const started = Date.now();
  for (;;) {
    if (tryCreate(path)) return { release: () => { if (ownerOf(path) === process.pid) rmSync(path, { force: true }); } };
    const owner = ownerOf(path);
    // An unreadable pid is a lock being written this instant: wait for it like a live one.
    if (owner !== null && !alive(owner)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() - started > waitMs) {
      throw new Error(`${path} is held by process ${owner ?? '?'} (another test run using pcscd); waited ${waitMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
