/**
 * A PostgreSQL cluster of the test's own (issue 8 item 3), started with .ci/postgres.sh on another port and
 * folder: these tests stop and restart the server, which must never happen to the shared cluster on 55432
 * that every other suite uses. A machine without PostgreSQL FAILS here with how to install it; never a skip.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', '.ci', 'postgres.sh');

export interface PrivateCluster {
  /** The cluster's `postgres` database, as the superuser halldesk (trust auth on loopback). */
  readonly url: string;
  readonly port: number;
  /** `pg_ctl stop -m fast`: every connection is ended (57P01), in-flight transactions are rolled back. */
  stop(): Promise<void>;
  /** Starts the same cluster again (the data stays). */
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  destroy(): Promise<void>;
}

async function script(dir: string, port: number, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('bash', [SCRIPT, ...args], {
      env: { ...process.env, HALLDESK_PG_DIR: dir, HALLDESK_PG_PORT: String(port) }, timeout: 120_000,
    });
    return stdout.trim();
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || String(error);
    throw new Error(`these tests need PostgreSQL's server programs to start a private cluster on port ${port} ` +
      `(Debian: apt-get install postgresql; npm test installs it as root): ${detail}`, { cause: error });
  }
}

/** `slot` keeps two suites of one run on different ports and folders. */
export async function startPrivateCluster(slot: number): Promise<PrivateCluster> {
  const port = 55433 + ((process.pid * 7 + slot) % 900);
  const dir = `/tmp/halldesk-pg-offline-${process.pid}-${slot}`;
  const url = await script(dir, port);
  if (!url.startsWith('postgres://')) throw new Error(`.ci/postgres.sh printed no URL: ${url}`);
  return {
    url, port,
    stop: async () => { await script(dir, port, 'stop'); },
    start: async () => { await script(dir, port); },
    destroy: async () => {
      await script(dir, port, 'stop');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The URL with a password in it: trust auth ignores it, and it must never be shown back. */
export function withPassword(url: string, password: string): string {
  const parsed = new URL(url);
  parsed.password = password;
  return parsed.toString();
}
