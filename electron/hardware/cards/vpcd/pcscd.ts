/**
 * Starts a private pcscd with one vpcd reader, for the real-stack tests and for demos (pcsc.md §1, §7):
 * `pcscd -f -c <scratch>/reader.conf`, with the reader named like an ACR38 so name filters are tested.
 *
 * Limits of the stack, all from pcsc.md: pcscd must run as root; it always uses /run/pcscd (one pcscd per
 * machine: test runs take turns through a lock file, and a pcscd not ours is an error, never shared); vpcd
 * listens on all interfaces on its port (Debian's vpcd cannot be told otherwise), so the port is random and lives only for the test; each
 * APDU costs about 44 ms because Debian's vpcd sends length and payload as two TCP segments (Nagle against
 * delayed ACK). The quickack route workaround is not applied: it changes the host's routing table.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireMachineLock } from './machine-lock';

export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
export const PCSCD_PID_FILE = '/run/pcscd/pcscd.pid';
export const PCSC_PACKAGES = 'pcscd vsmartcard-vpcd libpcsclite-dev';
/** Scratch folders of startPcscd are named so (see stopStaleTestPcscd). */
export const SCRATCH_PREFIX = 'halldesk-pcscd-';

export interface PcscdOptions {
  /** A scratch folder for the reader configuration; name it with SCRATCH_PREFIX so a stale pcscd is recognised. */
  readonly scratchDir: string;
  /** Reader name prefix; pcscd adds " 00 00" (default "ACS ACR38U", so readers look like the real one). */
  readonly friendlyName?: string;
  /** vpcd's port (default: a free one). vpcd also takes port + 1 for its second slot. */
  readonly port?: number;
  readonly pcscdPath?: string;
  /** How long to wait for another run's pcscd to finish (default 90 s). */
  readonly waitForOtherRunMs?: number;
}

export interface PcscdHandle {
  readonly port: number;
  /** The reader the card on `port` appears in. */
  readonly readerName: string;
  readonly pid: number;
  /** pcscd's output so far (for a failing test's message). */
  log(): string;
  stop(): Promise<void>;
}

function which(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/**
 * pcscd is a daemon in /usr/sbin, which a non-login PATH (CI's, a service's) often leaves out: look there too.
 */
export function pcscdBinary(): string {
  return which('pcscd') ?? ['/usr/sbin/pcscd', '/sbin/pcscd', '/usr/local/sbin/pcscd'].find((path) => existsSync(path)) ?? 'pcscd';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a running pcscd, from its pid file (which ends in a NUL byte), or null. */
function runningPcscd(): number | null {
  const pid = existsSync(PCSCD_PID_FILE) ? Number.parseInt(readFileSync(PCSCD_PID_FILE, 'utf8'), 10) : Number.NaN;
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
}

/**
 * A pcscd left running by an earlier test run that was killed (its configuration is in a scratch folder made
 * by startPcscd, so it is ours): stopped, so this run can start its own. Any other pcscd is left alone.
 */
async function stopStaleTestPcscd(): Promise<void> {
  const pid = runningPcscd();
  if (pid === null) return;
  const commandLine = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!commandLine.includes(SCRATCH_PREFIX)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && alive(pid) && existsSync(PCSCD_PID_FILE); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** What stops a private pcscd here, as sentences (empty = ready). */
export function pcscStackProblems(pcscdPath = pcscdBinary()): string[] {
  const problems: string[] = [];
  if (!which(pcscdPath) && !existsSync(pcscdPath)) problems.push(`pcscd is not installed (apt-get install --no-install-recommends ${PCSC_PACKAGES})`);
  if (!existsSync(VPCD_DRIVER)) problems.push(`the vpcd reader driver is missing: ${VPCD_DRIVER} (apt-get install --no-install-recommends vsmartcard-vpcd)`);
  if (process.getuid?.() !== 0) problems.push('pcscd must run as root (it cannot bind /run/pcscd otherwise, pcsc.md §4)');
  const pid = runningPcscd();
  if (pid !== null) problems.push(`another pcscd is running (pid ${pid}); stop it first: the tests need their own`);
  return problems;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port p with p and p + 1 free (vpcd's two slots). */
export async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    if ((await portFree(port)) && (await portFree(port + 1))) return port;
  }
  throw new Error('no free port pair for vpcd');
}

export function readerConf(friendlyName: string, port: number): string {
  const channel = `0x${port.toString(16).toUpperCase()}`;
  // DEVICENAME /dev/null:PORT = vpcd listens on PORT and the virtual card connects (pcsc.md §1).
  return `FRIENDLYNAME "${friendlyName}"\nDEVICENAME   /dev/null:${channel}\nLIBPATH      ${VPCD_DRIVER}\nCHANNELID    ${channel}\n`;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

/** Held while a private pcscd runs, so two test runs on one machine take turns. */
export const PCSCD_LOCK_FILE = join(tmpdir(), 'halldesk-pcscd.lock');

/**
 * Starts pcscd and waits until its socket answers; throws with the reasons when it cannot. The machine lock is
 * taken first and released when the pcscd stops.
 */
export async function startPcscd(options: PcscdOptions): Promise<PcscdHandle> {
  const lock = await acquireMachineLock(PCSCD_LOCK_FILE, options.waitForOtherRunMs ?? 90_000);
  try {
    return await startLockedPcscd(options, lock.release);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startLockedPcscd(options: PcscdOptions, releaseLock: () => void): Promise<PcscdHandle> {
  await stopStaleTestPcscd();
  const problems = pcscStackProblems(options.pcscdPath);
  if (problems.length > 0) throw new Error(`cannot start pcscd: ${problems.join('; ')}`);
  const port = options.port ?? (await freePortPair());
  const friendlyName = options.friendlyName ?? 'ACS ACR38U';
  mkdirSync(options.scratchDir, { recursive: true });
  const conf = join(options.scratchDir, 'reader.conf');
  writeFileSync(conf, readerConf(friendlyName, port));
  const child = spawn(options.pcscdPath ?? pcscdBinary(), ['-f', '-i', '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-20_000); });
  child.stderr!.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-20_000); });
  const killOnExit = (): void => { child.kill('SIGKILL'); };
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 3000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 2000);
    }
    releaseLock();
  };
  const started = Date.now();
  while (!existsSync('/run/pcscd/pcscd.comm') || !output.includes('daemon ready')) {
    if (child.exitCode !== null || Date.now() - started > 5000) {
      await stop();
      throw new Error(`pcscd did not start (exit ${child.exitCode ?? 'none'}): ${output.trim().split('\n').slice(-5).join(' | ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { port, readerName: `${friendlyName} 00 00`, pid: child.pid!, log: () => output, stop };
}
