/**
 * The PostgreSQL the benchmarks run on (issue 8 item 6): `--database URL`, else HALLDESK_BENCH_PG_URL, else the
 * tests' private cluster on 127.0.0.1:55432. The URL is only used to reach the server: the benchmark creates a
 * database of its own there and drops it afterwards, so it never touches a hall's data. HALLDESK_DATABASE_URL
 * is deliberately not read: it names a hall, and a benchmark has no business on a hall's server by default.
 */
import pg from 'pg';
import { redactUrl } from '../db/open-postgres';

export const DEFAULT_BENCH_PG_URL = 'postgres://halldesk@127.0.0.1:55432/postgres';

export function benchServerUrl(explicit: string | undefined): string {
  return explicit?.trim() || process.env.HALLDESK_BENCH_PG_URL?.trim() || DEFAULT_BENCH_PG_URL;
}

export class NoBenchServer extends Error {
  override name = 'NoBenchServer';
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new NoBenchServer(`the PostgreSQL benchmarks need a server, and ${redactUrl(url)} cannot be reached (${error instanceof Error ? error.message : String(error)}): `
      + 'start the private one with `bash .ci/postgres.sh`, or give --database postgres://… or HALLDESK_BENCH_PG_URL');
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  readonly url: string;
  /** The server's fsync setting: a figure measured with fsync off is not a durable commit, and says so. */
  readonly fsync: string;
  drop(): Promise<void>;
}

/** A new, empty database on the server, for one benchmark run. */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `halldesk_bench_${process.pid}_${Date.now().toString(36)}`;
  const fsync = await onServer(serverUrl, async (client) => {
    await client.query(`create database ${name}`);
    return String((await client.query('show fsync')).rows[0]?.fsync ?? '?');
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(), fsync,
    drop: () => onServer(serverUrl, async (client) => { await client.query(`drop database if exists ${name} with (force)`); }),
  };
}
