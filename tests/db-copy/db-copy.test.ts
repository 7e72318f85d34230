/**
 * `halldesk db copy` (issue 8 item 4): a SQLite hall lands on PostgreSQL whole and verified, the server then
 * carries on where the file left off (ids and receipt serials), and every way a copy can go wrong leaves the
 * server as it was.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshPgDatabase } from '../support/pg';
import type { TestPgDatabase } from '../support/pg';
import { runCli } from '../support/run-cli';
import { sqlRunner } from '../support/sql';
import { copyHall } from '../../electron/db/copy/copy-hall';
import { firstBrokenLink } from '../../electron/db/verify-audit-chain';
import { createBackend } from '../../electron/main/composition';
import { openSqlite } from '../../electron/db/open-sqlite';
import { migrate } from '../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index';
import { ledgerSums, openFile, openUrl, rowCounts, sellOne, sqliteHall } from './kit';
import type { SqliteHall } from './kit';

let hall: SqliteHall;
const databases: TestPgDatabase[] = [];

async function fresh(): Promise<TestPgDatabase> {
  const database = await freshPgDatabase();
  databases.push(database);
  return database;
}

async function withHandle<T>(open: () => ReturnType<typeof openUrl>, work: (handle: ReturnType<typeof openUrl>) => Promise<T>): Promise<T> {
  const handle = open();
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

const isEmpty = (counts: Record<string, number>) => Object.values(counts).every((n) => n === 0);

beforeAll(async () => { hall = await sqliteHall(); }, 120_000);
afterAll(async () => {
  hall?.remove();
  for (const database of databases) await database.drop();
});

describe('db copy onto an empty server', () => {
  let target: TestPgDatabase;
  let source: { counts: Record<string, number>; sums: string[]; lastSaleId: number; lastSerial: number };

  beforeAll(async () => {
    target = await fresh();
    source = await withHandle(() => openFile(hall.file), async (handle) => {
      const run = sqlRunner(handle.db, 'sqlite');
      const last = await run.one<{ id: number; receipt_no: string }>("select id, receipt_no from sales where receipt_no like 'A01-2026-%' order by id desc limit 1");
      return { counts: await rowCounts(handle), sums: await ledgerSums(handle), lastSaleId: Number((await run.one<{ id: number }>('select max(id) as id from sales')).id), lastSerial: Number(last.receipt_no.slice(-6)) };
    });
  }, 60_000);

  it('copies every table, verified, and reports each with its rows', async () => {
    const run = await runCli(['db', 'copy', '--from', `sqlite:${hall.file}`, '--to', target.url]);
    expect(run.code, run.err.join('\n')).toBe(0);
    expect(run.out.join('\n')).toMatch(/copied and verified: \d+ rows in \d+ tables/);
    expect(run.out.some((line) => /^sales\s+\d+\s+ok$/.test(line))).toBe(true);
    expect(run.err.some((line) => line.startsWith('copied ledger_entries:'))).toBe(true);
  }, 60_000);

  it('leaves the server with the same rows, the same ledger sums and an intact audit chain', async () => {
    await withHandle(() => openUrl(target.url), async (handle) => {
      expect(await rowCounts(handle)).toEqual(source.counts);
      expect(await ledgerSums(handle)).toEqual(source.sums);
      expect(await firstBrokenLink(handle.db)).toBeNull();
    });
    expect(source.counts.sales).toBeGreaterThan(300);
  });

  it('lets a counter on the server sell on: the next receipt serial and the next ids follow the copied ones', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'halldesk-copy-counter-'));
    const backend = await createBackend({ dataDir, database: target.url, counterCode: 'A01' });
    try {
      const sale = await sellOne(backend, 'li.clerk');
      expect(sale.receiptNo).toBe(`A01-2026-${String(source.lastSerial + 1).padStart(6, '0')}`);
      expect(sale.id).toBe(source.lastSaleId + 1);
    } finally {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect((await runCli(['db', 'verify', '--database', target.url])).code).toBe(0);
  }, 60_000);

  it('refuses a server that already holds a hall and changes nothing there', async () => {
    const before = await withHandle(() => openUrl(target.url), rowCounts);
    const run = await runCli(['db', 'copy', '--from', hall.file, '--to', target.url]);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toMatch(/already holds hall data .*create a new one/);
    expect(await withHandle(() => openUrl(target.url), rowCounts)).toEqual(before);
  }, 60_000);
});

describe('db copy that does not verify', () => {
  it('is rolled back when a count or a sum differs: the server stays empty', async () => {
    const target = await fresh();
    const outcome = await copyHall({
      from: hall.file, to: target.url,
      // As if a row went missing on the way and a meter's credit came out wrong.
      beforeVerify: async (db) => {
        await sql`delete from settings where key = (select min(key) from settings)`.execute(db);
        await sql`update meters set credit_fen = credit_fen + 1 where id = (select min(id) from meters)`.execute(db);
      },
    });
    expect(outcome.committed).toBe(false);
    expect(outcome.verification.counts.find((c) => c.table === 'settings')).toMatchObject({ target: expect.any(Number) });
    expect(outcome.verification.counts.filter((c) => c.source !== c.target).map((c) => c.table)).toEqual(['settings']);
    expect(outcome.verification.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['meter-credit-equals-ledger']);
    expect(isEmpty(await withHandle(() => openUrl(target.url), rowCounts))).toBe(true);
  }, 60_000);

  it('is rolled back when a ledger line is slipped in, naming the book and account that differ', async () => {
    const target = await fresh();
    const outcome = await copyHall({
      from: hall.file, to: target.url,
      beforeVerify: async (db) => {
        await sql`insert into ledger_entries (id, txn_ref, sale_id, book, account_id, meter_id, shift_id, amount_fen, created_at)
          select id + 1000000, txn_ref, sale_id, book, account_id, meter_id, shift_id, amount_fen, created_at from ledger_entries where id = (select max(id) from ledger_entries)`.execute(db);
      },
    });
    expect(outcome.committed).toBe(false);
    expect(outcome.verification.ledgerMismatches).toHaveLength(1);
    expect(outcome.verification.counts.filter((c) => c.source !== c.target).map((c) => c.table)).toEqual(['ledger_entries']);
    expect(isEmpty(await withHandle(() => openUrl(target.url), rowCounts))).toBe(true);
  }, 60_000);
});

describe('db copy arguments and sources', () => {
  it('gives a usage error for a --to that is not a PostgreSQL URL, or none', async () => {
    for (const to of ['mysql://u@h/hall', 'postgres:hall', 'postgres://u@h']) {
      const run = await runCli(['db', 'copy', '--from', hall.file, '--to', to]);
      expect(run.code).toBe(2);
      expect(run.err.join('\n')).toMatch(/--to must be a PostgreSQL URL/);
    }
    const none = await runCli(['db', 'copy', '--from', hall.file]);
    expect(none.code).toBe(2);
    expect(none.err.join('\n')).toMatch(/--to is required/);
  });

  it('says clearly when the file does not exist', async () => {
    const run = await runCli(['db', 'copy', '--from', 'sqlite:/nonexistent/hall.sqlite', '--to', 'postgres://u@127.0.0.1:1/none']);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toMatch(/no such database file: \/nonexistent\/hall.sqlite/);
  });

  it('refuses a file from a newer HallDesk, and copies an older one through a migrated scratch copy, the file untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'halldesk-copy-versions-'));
    try {
      const newer = join(dir, 'newer.sqlite');
      copyFileSync(hall.file, newer);
      const handle = openSqlite(newer);
      handle.raw.prepare("insert into schema_migrations (version, name, applied_at) values (?, 'future', '2030-01-01T00:00:00Z')").run(LATEST_SCHEMA_VERSION + 10);
      await handle.close();
      const refused = await runCli(['db', 'copy', '--from', newer, '--to', (await fresh()).url]);
      expect(refused.code).toBe(1);
      expect(refused.err.join('\n')).toMatch(/newer than this HallDesk understands/);

      const older = join(dir, 'older.sqlite');
      const old = openSqlite(older);
      await migrate(old.db, 'sqlite', () => new Date(), LATEST_SCHEMA_VERSION - 1);
      await old.close();
      const outcome = await copyHall({ from: older, to: (await fresh()).url });
      expect(outcome.committed).toBe(true);
      expect(outcome.sourceVersion).toBeLessThan(LATEST_SCHEMA_VERSION);
      const after = openSqlite(older, { readonly: true });
      expect(Number(after.raw.prepare('select max(version) from schema_migrations').pluck().get())).toBe(outcome.sourceVersion);
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
