/**
 * The tests' PostgreSQL (issue 8): with HALLDESK_TEST_DATABASE=postgres every fixture gets a database of
 * its own, cloned from a template that is migrated once per schema version, on the private loopback
 * cluster `.ci/postgres.sh` starts (HALLDESK_TEST_PG_URL, default postgres://halldesk@127.0.0.1:55432/postgres).
 * A missing server fails the test with how to start it; it never falls back to SQLite.
 */
import pg from 'pg';
import { openPostgres } from '../../electron/db/open-postgres';
import { migrate } from '../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index';

export type TestDatabaseKind = 'sqlite' | 'postgres';

export const DEFAULT_TEST_PG_URL = 'postgres://halldesk@127.0.0.1:55432/postgres';

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.HALLDESK_TEST_DATABASE?.trim() || 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`HALLDESK_TEST_DATABASE must be sqlite or postgres, got "${kind}"`);
  return kind;
}

export function adminUrl(): string {
  return process.env.HALLDESK_TEST_PG_URL?.trim() || DEFAULT_TEST_PG_URL;
}

/** The URL of database `name` on the test cluster. */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`the PostgreSQL test server at ${adminUrl()} cannot be reached (${String(error)}); ` +
      'start it with `bash .ci/postgres.sh` (npm test does) or set HALLDESK_TEST_PG_URL', { cause: error });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Fails with how to start the server when the test cluster cannot be reached. */
export async function requirePgServer(): Promise<void> {
  await withAdmin(async (client) => { await client.query('select 1'); });
}

const TEMPLATE = `halldesk_template_v${LATEST_SCHEMA_VERSION}`;
/** pg_advisory_lock key: one worker builds the template, the others wait for it. */
const TEMPLATE_LOCK = 0x48445450;
let templateReady: Promise<void> | null = null;

async function exists(client: pg.Client, name: string): Promise<boolean> {
  return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
}

async function buildTemplate(): Promise<void> {
  await withAdmin(async (client) => {
    await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      if (await exists(client, TEMPLATE)) return;
      const building = `${TEMPLATE}_building`;
      await client.query(`drop database if exists ${building}`);
      await client.query(`create database ${building}`);
      const handle = openPostgres(databaseUrl(building));
      try {
        await migrate(handle.db, 'postgres', () => new Date('2026-01-01T00:00:00Z'));
      } finally {
        await handle.close();
      }
      // Renamed only once whole: a worker killed mid-build leaves a _building database, never a half template.
      await client.query(`alter database ${building} rename to ${TEMPLATE}`);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
}

let counter = 0;

export interface TestPgDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, migrated, empty database for one fixture. */
export async function freshPgDatabase(): Promise<TestPgDatabase> {
  templateReady ??= buildTemplate();
  await templateReady;
  const name = `hd_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  await withAdmin((client) => client.query(`create database ${name} template ${TEMPLATE}`));
  return {
    name, url: databaseUrl(name),
    drop: () => withAdmin(async (client) => { await client.query(`drop database if exists ${name} with (force)`); }),
  };
}
