import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, PASSWORDS, sqliteOf, START } from '../support/backend';
import { splitStatements, sqlRunner } from '../support/sql';
import type { Fixture } from '../support/backend';
import { verifyBooks } from '../../electron/db/verify';
import { auditHash } from '../../electron/db/audit-chain.mjs';
import type { ChainedRecord } from '../../electron/db/audit-chain.mjs';
import { backupTo } from '../../electron/db/sqlite-maintenance';
import { openSqlite } from '../../electron/db/open-sqlite';
import { approvedBySupervisor } from '../support/approve';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index';
import { NeedsSqliteError } from '../../electron/db/database-handle';
import { guards, unguard, withDataDb } from '../support/tamper';

/** Thrown to roll a tampering transaction back. */
class RolledBack extends Error {}

const CHECKS = ['ledger-transactions-balance', 'sale-payment-matches-payable', 'sale-revenue-matches-charge', 'meter-credit-equals-ledger',
  'units-to-date-equal-sales', 'receipt-serials-gapless', 'closed-shifts-reconcile', 'voucher-used-equals-draws', 'voucher-funds-equal-ledger',
  'deposits-equal-items', 'audit-chain-intact'];

/** Real business: an energy sale across a tier, water, money and hall sales, a closed shift, a meter change and a closed account. */
async function trade(fx: Fixture) {
  const { sessions, meters } = fx;
  const sell = (session: string, meterId: number, amount: number) =>
    fx.ok('sales.sell', { meterId, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: fx.key() }, session);
  await fx.ok('shifts.open', { float: 20_000 }, sessions.clerk1);
  await fx.ok('shifts.open', { float: 0 }, sessions.clerk2);
  await fx.ok('shifts.open', { float: 50_000 }, sessions.supervisor);
  const first = await sell(sessions.clerk1, meters.energy, 150_000);
  for (const [meterId, amount] of [[meters.water, 5_000], [meters.money, 5_000], [meters.hall, 20_000]] as const) await sell(sessions.clerk1, meterId, amount);
  await sell(sessions.clerk2, meters.hall, 3_000);
  await fx.ok('shifts.close', { counted: { 1000: 3 } }, sessions.clerk2);
  const moved = await fx.openAccount([fx.newMeter('energy')]);
  await sell(sessions.clerk1, moved.meters[0]!.id, 10_000);
  await fx.ok('accounts.changeMeter', { accountId: moved.id, oldMeterId: moved.meters[0]!.id, finalRemaining: 100, newMeter: fx.newMeter('energy'), reason: '换表' }, sessions.supervisor);
  const closing = await fx.openAccount([fx.newMeter('hall')]);
  await sell(sessions.clerk1, closing.meters[0]!.id, 8_000);
  const approvalId = await approvedBySupervisor(fx, { kind: 'refund', accountId: closing.id, amount: 8_000 }, sessions.clerk1);
  await fx.ok('accounts.close', { accountId: closing.id, residuals: [], reason: '销户', approvalId }, sessions.clerk1);
  // Money discipline: a voucher paying a sale, a cash drop and its deposit at the bank, a reversal.
  const voucher = await fx.ok('vouchers.register', {
    bank: '工商银行', payerAccount: '6222000011112222', referenceNo: 'TR-0001', payer: '某公司', amount: 50_000, valueDate: '2026-06-15', accountId: null,
  }, sessions.clerk1);
  await fx.ok('sales.sell', { meterId: meters.money, request: { mode: 'money', amount: 20_000 }, tendered: 20_000, idempotencyKey: fx.key(), voucherId: voucher.id }, sessions.clerk1);
  const drop = await fx.ok('cash.drop', { amount: 10_000, receiver: { username: 'super1', password: PASSWORDS.supervisor }, note: null }, sessions.clerk1);
  await fx.ok('deposits.record', { bank: '工商银行', slipRef: 'DEP-0001', amount: 10_000, depositDate: '2026-06-15', obligationIds: [], dropIds: [drop.id] }, sessions.supervisor);
  const reversed = await sell(sessions.clerk1, meters.water, 2_000);
  const reversal = await approvedBySupervisor(fx, { kind: 'reversal', saleId: reversed.id }, sessions.clerk1);
  await fx.ok('sales.reverse', { saleId: reversed.id, approvalId: reversal, reason: '收错表', idempotencyKey: fx.key() }, sessions.clerk1);
  return { first };
}

describe('verifyBooks', () => {
  let fx: Fixture;
  let saleId: number;
  beforeAll(async () => {
    fx = await buildBackend();
    saleId = (await trade(fx)).first.id;
  });
  afterAll(async () => { await fx.close(); });

  const failing = async () => (await verifyBooks(fx.backend.database.db)).filter((c) => !c.ok);
  /** Tampers inside a transaction, reports what verify finds there, then rolls the tampering back. */
  async function tampered(script: string) {
    let found: Awaited<ReturnType<typeof failing>> = [];
    try {
      await fx.backend.database.db.transaction().execute(async (trx) => {
        const sql = sqlRunner(trx, fx.dialect);
        for (const statement of splitStatements(script)) await sql.run(statement);
        found = (await verifyBooks(trx)).filter((c) => !c.ok);
        throw new RolledBack();
      });
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
    return found;
  }
  const names = (checks: { name: string }[]) => checks.map((c) => c.name);

  it('is clean after real business, every check run', async () => {
    const checks = await verifyBooks(fx.backend.database.db);
    expect(checks.map((c) => [c.name, c.ok, c.offenders])).toEqual(CHECKS.map((name) => [name, true, []]));
  });

  it('finds a meter whose held credit no longer equals its ledger', async () => {
    const found = await tampered(`update meters set credit_fen = credit_fen + 1 where id = ${fx.meters.energy}`);
    expect(names(found)).toEqual(['meter-credit-equals-ledger']);
    expect(found[0]!.offenders).toEqual([expect.objectContaining({ meter_no: fx.accounts.energy.meters[0]!.meterNo })]);
  });

  it('finds units-to-date that no longer equal the sales behind them', async () => {
    expect(names(await tampered('update units_to_date set units = units + 100'))).toEqual(['units-to-date-equal-sales']);
  });

  it('finds a deleted cash line once the tamperer has dropped the trigger', async () => {
    const found = await tampered(`${unguard(fx.dialect, 'ledger_entries', 'delete')}; delete from ledger_entries where sale_id = ${saleId} and book = 'cash'`);
    expect(names(found)).toEqual(['ledger-transactions-balance', 'sale-payment-matches-payable']);
    expect(await failing()).toEqual([]);
    expect(await guards(fx.sql, fx.dialect, 'ledger_entries', 'delete')).toBe(1);
  });

  it('finds a changed revenue line', async () => {
    const found = await tampered(`${unguard(fx.dialect, 'ledger_entries', 'update')}; update ledger_entries set amount_fen = amount_fen + 1 where sale_id = ${saleId} and book = 'revenue'`);
    expect(names(found)).toEqual(['ledger-transactions-balance', 'sale-revenue-matches-charge']);
  });

  it('finds a gap in the receipt serials', async () => {
    expect(names(await tampered('update receipt_sequences set last_no = last_no + 1'))).toEqual(['receipt-serials-gapless']);
    expect(names(await tampered("insert into receipt_sequences (counter_code, year, last_no) values ('B02', 2026, 1)"))).toEqual(['receipt-serials-gapless']);
  });

  it('finds a serial missing from the middle even when the count was patched to match', async () => {
    const sale = await fx.sql.one<{ id: number; receipt_no: string }>("select id, receipt_no from sales where receipt_no = 'A01-2026-000003'");
    expect(await fx.sql.one('select credit_kind from sales where id = ?', [sale.id])).toEqual({ credit_kind: 'money' });
    const found = await tampered(`${unguard(fx.dialect, 'sales', 'delete')}; ${unguard(fx.dialect, 'ledger_entries', 'delete')};
      delete from ledger_entries where txn_ref = '${sale.receipt_no}'; delete from sales where id = ${sale.id};
      update receipt_sequences set last_no = last_no - 1`);
    expect(names(found)).toEqual(['receipt-serials-gapless']);
  });

  it('finds a voucher whose used amount no longer equals its draws', async () => {
    expect(names(await tampered('update vouchers set used_fen = used_fen - 1'))).toEqual(['voucher-used-equals-draws', 'voucher-funds-equal-ledger']);
  });

  it('finds a deposit whose amount differs from what it banked', async () => {
    expect(names(await tampered(`${unguard(fx.dialect, 'bank_deposits', 'update')}; update bank_deposits set amount_fen = amount_fen + 1`))).toEqual(['deposits-equal-items']);
  });

  it('finds a reversed sale whose units were put back twice', async () => {
    expect(names(await tampered(`${unguard(fx.dialect, 'sale_reversals', 'delete')}; delete from sale_reversals`))).toEqual(['units-to-date-equal-sales', 'receipt-serials-gapless']);
  });

  it('finds a closed shift whose expected cash was edited', async () => {
    expect(names(await tampered("update shifts set expected_fen = expected_fen - 100, short_over_fen = short_over_fen + 100 where status = 'closed'")))
      .toEqual(['closed-shifts-reconcile']);
  });

  /** An audit record from the middle of the chain, and the one after it. */
  const middleAudit = async () => {
    const records = Number((await fx.sql.one<{ n: number }>('select count(*) as n from audit_log')).n);
    return fx.sql.all<{ id: number }>('select id from audit_log order by id limit 2 offset ?', [Math.floor(records / 2)]);
  };

  it('finds an audit record edited with raw SQL, naming it', async () => {
    const [middle] = await middleAudit();
    const found = await tampered(`${unguard(fx.dialect, 'audit_log', 'update')}; update audit_log set after_json = '{"payable":1}' where id = ${middle!.id}`);
    expect(names(found)).toEqual(['audit-chain-intact']);
    expect(found[0]!.offenders).toEqual([expect.objectContaining({ id: middle!.id, field: 'hash' })]);
  });

  it('finds a deleted audit record at the record after it', async () => {
    const [middle, next] = await middleAudit();
    const found = await tampered(`${unguard(fx.dialect, 'audit_log', 'delete')}; delete from audit_log where id = ${middle!.id}`);
    expect(names(found)).toEqual(['audit-chain-intact']);
    const stored = await fx.sql.one<{ prev_hash: string }>('select prev_hash from audit_log where id = ?', [next!.id]);
    expect(found[0]!.offenders).toEqual([expect.objectContaining({ id: next!.id, field: 'prev_hash', stored: stored.prev_hash })]);
  });

  it('finds a forged record, and an edited record whose own hash was recomputed', async () => {
    const last = await fx.sql.one<{ id: number; hash: string }>('select id, hash from audit_log order by id desc limit 1');
    const forged = await tampered(`insert into audit_log (at, user_id, action, entity, entity_id, prev_hash, hash)
      values ('${START}', null, 'sale.create', 'sale', '1', '${last.hash}', 'made-up')`);
    expect(forged[0]!.offenders).toEqual([expect.objectContaining({ id: last.id + 1, field: 'hash' })]);
    const [middle, next] = await middleAudit();
    // A tamperer who knows the hash function can make the edited record consistent, but not the link the next record stores.
    const row = await fx.sql.one<ChainedRecord & { prev_hash: string }>('select * from audit_log where id = ?', [middle!.id]);
    const hash = auditHash(row.prev_hash, { ...row, after_json: '{}' });
    const rehashed = await tampered(`${unguard(fx.dialect, 'audit_log', 'update')}; update audit_log set after_json = '{}', hash = '${hash}' where id = ${middle!.id}`);
    expect(rehashed[0]!.offenders).toEqual([expect.objectContaining({ id: next!.id, field: 'prev_hash', expected: hash })]);
  });

  it('backupTo writes a verified copy and refuses to overwrite a file (a server database is not a file: refused there)', async () => {
    if (fx.dialect === 'postgres') return expect(() => sqliteOf(fx.backend)).toThrow(NeedsSqliteError);
    const dir = await mkdtemp(join(tmpdir(), 'halldesk-backup-'));
    try {
      const target = join(dir, 'copy.sqlite');
      const sales = Number((await fx.sql.one<{ n: number }>('select count(*) as n from sales')).n);
      const report = await backupTo(sqliteOf(fx.backend), target);
      expect(report).toMatchObject({ file: target, schemaVersion: LATEST_SCHEMA_VERSION, sales });
      expect(report.pages).toBeGreaterThan(0);
      const copy = openSqlite(target, { readonly: true });
      try {
        expect((await verifyBooks(copy.db)).every((c) => c.ok)).toBe(true);
        expect(Number((copy.raw.prepare('select count(*) as n from ledger_entries').get() as { n: number }).n))
          .toBe(Number((await fx.sql.one<{ n: number }>('select count(*) as n from ledger_entries')).n));
      } finally {
        await copy.close();
      }
      const existing = join(dir, 'existing.sqlite');
      await writeFile(existing, 'keep me');
      await expect(backupTo(sqliteOf(fx.backend), existing)).rejects.toThrow(`refusing to overwrite ${existing}`);
      expect(await readFile(existing, 'utf8')).toBe('keep me');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the halldesk CLI, end to end', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  let fx: Fixture;
  beforeAll(async () => {
    fx = await buildBackend();
    await trade(fx);
    await fx.backend.close();
  });
  afterAll(async () => { await rm(fx.dataDir, { recursive: true, force: true }); });

  function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['electron/cli/bin.mjs', ...args], { cwd: root, env: { ...process.env, HALLDESK_DATA: fx.dataDir } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('db backup writes a verified file on SQLite; on PostgreSQL it refuses, naming the server\'s own tools', async () => {
    const file = join(fx.dataDir, 'by-cli.sqlite');
    const backup = await cli('db', 'backup', file, '--data', fx.dataDir);
    if (fx.dialect === 'sqlite') {
      expect({ code: backup.code, stderr: backup.stderr }).toEqual({ code: 0, stderr: '' });
      expect(backup.stdout).toContain(`backup good: ${file}`);
    } else {
      expect(backup.code).toBe(1);
      expect(backup.stderr).toContain('halldesk db backup: db backup works on the embedded SQLite database only');
      expect(backup.stderr).toContain('pg_dump');
    }
    expect(existsSync(file)).toBe(fx.dialect === 'sqlite');
  });

  it('db verify exits 0 on clean books and 1 after tampering', async () => {
    const clean = await cli('db', 'verify', '--data', fx.dataDir);
    expect({ code: clean.code, stderr: clean.stderr }).toEqual({ code: 0, stderr: '' });
    expect(clean.stdout).toContain('database is clean and balanced');
    await withDataDb(fx.dataDir, fx.dialect, async (sql) => { await sql.run('update meters set credit_fen = credit_fen + 1 where id = ?', [fx.meters.hall]); });
    const dirty = await cli('db', 'verify', '--data', fx.dataDir, '--json');
    expect(dirty.code).toBe(1);
    const report = JSON.parse(dirty.stdout) as { clean: boolean; checks: { name: string; ok: boolean }[] };
    expect(report.clean).toBe(false);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['meter-credit-equals-ledger']);
  });

  it('db verify exits 1 on an audit chain edited with raw SQL, reporting the record', async () => {
    let id = 0;
    await withDataDb(fx.dataDir, fx.dialect, async (sql) => {
      await sql.run('update meters set credit_fen = credit_fen - 1 where id = ?', [fx.meters.hall]); // undo the previous test's tampering
      id = Number((await sql.one<{ id: number }>('select min(id) + 1 as id from audit_log')).id);
      await sql.run(unguard(fx.dialect, 'audit_log', 'update'));
      await sql.run('update audit_log set action = ? where id = ?', ['nothing.happened', id]);
    });
    const dirty = await cli('db', 'verify', '--data', fx.dataDir);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toMatch(new RegExp(`FAIL audit-chain-intact \\[\\{"id":${id},"field":"hash"`));
    expect(dirty.stdout.match(/^FAIL/gm)).toHaveLength(1);
  });

  it('answers bad arguments with exit 2 and one line on stderr, and --help with 0', async () => {
    const [bogus, noFile, help] = await Promise.all([cli('db', 'migrate', '--bogus'), cli('db', 'backup'), cli('--help')]);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr.trim().split('\n')).toHaveLength(1);
    expect(bogus.stderr).toContain('halldesk db migrate:');
    expect(bogus.stderr).toContain('--bogus');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr.trim()).toBe('halldesk db backup: usage: halldesk db backup FILE [--data DIR]');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: halldesk <command>');
    expect(help.stdout).toContain('db verify');
  });
});
