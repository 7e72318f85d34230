import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';

/** Each append-only table with a column a tamperer would like to change, and the changed value. */
const APPEND_ONLY = {
  sales: ['payable_fen', 'payable_fen + 1'],
  ledger_entries: ['amount_fen', 'amount_fen - 1'],
  account_events: ['detail', "'{}'"],
  audit_log: ['action', "'nothing.happened'"],
  tariff_versions: ['effective_from', "'2099-01-01'"],
  tariff_tiers: ['price', 'price + 1'],
  voucher_images: ['mime', "'image/jpeg'"],
  voucher_draws: ['amount_fen', 'amount_fen + 1'],
  approvals: ['expires_at', "'2099-01-01T00:00:00.000Z'"],
  approval_decisions: ['decision', "'reject'"],
  approval_uses: ['entity_id', "'0'"],
  sale_reversals: ['amount_fen', 'amount_fen + 1'],
  deposit_obligations: ['due_date', "'2099-01-01'"],
  cash_drops: ['amount_fen', 'amount_fen + 1'],
  bank_deposits: ['amount_fen', 'amount_fen + 1'],
  deposit_items: ['amount_fen', 'amount_fen + 1'],
  meter_readings: ['total', 'total + 1'],
  meter_writes: ['amount', 'amount + 1'],
  meter_write_events: ['state', "'completed'"],
  control_jobs: ['effective_at', "'2099-01-01T00:00:00.000Z'"],
  control_job_events: ['kind', "'cancelled'"],
  control_job_targets: ['meter_id', 'meter_id + 1'],
  control_target_attempts: ['outcome', "'ok'"],
  tariff_tou_prices: ['peak', 'peak + 1'],
  balance_charges: ['charge_fen', 'charge_fen + 1'],
  balance_alerts: ['level', "'zero'"],
  cards: ['card_no', "'99999999'"],
  card_events: ['reason', "'改过'"],
  card_writes: ['image_hex', "'00'"],
  card_write_events: ['state', "'completed'"],
  card_fees: ['amount_fen', 'amount_fen + 1'],
  print_jobs: ['reprint_no', 'reprint_no + 1'], print_job_events: ['state', "'printed'"],
  backups: ['verified', '1 - verified'],
  reminder_contacts: ['outcome', "'note'"], sms_messages: ['body', "'x'"], sms_events: ['state', "'delivered'"],
} as const;

/** Vouchers: everything is fixed but `used_fen`, the one counter sales and reversals move. */
const VOUCHER_FIXED = {
  bank: "'其他银行'", bank_key: "'OTHER'", payer_account: "'0000-0000'", reference_no: "'REF-9999'", reference_key: "'REF-9999'", payer: "'某人'",
  amount_fen: 'amount_fen * 100', value_date: "'2026-01-01'", account_id: 'null', registered_by: 'registered_by', registered_at: "'2026-01-01T00:00:00.000Z'",
} as const;

/** The primary key of the append-only tables that have no `id`. */
const KEYS: Partial<Record<keyof typeof APPEND_ONLY, readonly string[]>> = {
  tariff_tiers: ['version_id', 'seq'], voucher_images: ['voucher_id'], approval_decisions: ['approval_id'], approval_uses: ['approval_id'], tariff_tou_prices: ['version_id'],
};
const keyOf = (table: string): readonly string[] => KEYS[table as keyof typeof APPEND_ONLY] ?? ['id'];

/** A CHECK constraint's refusal, in SQLite's words or PostgreSQL's. */
const CHECK_FAILED = /CHECK constraint failed|violates check constraint/;

let fx: Fixture;
let voucherId: number;
/** Saturday 2026-06-13 10:00 Beijing: not a bank working day, so holiday cash (and its deposit obligation) can be taken. */
beforeAll(async () => {
  fx = await buildBackend({ at: '2026-06-13T02:00:00.000Z' });
  const { sessions } = fx;
  const supervisor = { username: 'super1', password: 'super1234' };
  await fx.ok('shifts.open', { float: 10_000 }, sessions.clerk1);
  const sale = await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount: 10_000 }, tendered: 10_000, idempotencyKey: fx.key() }, sessions.clerk1);
  // A reversal, through a decided and used approval.
  const reversal = await fx.ok('approvals.request', { subject: { kind: 'reversal', saleId: sale.id }, reason: '收错' }, sessions.clerk1);
  await fx.ok('approvals.decide', { approvalId: reversal.id, decision: 'approve', approver: supervisor }, sessions.clerk1);
  await fx.ok('sales.reverse', { saleId: sale.id, approvalId: reversal.id, reason: '收错', idempotencyKey: fx.key() }, sessions.clerk1);
  // Holiday cash on a bank-transfer-only account: an approval, a sale and its deposit obligation.
  const bank = await fx.openAccount([fx.newMeter('money')]);
  await fx.ok('accounts.setSettlement', { accountId: bank.id, settlement: 'bank_transfer', reason: '对公' }, sessions.supervisor);
  const holiday = await fx.ok('approvals.request', { subject: { kind: 'holiday_cash', meterId: bank.meters[0]!.id, amount: 5_000 }, reason: '节假日' }, sessions.clerk1);
  await fx.ok('approvals.decide', { approvalId: holiday.id, decision: 'approve', approver: supervisor }, sessions.clerk1);
  await fx.ok('sales.sell', { meterId: bank.meters[0]!.id, request: { mode: 'money', amount: 5_000 }, tendered: 5_000, idempotencyKey: fx.key(), approvalId: holiday.id }, sessions.clerk1);
  // A voucher with its image, drawn on by a sale.
  const voucher = await fx.ok('vouchers.register', {
    bank: '中国银行', payerAccount: '6217-0000-0001', referenceNo: 'REF-0001', payer: '付款单位', amount: 20_000, valueDate: '2026-06-12', accountId: null,
    image: { mime: 'image/png', dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' },
  }, sessions.clerk1);
  voucherId = voucher.id;
  await fx.ok('sales.sell', { meterId: bank.meters[0]!.id, request: { mode: 'money', amount: 3_000 }, tendered: 3_000, idempotencyKey: fx.key(), voucherId }, sessions.clerk1);
  // A cash drop, banked with the obligation under one deposit slip.
  const drop = await fx.ok('cash.drop', { amount: 1_000, receiver: supervisor }, sessions.clerk1);
  const pending = await fx.ok('deposits.pending', {}, sessions.clerk1);
  const obligationIds = pending.obligations.map((o) => o.id);
  expect(obligationIds).toHaveLength(1);
  await fx.ok('deposits.record', { bank: '中国银行', slipRef: 'SLIP-0001', amount: 6_000, depositDate: '2026-06-13', obligationIds, dropIds: [drop.id] }, sessions.clerk1);
  // A collected reading (the sweeps themselves run against the simulator in tests/contract/meters-collection.test.ts).
  await fx.sql.run("insert into meter_readings (meter_id, read_at, total, quality) values (?, '2026-06-13T02:00:00.000Z', 12345, 'good')", [fx.meters.energy]);
  // A remote sale on a networked meter: its write and 'pending' event (no meter port here, so nothing is sent).
  const remote = await fx.openAccount([fx.newMeter('money', { creditVia: 'remote', cardNo: null, commAddress: '1' })]);
  const busId = (await fx.sql.one<{ id: number }>(`insert into meter_buses (code, name, kind, endpoint, baud_rate, data_bits, parity, stop_bits, created_at)
    values ('GW-1', '网关', 'tcp-raw', '127.0.0.1:4196', 9600, 8, 'none', 1, '2026-06-13T02:00:00.000Z') returning id`)).id;
  await fx.sql.run("update meters set bus_id = ?, protocol = 'modbus' where id = ?", [busId, remote.meters[0]!.id]);
  const remoteSale = await fx.ok('sales.sell', { meterId: remote.meters[0]!.id, request: { mode: 'money', amount: 2_000 }, tendered: 2_000, idempotencyKey: fx.key() }, sessions.clerk1);
  expect(remoteSale.delivery?.state).toBe('pending');
  // A control job with its event, target and one attempt (the life cycle runs in tests/contract/control-jobs.test.ts).
  const job = (await fx.sql.one<{ id: number }>(`insert into control_jobs (action, command, selection, reason, automatic, requested_by, created_at)
    values ('relay_trip', '{"action":"relay_trip"}', null, '测试', 1, null, '2026-06-13T02:00:00.000Z') returning id`)).id;
  await fx.sql.run("insert into control_job_events (job_id, kind, at, detail) values (?, 'submitted', '2026-06-13T02:00:00.000Z', '{}')", [job]);
  const target = (await fx.sql.one<{ id: number }>('insert into control_job_targets (job_id, meter_id) values (?, ?) returning id', [job, fx.meters.hall])).id;
  await fx.sql.run("insert into control_target_attempts (target_id, attempt, at, outcome, error_code, next_attempt_at) values (?, 1, '2026-06-13T02:00:00.000Z', 'error', 'timeout', '2026-06-13T02:01:00.000Z')", [target]);
  // A hall-kept meter's charged interval, its alert and a tariff version's time-of-use prices (the charging runs in tests/contract/balances.test.ts).
  const readingAt = async (total: number, at: string) => (await fx.sql.one<{ id: number }>("insert into meter_readings (meter_id, read_at, total, quality) values (?, ?, ?, 'good') returning id", [fx.meters.hall, at, total])).id;
  const fromReading = await readingAt(0, '2026-06-13T02:00:00.000Z');
  const toReading = await readingAt(100, '2026-06-13T02:15:00.000Z');
  const version = await fx.sql.one<{ id: number }>('select id, tariff_id from tariff_versions order by id limit 1');
  await fx.sql.run('insert into tariff_tou_prices (version_id, spike, peak, flat, valley) values (?, 9000, 6000, 4883, 3000)', [version.id]);
  const charge = (await fx.sql.one<{ id: number }>(`insert into balance_charges (meter_id, account_id, utility, period_key, tariff_version_id, from_reading_id, to_reading_id, units, charge_fen,
    balance_after_fen, detail, source, at) values (?, ?, 'electricity', 'Y2026', ?, ?, ?, 100, 49, -49, '{}', 'meter', '2026-06-13T02:15:00.000Z') returning id`, [fx.meters.hall, fx.accounts.hall.id, version.id, fromReading, toReading])).id;
  await fx.sql.run("insert into balance_alerts (meter_id, level, balance_fen, charge_id, at) values (?, 'alarm1', -49, ?, '2026-06-13T02:15:00.000Z')", [fx.meters.hall, charge]);
  const printJob = (await fx.sql.one<{ id: number }>("insert into print_jobs (kind, form, sale_id, receipt_no, reprint_no, driver, target, request, language, title, requested_by, created_at) values ('payment', 'a4', null, null, 0, 'simulator', 'sim', '{}', 'zh-CN', 't', null, '2026-06-13T02:00:00.000Z') returning id")).id;
  await fx.sql.run("insert into print_job_events (job_id, state, attempt, at, detail) values (?, 'failed', 1, '2026-06-13T02:00:00.000Z', '{}')", [printJob]);
  await fx.sql.run("insert into reminder_contacts (account_id, meter_id, kind, outcome, promised_date, note, user_id, at) values (?, ?, 'arrears', 'called', null, null, ?, '2026-06-13T02:00:00.000Z')", [fx.accounts.hall.id, fx.meters.hall, fx.users.clerk1]);
  const sms = (await fx.sql.one<{ id: number }>("insert into sms_messages (account_id, phone, body, parts, driver, requested_by, created_at) values (?, '13800001234', '请缴费', 1, 'modem', null, '2026-06-13T02:00:00.000Z') returning id", [fx.accounts.hall.id])).id;
  await fx.sql.run("insert into sms_events (message_id, state, reference, detail, at) values (?, 'sent', ',1,', '{}', '2026-06-13T02:00:00.000Z')", [sms]);
  await fx.sql.run("insert into backups (kind, file, size_bytes, sha256, started_at, finished_at, verified, failed_check, detail) values ('manual', '/x.sqlite', 1, 'ab', '2026-06-13T02:00:00.000Z', '2026-06-13T02:00:01.000Z', 1, null, '{}')");
  // A card, its loss report, a journaled write with its event and a replacement fee (the flows run in tests/contract/cards.test.ts).
  const card = (await fx.sql.one<{ id: number }>(`insert into cards (card_no, meter_id, kind, profile, issued_by, issued_at) values ('10000001', ?, 'user', 'halldesk-v1', ?, '2026-06-13T02:00:00.000Z') returning id`, [fx.meters.money, fx.users.clerk1])).id;
  await fx.sql.run("insert into card_events (card_id, kind, reason, user_id, at) values (?, 'blacklisted', '遗失', ?, '2026-06-13T02:00:00.000Z')", [card, fx.users.clerk1]);
  const write = (await fx.sql.one<{ id: number }>(`insert into card_writes (card_id, meter_id, kind, purchase_count, amount, address, image_hex, created_at)
    values (?, ?, 'issue', 0, 0, 32, 'AB', '2026-06-13T02:00:00.000Z') returning id`, [card, fx.meters.money])).id;
  await fx.sql.run("insert into card_write_events (write_id, state, at, detail) values (?, 'pending', '2026-06-13T02:00:00.000Z', '{}')", [write]);
  const shiftId = (await fx.sql.one<{ id: unknown }>("select id from shifts where status = 'open' limit 1")).id;
  const approval = (await fx.sql.one<{ id: unknown }>('select id from approvals limit 1')).id;
  await fx.sql.run(`insert into card_fees (receipt_no, idempotency_key, request_hash, card_id, meter_id, account_id, amount_fen, tendered_fen, approval_id, clerk_id, shift_id,
    counter_code, business_date, created_at) values ('A01-2026-900001', 'fee-key-1', 'h', ?, ?, ?, 2000, 2000, ?, ?, ?, 'A01', '2026-06-13', '2026-06-13T02:00:00.000Z')`, [card, fx.meters.money, fx.accounts.money.id, approval, fx.users.clerk1, shiftId]);
  // An unreferenced voucher too: no draw, no image, no sale points at it.
  await fx.ok('vouchers.register', {
    bank: '中国银行', payerAccount: '6217-0000-0002', referenceNo: 'REF-0002', payer: '付款单位', amount: 5_000, valueDate: '2026-06-12', accountId: null,
  }, sessions.clerk1);
});
afterAll(async () => { await fx.close(); });

/** The first row by primary key, and a `where` clause with its parameters that picks it. */
async function firstRow(table: string): Promise<{ row: Record<string, unknown> | undefined; where: string; params: unknown[] }> {
  const key = keyOf(table);
  const row = (await fx.sql.all(`select * from ${table} order by ${key.join(', ')} limit 1`))[0];
  return { row, where: key.map((k) => `${k} = ?`).join(' and '), params: key.map((k) => row?.[k]) };
}
const count = async (table: string) => Number((await fx.sql.one<{ n: number }>(`select count(*) as n from ${table}`)).n);
const voucherRows = () => fx.sql.all('select * from vouchers order by id');

/** The schema's own triggers with their tables, by name (SQLite's catalogue or PostgreSQL's pg_trigger). */
async function userTriggers(): Promise<{ t: string; name: string }[]> {
  if (fx.dialect === 'sqlite') return fx.sql.all("select tbl_name as t, name from sqlite_master where type = 'trigger' order by name");
  return fx.sql.all(`select c.relname as t, g.tgname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid
    where not g.tgisinternal and c.relnamespace = current_schema()::regnamespace order by g.tgname collate "C"`);
}

describe('append-only tables refuse UPDATE and DELETE in the database itself', () => {
  for (const [table, [column, changed]] of Object.entries(APPEND_ONLY)) {
    it(table, async () => {
      const { row, where, params } = await firstRow(table);
      expect(row).toBeDefined();
      const rows = await count(table);
      const message = `append-only table: ${table}`;
      await expect(fx.sql.run(`update ${table} set ${column} = ${changed} where ${where}`, params)).rejects.toThrow(message);
      await expect(fx.sql.run(`update ${table} set ${column} = ${column}`)).rejects.toThrow(message);
      await expect(fx.sql.run(`delete from ${table} where ${where}`, params)).rejects.toThrow(message);
      await expect(fx.sql.run(`delete from ${table}`)).rejects.toThrow(message);
      expect((await firstRow(table)).row).toEqual(row);
      expect(await count(table)).toBe(rows);
    });
  }

  it('exactly these tables carry the triggers (vouchers its own two)', async () => {
    const triggers = await userTriggers();
    const tables = [...new Set(triggers.map((r) => r.t))].sort();
    expect(tables).toEqual([...Object.keys(APPEND_ONLY), 'vouchers'].sort());
    // SQLite has no UPDATE-or-DELETE trigger, so each table has two there; PostgreSQL's one trigger covers both.
    const names = (table: string) => (fx.dialect === 'sqlite' ? [`${table}_no_delete`, `${table}_no_update`] : [`${table}_append_only`]);
    for (const table of Object.keys(APPEND_ONLY)) expect(triggers.filter((r) => r.t === table).map((r) => r.name)).toEqual(names(table));
    expect(triggers.filter((r) => r.t === 'vouchers').map((r) => r.name)).toEqual(['vouchers_fixed', 'vouchers_no_delete']);
  });

  it('mutable tables (meters, shifts, units_to_date) still update', async () => {
    expect((await fx.sql.run('update meters set remaining = remaining where id = ?', [fx.meters.energy])).changes).toBe(1);
    expect((await fx.sql.run('update units_to_date set units = units')).changes).toBe(1);
    expect((await fx.sql.run('update shifts set note = note')).changes).toBe(1);
  });
});

describe('vouchers: only used_fen moves, and never past the amount', () => {
  it('the fixture drew on a voucher', async () => {
    expect(await fx.sql.one('select amount_fen, used_fen from vouchers where id = ?', [voucherId])).toEqual({ amount_fen: 20_000, used_fen: 3_000 });
  });

  for (const [column, changed] of Object.entries(VOUCHER_FIXED)) {
    it(`UPDATE of ${column} is refused`, async () => {
      const before = await voucherRows();
      await expect(fx.sql.run(`update vouchers set ${column} = ${changed} where id = ?`, [voucherId])).rejects.toThrow('append-only columns: vouchers');
      await expect(fx.sql.run(`update vouchers set ${column} = ${column}`)).rejects.toThrow('append-only columns: vouchers');
      await expect(fx.sql.run(`update vouchers set used_fen = used_fen, ${column} = ${column} where id = ?`, [voucherId])).rejects.toThrow('append-only columns: vouchers');
      expect(await voucherRows()).toEqual(before);
    });
  }

  it('the trigger names every column but id and used_fen (a new column must be added to it)', async () => {
    const columns = Object.keys(await fx.sql.one('select * from vouchers where id = ?', [voucherId]));
    expect(columns.filter((c) => c !== 'id' && c !== 'used_fen').sort()).toEqual(Object.keys(VOUCHER_FIXED).sort());
  });

  it('UPDATE of id is refused, even for a voucher nothing refers to (its ledger lines name it by VCH-<id>)', async () => {
    const before = await voucherRows();
    const unreferenced = await fx.sql.one<{ id: number }>('select max(id) as id from vouchers');
    await expect(fx.sql.run('update vouchers set id = 900 where id = ?', [unreferenced.id])).rejects.toThrow();
    expect(await voucherRows()).toEqual(before);
  });

  it('DELETE is refused', async () => {
    const rows = await count('vouchers');
    await expect(fx.sql.run('delete from vouchers where id = ?', [voucherId])).rejects.toThrow('append-only table: vouchers');
    await expect(fx.sql.run('delete from vouchers')).rejects.toThrow('append-only table: vouchers');
    expect(await count('vouchers')).toBe(rows);
  });

  it('used_fen may move within 0..amount_fen; the CHECK refuses an over-draw or a negative', async () => {
    const before = await voucherRows();
    expect((await fx.sql.run('update vouchers set used_fen = used_fen where id = ?', [voucherId])).changes).toBe(1);
    await expect(fx.sql.run('update vouchers set used_fen = amount_fen + 1 where id = ?', [voucherId])).rejects.toThrow(CHECK_FAILED);
    await expect(fx.sql.run('update vouchers set used_fen = used_fen + 17001 where id = ?', [voucherId])).rejects.toThrow(CHECK_FAILED);
    await expect(fx.sql.run('update vouchers set used_fen = -1 where id = ?', [voucherId])).rejects.toThrow(CHECK_FAILED);
    await expect(fx.sql.run("insert into vouchers (bank, bank_key, payer_account, reference_no, reference_key, payer, amount_fen, used_fen, value_date, registered_by, registered_at) select bank, bank_key, payer_account, 'X-1', 'X-1', payer, 100, 101, value_date, registered_by, registered_at from vouchers where id = ?", [voucherId]))
      .rejects.toThrow(CHECK_FAILED);
    expect(await voucherRows()).toEqual(before);
  });
});
