/**
 * `db migrate`, `db status` and `db verify` on both databases (issue 8): the same books checks run on the
 * SQLite file and on a PostgreSQL hall, and find the same damage; the storage check is SQLite's
 * integrity_check on the file and, on the server, reported as not applicable (or amcheck where installed).
 * The file-level tools (backup, restore) refuse a PostgreSQL hall clearly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { adminUrl, databaseUrl, freshPgDatabase } from '../support/pg';
import type { TestPgDatabase } from '../support/pg';
import { runCli } from '../support/run-cli';
import { copyHall } from '../../electron/db/copy/copy-hall';
import { openSqlite } from '../../electron/db/open-sqlite';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index';
import { openUrl, sqliteHall } from './kit';
import type { SqliteHall } from './kit';

let hall: SqliteHall;
let server: TestPgDatabase;
const bare = `hd_bare_${process.pid}_${Date.now().toString(36)}`;

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  hall = await sqliteHall(30, 200);
  server = await freshPgDatabase();
  expect((await copyHall({ from: hall.file, to: server.url, pageRows: 7 })).committed).toBe(true);
  await admin(`create database ${bare}`);
}, 120_000);

afterAll(async () => {
  hall?.remove();
  await server?.drop();
  await admin(`drop database if exists ${bare} with (force)`);
});

const verifyJson = async (args: string[]) => {
  const run = await runCli(['db', 'verify', '--json', ...args]);
  return { code: run.code, report: JSON.parse(run.out.at(-1)!) as { clean: boolean; dialect: string; checks: { name: string; ok: boolean; note?: string }[] } };
};

describe('db verify on both databases', () => {
  it('passes on the SQLite file with its integrity_check, and on the server with the page check not applicable', async () => {
    const onFile = await verifyJson(['--data', hall.dir]);
    expect(onFile).toMatchObject({ code: 0, report: { clean: true, dialect: 'sqlite' } });
    expect(onFile.report.checks[0]).toMatchObject({ name: 'sqlite-integrity', ok: true });
    const onServer = await verifyJson(['--data', hall.dir, '--database', server.url]);
    expect(onServer).toMatchObject({ code: 0, report: { clean: true, dialect: 'postgres' } });
    expect(onServer.report.checks[0]).toMatchObject({ name: 'postgres-page-integrity', ok: true, note: expect.stringMatching(/not applicable|amcheck/) });
    expect(onServer.report.checks.map((c) => c.name).slice(1)).toEqual(onFile.report.checks.map((c) => c.name).slice(1));
  });

  it('finds the same damage on both: a meter credit edited behind the ledger', async () => {
    const file = openSqlite(hall.file);
    file.raw.prepare('update meters set credit_fen = credit_fen + 1 where id = (select min(id) from meters)').run();
    await file.close();
    const handle = openUrl(server.url);
    await sql`update meters set credit_fen = credit_fen + 1 where id = (select min(id) from meters)`.execute(handle.db);
    await handle.close();
    for (const args of [['--data', hall.dir], ['--database', server.url]]) {
      const { code, report } = await verifyJson(args);
      expect(code).toBe(1);
      expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['meter-credit-equals-ledger']);
    }
    const text = await runCli(['db', 'verify', '--database', server.url]);
    expect(text.out.join('\n')).toMatch(/FAIL meter-credit-equals-ledger/);
  });

  it('takes the server from HALLDESK_DATABASE_URL when --database is not given', async () => {
    process.env.HALLDESK_DATABASE_URL = server.url;
    try {
      const run = await runCli(['db', 'status', '--data', hall.dir]);
      expect(run.out.join('\n')).toMatch(/\(postgres\), schema version \d+ of \d+: current/);
    } finally {
      delete process.env.HALLDESK_DATABASE_URL;
    }
  });
});

describe('db migrate and db status on both databases', () => {
  it('migrates a bare server database and reports it current', async () => {
    const url = databaseUrl(bare);
    expect((await runCli(['db', 'status', '--database', url])).out.join('\n')).toMatch(/schema version 0 of \d+: \d+ migration\(s\) pending/);
    const migrated = await runCli(['db', 'migrate', '--database', url]);
    expect(migrated.code).toBe(0);
    expect(migrated.out.join('\n')).toMatch(new RegExp(`migrated 0 → ${LATEST_SCHEMA_VERSION} in postgres://`));
    expect((await runCli(['db', 'migrate', '--database', url])).out.join('\n')).toMatch(/schema is current/);
    expect((await runCli(['db', 'status', '--database', url])).out.join('\n')).toMatch(/: current$/);
  });

  it('refuses a server database that does not order text in byte order, creating nothing; C.UTF-8 is accepted', async () => {
    // ICU "und" is a real case of the difference: there 'Wang Fang' lies in the prefix range of "wang" (SQLite: it does not).
    const [icu, codepoints] = [`${bare}_icu`, `${bare}_cutf8`];
    await admin(`create database ${icu} template template0 locale_provider icu icu_locale 'und'`);
    await admin(`create database ${codepoints} template template0 locale 'C.utf8'`);
    try {
      const refused = await runCli(['db', 'migrate', '--database', databaseUrl(icu)]);
      expect(refused.code).toBe(1);
      expect(refused.err.join('\n')).toMatch(new RegExp(`"${icu}" orders text by the ICU "und" locale, but HallDesk needs byte order`));
      expect(refused.err.join('\n')).toContain(`createdb --locale=C --template=template0 ${icu}`);
      const handle = openUrl(databaseUrl(icu));
      try {
        const tables = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema()`.execute(handle.db);
        expect(Number(tables.rows[0]!.n)).toBe(0);
      } finally {
        await handle.close();
      }
      expect((await runCli(['db', 'migrate', '--database', databaseUrl(codepoints)])).code).toBe(0);
    } finally {
      await admin(`drop database if exists ${icu} with (force)`);
      await admin(`drop database if exists ${codepoints} with (force)`);
    }
  });

  it('reports the SQLite file current, and a data folder with no file yet as such', async () => {
    expect((await runCli(['db', 'status', '--data', hall.dir])).out.join('\n')).toMatch(/\(sqlite\), schema version \d+ of \d+: current/);
    expect((await runCli(['db', 'status', '--data', `${hall.dir}/empty`])).out.join('\n')).toMatch(/no database yet at/);
  });

  it('gives a usage error for a --database that is not a database', async () => {
    const run = await runCli(['db', 'verify', '--database', 'mysql://u@h/x']);
    expect(run.code).toBe(2);
    expect(run.err.join('\n')).toMatch(/not a database HallDesk can use/);
  });
});

describe('the file-level tools on a server hall', () => {
  it('refuse with the server tools named', async () => {
    for (const args of [['db', 'backup', `${hall.dir}/b.sqlite`], ['db', 'restore', `${hall.dir}/b.sqlite`]]) {
      const run = await runCli([...args, '--data', hall.dir, '--database', server.url]);
      expect(run.code).toBe(1);
      expect(run.err.join('\n')).toMatch(/embedded SQLite database only.*pg_dump/);
    }
  });
});
