import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import { refusedWithoutWrites } from '../support/refusals';
import type { Fixture, NewMeter } from '../support/backend';
import { verifyBooks } from '../../electron/db/verify';
import type { AccountView, AuditEntryView, SaleView } from '../../shared/contract/views';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
});
afterAll(async () => { await fx.close(); });

async function cleanBooks() {
  const checks = await verifyBooks(fx.backend.database.db);
  expect(checks.filter((c) => !c.ok)).toEqual([]);
}
const sell = async (meterId: number, amount: number): Promise<SaleView> =>
  fx.ok('sales.sell', { meterId, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: fx.key() }, fx.sessions.clerk1);
const auditOf = async (accountId: number): Promise<readonly AuditEntryView[]> =>
  fx.ok('audit.list', { entity: 'account', entityId: String(accountId) }, fx.sessions.supervisor);
const meterRow = (id: number) => fx.sql.one('select status, card_no, credit_fen, remaining, overdraft, removed_at from meters where id = ?', [id]);


describe('accounts.open', () => {
  it('numbers the customer C… and the account H…, with an audit row and an open event', async () => {
    const before = await fx.counts();
    const meter = fx.newMeter('energy');
    const view = await fx.openAccount([meter], { name: '王五', phone: '13900001111' });
    expect(view.customer.customerNo).toMatch(/^C\d{8}$/);
    expect(view.accountNo).toMatch(/^H\d{8}$/);
    expect(view).toMatchObject({ status: 'open', category: 'residential', openedAt: '2026-06-15T02:00:00.000Z', closedAt: null });
    expect(view.customer).toMatchObject({ name: '王五', phone: '13900001111' });
    expect(view.meters).toHaveLength(1);
    expect(view.meters[0]).toMatchObject({ meterNo: meter.meterNo, cardNo: meter.cardNo, status: 'active', credit: 0, remaining: 0, currentTier: 1 });
    const after = await fx.counts();
    expect({ customers: after.customers - before.customers, accounts: after.accounts - before.accounts, meters: after.meters - before.meters,
      account_events: after.account_events - before.account_events, audit_log: after.audit_log - before.audit_log })
      .toEqual({ customers: 1, accounts: 1, meters: 1, account_events: 1, audit_log: 1 });
    const events = await fx.ok('accounts.events', { accountId: view.id }, fx.sessions.clerk1);
    expect(events).toEqual([{ id: expect.any(Number), accountId: view.id, kind: 'open', receiptNo: null, detail: { meters: [meter.meterNo] }, createdAt: '2026-06-15T02:00:00.000Z' }]);
    const audit = await auditOf(view.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'account.open', userId: fx.users.clerk1, before: null, after: view });
  });

  it('refuses a taken meter number, a taken card, a duplicate within the request and an occupied room', async () => {
    const existing = fx.accounts.energy.meters[0]!;
    const input = (meters: NewMeter[], room = '901') => ({
      customer: { name: '赵六', category: 'residential' as const }, premises: { area: '幸福小区', building: '9', unit: '9', room }, category: 'residential' as const, meters,
    });
    const taken = await refusedWithoutWrites(fx, 'accounts.open', input([fx.newMeter('energy', { meterNo: existing.meterNo })]), fx.sessions.clerk1, 'meter-no-taken');
    expect(taken.message).toBe(`表号 ${existing.meterNo} 已被使用`);
    const card = await refusedWithoutWrites(fx, 'accounts.open', input([fx.newMeter('energy', { cardNo: existing.cardNo })]), fx.sessions.clerk1, 'card-no-taken');
    expect(card.message).toBe(`卡号 ${existing.cardNo} 已被使用（一表一卡）`);
    const twice = fx.newMeter('energy');
    await refusedWithoutWrites(fx, 'accounts.open', input([twice, fx.newMeter('water', { meterNo: twice.meterNo })]), fx.sessions.clerk1, 'meter-no-taken');
    await refusedWithoutWrites(fx, 'accounts.open', input([twice, fx.newMeter('water', { cardNo: twice.cardNo })]), fx.sessions.clerk1, 'card-no-taken');
    await refusedWithoutWrites(fx, 'accounts.open', input([fx.newMeter('energy', { tariffId: fx.tariffs.water })]), fx.sessions.clerk1, 'tariff-utility-mismatch');
    const first = await fx.ok('accounts.open', input([fx.newMeter('energy')], '902'), fx.sessions.clerk1);
    expect(first.premises.roomKey).toBe('9-9-902');
    await refusedWithoutWrites(fx, 'accounts.open', input([fx.newMeter('energy')], '902'), fx.sessions.clerk1, 'premises-occupied');
  });
});

describe('accounts.changeOwner (过户)', () => {
  it('moves the account to a new customer with an audited before/after; the same owner is refused', async () => {
    const view = await fx.openAccount([fx.newMeter('energy')], { name: '张三', phone: '13800000001' });
    await refusedWithoutWrites(fx, 'accounts.changeOwner', { accountId: view.id, newOwner: { name: '张三', phone: '13800000001', category: 'residential' }, reason: '过户' },
      fx.sessions.supervisor, 'same-owner');
    const after = await fx.ok('accounts.changeOwner', { accountId: view.id, newOwner: { name: '李四', phone: '13800000002', category: 'residential' }, reason: '房屋买卖' }, fx.sessions.supervisor);
    expect(after.customer).toMatchObject({ name: '李四', phone: '13800000002' });
    expect(after.customer.customerNo).not.toBe(view.customer.customerNo);
    expect(after.accountNo).toBe(view.accountNo);
    expect(after.meters.map((m) => m.id)).toEqual(view.meters.map((m) => m.id));
    const audit = await auditOf(view.id);
    expect(audit[0]).toMatchObject({ action: 'account.change-owner', userId: fx.users.supervisor });
    expect((audit[0]!.before as AccountView).customer.name).toBe('张三');
    expect((audit[0]!.after as AccountView).customer.name).toBe('李四');
    const events = await fx.ok('accounts.events', { accountId: view.id }, fx.sessions.clerk1);
    expect(events.map((e) => e.kind)).toEqual(['open', 'change_owner']);
    expect(events[1]!.detail).toEqual({ from: view.customer.id, to: after.customer.id, reason: '房屋买卖' });
  });
});

describe('accounts.changeMeter (换表)', () => {
  it('carries the residual, the overdraft and the held credit to the new meter, which may take the released card', async () => {
    const oldMeter = fx.newMeter('energy');
    const view = await fx.openAccount([oldMeter]);
    const oldId = view.meters[0]!.id;
    const sale = await sell(oldId, 10_000);
    expect(sale.creditAfter).toBe(39);
    await fx.sql.run('update meters set overdraft = 300 where id = ?', [oldId]);
    await refusedWithoutWrites(fx, 'accounts.changeMeter', {
      accountId: view.id, oldMeterId: oldId, finalRemaining: 12_345, newMeter: fx.newMeter('water'), reason: '表计故障',
    }, fx.sessions.supervisor, 'utility-mismatch');
    const replacement = fx.newMeter('energy', { cardNo: oldMeter.cardNo });
    const after = await fx.ok('accounts.changeMeter', { accountId: view.id, oldMeterId: oldId, finalRemaining: 12_345, newMeter: replacement, reason: '表计故障' }, fx.sessions.supervisor);
    const newView = after.meters.find((m) => m.meterNo === replacement.meterNo)!;
    expect(newView).toMatchObject({ status: 'active', cardNo: oldMeter.cardNo, credit: 39, remaining: 12_345, overdraft: 300 });
    expect(await meterRow(oldId)).toEqual({ status: 'removed', card_no: null, credit_fen: 0, remaining: 12_345, overdraft: 0, removed_at: '2026-06-15T02:00:00.000Z' });
    const transfer = await fx.sql.all('select book, meter_id as "meterId", amount_fen as amount, shift_id as "shiftId" from ledger_entries where txn_ref = ? order by id', [`MC-${oldId}-${newView.id}`]);
    expect(transfer).toEqual([
      { book: 'customer_credit', meterId: oldId, amount: 39, shiftId: null },
      { book: 'customer_credit', meterId: newView.id, amount: -39, shiftId: null },
    ]);
    const events = await fx.ok('accounts.events', { accountId: view.id }, fx.sessions.clerk1);
    expect(events.at(-1)).toMatchObject({ kind: 'change_meter', detail: { oldMeterId: oldId, newMeterId: newView.id, carriedRemaining: 12_345, carriedCredit: 39, reason: '表计故障' } });
    expect((await auditOf(view.id))[0]).toMatchObject({ action: 'account.change-meter', userId: fx.users.supervisor });
    const next = await sell(newView.id, 10_000);
    expect(next).toMatchObject({ creditBefore: 39, units: 20_500, overdraftRecovered: 300 });
    await refusedWithoutWrites(fx, 'sales.sell', { meterId: oldId, request: { mode: 'money', amount: 100 }, tendered: 100, idempotencyKey: fx.key() }, fx.sessions.clerk1, 'meter-removed');
    await refusedWithoutWrites(fx, 'accounts.changeMeter', {
      accountId: view.id, oldMeterId: oldId, finalRemaining: 0, newMeter: fx.newMeter('energy'), reason: '再换',
    }, fx.sessions.supervisor, 'meter-removed');
    await cleanBooks();
  });
});

describe('accounts.close (销户)', () => {
  /** The acting supervisor asks; a second supervisor (super2) approves at the counter: nobody approves their own refund. */
  async function refundApproval(accountId: number, amount: number): Promise<number> {
    if (!(await fx.ok('users.list', {}, fx.sessions.admin)).some((u) => u.username === 'super2')) {
      await fx.ok('users.create', { username: 'super2', displayName: '二号主管', role: 'supervisor', password: 'super2234' }, fx.sessions.admin);
    }
    const request = await fx.ok('approvals.request', { subject: { kind: 'refund', accountId, amount }, reason: '销户退款' }, fx.sessions.supervisor);
    await fx.ok('approvals.decide', { approvalId: request.id, decision: 'approve', note: null, approver: { username: 'super2', password: 'super2234' } }, fx.sessions.supervisor);
    return request.id;
  }

  it('refunds held credit and residuals from the supervisor\'s drawer, removing every meter', async () => {
    const view = await fx.openAccount([fx.newMeter('energy'), fx.newMeter('money')]);
    const [energy, money] = [view.meters[0]!.id, view.meters[1]!.id];
    await sell(energy, 10_000); // 204 kWh on the meter, 0.39 held
    await sell(money, 5_000); // 50.00 yuan on the card
    const refunds = (energyRefund: number, moneyRefund: number) => ({
      accountId: view.id, residuals: [{ meterId: energy, refund: energyRefund }, { meterId: money, refund: moneyRefund }], reason: '拆迁销户',
    });
    const noShift = await refusedWithoutWrites(fx, 'accounts.close', refunds(10_000, 5_000), fx.sessions.supervisor, 'no-open-shift');
    expect(noShift.message).toBe('请先开班');
    const shift = await fx.ok('shifts.open', { float: 100_000 }, fx.sessions.supervisor);
    // The energy meter's 204 kWh are worth at most 204 × 0.7883 = 160.81 yuan; the money meter holds 50.00.
    const tooMuch = await refusedWithoutWrites(fx, 'accounts.close', refunds(10_000, 5_001), fx.sessions.supervisor, 'residual-too-large');
    expect(tooMuch.message).toBe('退还的表内剩余超过该表可退上限 50.00 元');
    await refusedWithoutWrites(fx, 'accounts.close', refunds(16_082, 0), fx.sessions.supervisor, 'residual-too-large');
    // The refund leaves the drawer only against a second supervisor's approval of exactly this amount.
    await refusedWithoutWrites(fx, 'accounts.close', refunds(16_081, 5_000), fx.sessions.supervisor, 'approval-required');
    const approvalId = await refundApproval(view.id, 21_120);
    await refusedWithoutWrites(fx, 'accounts.close', { ...refunds(16_081, 4_999), approvalId }, fx.sessions.supervisor, 'approval-mismatch');
    const closed = await fx.ok('accounts.close', { ...refunds(16_081, 5_000), approvalId }, fx.sessions.supervisor);
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-06-15T02:00:00.000Z', refunded: 21_120, receiptNo: expect.stringMatching(/^A01-2026-\d{6}$/) });
    expect(closed.meters.map((m) => [m.status, m.credit, m.remaining])).toEqual([['removed', 0, 0], ['removed', 0, 0]]);
    const lines = await fx.sql.all('select book, meter_id as "meterId", amount_fen as amount, shift_id as "shiftId" from ledger_entries where txn_ref = ? order by id', [closed.receiptNo]);
    expect(lines).toEqual([
      { book: 'customer_credit', meterId: energy, amount: 39, shiftId: null },
      { book: 'revenue', meterId: energy, amount: 16_081, shiftId: null },
      { book: 'cash', meterId: null, amount: -16_120, shiftId: shift.id },
      { book: 'revenue', meterId: money, amount: 5_000, shiftId: null },
      { book: 'cash', meterId: null, amount: -5_000, shiftId: shift.id },
    ]);
    const report = await fx.ok('shifts.report', { shiftId: shift.id }, fx.sessions.supervisor);
    expect(report).toMatchObject({ refundsTotal: 21_120, cashIn: -21_120, expectedCash: 100_000 - 21_120, saleCount: 0 });
    const events = await fx.ok('accounts.events', { accountId: view.id }, fx.sessions.clerk1);
    expect(events.at(-1)).toMatchObject({ kind: 'close', receiptNo: closed.receiptNo, detail: { total: 21_120, reason: '拆迁销户' } });
    await refusedWithoutWrites(fx, 'sales.sell', { meterId: energy, request: { mode: 'money', amount: 100 }, tendered: 100, idempotencyKey: fx.key() }, fx.sessions.clerk1, 'account-closed');
    await refusedWithoutWrites(fx, 'accounts.close', { accountId: view.id, residuals: [], reason: '再销' }, fx.sessions.supervisor, 'account-closed');
    await cleanBooks();
    // The room is free again for a new account.
    const reopened = await fx.ok('accounts.open', {
      customer: { name: '新户', category: 'residential' }, premises: { area: '幸福小区', building: view.premises.building, unit: view.premises.unit, room: view.premises.room },
      category: 'residential', meters: [fx.newMeter('hall')],
    }, fx.sessions.clerk1);
    expect(reopened.premises.roomKey).toBe(view.premises.roomKey);
  });

  it('closes without a shift when nothing is refunded, still under a receipt serial', async () => {
    const view = await fx.openAccount([fx.newMeter('hall')]);
    await fx.ok('shifts.current', {}, fx.sessions.clerk2).then((s) => expect(s).toBeNull());
    const closed = await fx.ok('accounts.close', { accountId: view.id, residuals: [], reason: '空户' }, fx.sessions.supervisor);
    expect(closed).toMatchObject({ status: 'closed', refunded: 0 });
    expect(Number((await fx.sql.one<{ n: number }>('select count(*) as n from ledger_entries where txn_ref = ?', [closed.receiptNo])).n)).toBe(0);
    await cleanBooks();
  });

  it('refuses to close while a meter still has an overdraft to repay, writing nothing', async () => {
    const view = await fx.openAccount([fx.newMeter('energy')]);
    await fx.sql.run('update meters set overdraft = 500 where id = ?', [view.meters[0]!.id]);
    const refused = await refusedWithoutWrites(fx, 'accounts.close', { accountId: view.id, residuals: [], reason: '欠费销户' }, fx.sessions.supervisor, 'meter-has-overdraft');
    expect(refused.message).toBe('该表尚有透支未还');
  });
});
