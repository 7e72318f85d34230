import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, auditHash } from '../../electron/db/audit-chain.mjs';
import { migrate } from '../../electron/db/migrate';
import { openSqlite } from '../../electron/db/open-sqlite';
import { firstBrokenLink } from '../../electron/db/verify-audit-chain';
import { buildBackend } from '../support/backend';
import { sqlRunner } from '../support/sql';
import type { SqlRunner } from '../support/sql';

type Row = { id: number; at: string; user_id: number | null; action: string; entity: string; entity_id: string;
  before_json: string | null; after_json: string | null; prev_hash: string | null; hash: string | null };

const NOW = new Date('2026-06-15T02:00:00.000Z');
const rows = (sql: SqlRunner) => sql.all<Row>('select * from audit_log order by id');

/** Every record links to the one before (the first to the genesis string) and hashes its own content. */
function expectChained(list: readonly Row[]) {
  let prev = AUDIT_GENESIS;
  for (const row of list) {
    expect({ id: row.id, prev_hash: row.prev_hash, hash: row.hash }).toEqual({ id: row.id, prev_hash: prev, hash: auditHash(prev, row) });
    prev = row.hash!;
  }
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('audit hash chain', () => {
  it('migration 40 chains the records a database at 30 already holds, and keeps them append-only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'halldesk-chain-'));
    const handle = openSqlite(join(dir, 'test.sqlite'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }), () => handle.close());
    await migrate(handle.db, 'sqlite', () => NOW, 30);
    const insert = handle.raw.prepare('insert into audit_log (at, user_id, action, entity, entity_id, before_json, after_json) values (?, null, ?, ?, ?, ?, ?)');
    for (let i = 1; i <= 25; i += 1) insert.run(NOW.toISOString(), 'sale.create', 'sale', String(i), i % 3 === 0 ? '{"a":1}' : null, JSON.stringify({ n: i, text: '售电 "quoted"' }));

    await migrate(handle.db, 'sqlite', () => NOW, 40);
    const columns = (handle.raw.prepare("select name from pragma_table_info('audit_log')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['prev_hash', 'hash']));
    const chained = await rows(sqlRunner(handle.db, 'sqlite')); // an SQLite file stepped through old migrations
    expect(chained).toHaveLength(25);
    expectChained(chained);
    expect(await firstBrokenLink(handle.db)).toBeNull();
    expect(() => handle.raw.exec("update audit_log set action = 'x' where id = 3")).toThrow(/append-only table: audit_log/);
    expect(() => handle.raw.exec('delete from audit_log where id = 3')).toThrow(/append-only table: audit_log/);
  });

  it('appendAudit chains the records of successive service calls', async () => {
    const fx = await buildBackend();
    cleanup.push(() => fx.close());
    const before = (await rows(fx.sql)).length;
    await fx.ok('shifts.open', { float: 20_000 }, fx.sessions.clerk1);
    await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk2);
    await fx.ok('sales.sell', { meterId: fx.meters.hall, request: { mode: 'money', amount: 5_000 }, tendered: 5_000, idempotencyKey: fx.key() }, fx.sessions.clerk1);
    await fx.ok('shifts.close', { counted: { 1000: 0 } }, fx.sessions.clerk2);
    const after = await rows(fx.sql);
    expect(after.map((r) => r.action).slice(before)).toEqual(['shift.open', 'shift.open', 'sale.create', 'shift.close']);
    expectChained(after);
    expect(await firstBrokenLink(fx.backend.database.db)).toBeNull();
  });
});
