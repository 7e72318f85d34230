/**
 * Hall-kept balances (远程费控, issue 5 item 7) through the contract: readings inserted through the database (the
 * sweep → charge path against the simulator is tests/contract/balances-sweep.test.ts), charges against the sale's
 * balance with balanced ledger entries and a whole db verify, alerts per level, automatic trips deferred past the
 * keep-power window, a recharge cancelling a trip and closing the relay, time-of-use tariffs; and the
 * high-voltage settlement readings of item 8.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, refusal } from '../support/backend';
import type { Fixture } from '../support/backend';
import { approvedBySupervisor } from '../support/approve';
import { FakeControl } from '../support/fake-control';
import { verifyBooks } from '../../electron/db/verify';

let fx: Fixture;
const control = new FakeControl();

beforeAll(async () => {
  fx = await buildBackend({ automaticControl: control });
  await fx.ok('shifts.open', { float: 10_000 }, fx.sessions.clerk1);
});
afterAll(async () => { await fx.close(); });

let minute = 0;
/** A good transmitted (or manual-less) reading, a minute after the previous one. */
async function reading(meterId: number, total: number, extra: { periods?: Record<string, number>; quality?: 'good' | 'failed'; relay?: string } = {}): Promise<number> {
  minute += 1;
  const at = new Date(Date.parse('2026-06-15T01:00:00.000Z') + minute * 1000).toISOString();
  const failed = extra.quality === 'failed';
  return Number((await fx.sql.one<{ id: number }>(`insert into meter_readings (meter_id, read_at, total, quality, error_code, periods, relay) values (?, ?, ?, ?, ?, ?, ?) returning id`,
    [meterId, at, failed ? null : total, failed ? 'failed' : 'good', failed ? 'timeout' : null, extra.periods ? JSON.stringify(extra.periods) : null, extra.relay ?? null])).id);
}
const creditOf = async (meterId: number) => Number((await fx.sql.one<{ credit_fen: unknown }>('select credit_fen from meters where id = ?', [meterId])).credit_fen);
const sell = (meterId: number, amount: number) => fx.ok('sales.sell', { meterId, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: fx.key() }, fx.sessions.clerk1);
const chargeNow = () => fx.ok('balances.chargeNow', {}, fx.sessions.supervisor);
async function newHallMeter(): Promise<{ accountId: number; meterId: number }> {
  const account = await fx.openAccount([fx.newMeter('hall')]);
  return { accountId: account.id, meterId: account.meters[0]!.id };
}
async function expectBooksWhole(): Promise<void> {
  const failing = (await verifyBooks(fx.backend.database.db)).filter((c) => !c.ok && c.name !== 'audit-chain');
  expect(failing).toEqual([]);
  const sums = await fx.sql.all('select txn_ref, sum(amount_fen) as s from ledger_entries group by txn_ref having sum(amount_fen) <> 0');
  expect(sums).toEqual([]);
}

describe('charging a hall-kept meter', () => {
  let meterId: number;
  let accountId: number;

  it('a sale fills the balance; consumption charges it at the tariff, balanced, and db verify holds', async () => {
    ({ meterId, accountId } = await newHallMeter());
    await sell(meterId, 10_000);
    expect(await creditOf(meterId)).toBe(10_000);
    await reading(meterId, 100_000); // the first reading is the baseline
    await reading(meterId, 0, { quality: 'failed' });
    await reading(meterId, 105_000); // 50 kWh at 0.4883 = 24.415 → 24.42 yuan (R1)
    const run = await chargeNow();
    expect(run).toMatchObject({ charges: 1, charged: 2442, failed: 0 });
    expect(await creditOf(meterId)).toBe(7558);
    const ledger = await fx.sql.all("select book, amount_fen from ledger_entries where txn_ref like 'BC-%' and meter_id = ? order by book", [meterId]);
    expect(ledger).toEqual([{ book: 'customer_credit', amount_fen: 2442 }, { book: 'revenue', amount_fen: -2442 }]);
    expect((await fx.sql.one<{ units: unknown }>("select units from units_to_date where account_id = ? and period_key = 'Y2026'", [accountId])).units).toBe(5000);
    await expectBooksWhole();
    const view = await fx.ok('balances.ofMeter', { meterId }, fx.sessions.clerk1);
    expect(view).toMatchObject({ balance: 7558, level: 'ok', remoteIsSettlement: true, pendingJob: null, alerts: [] });
    expect(view.charges).toEqual([expect.objectContaining({ units: 5000, charge: 2442, balanceAfter: 7558, source: 'meter', detail: expect.objectContaining({ basis: 'tiers' }) })]);
  });

  it('never charges an interval twice', async () => {
    const before = await creditOf(meterId);
    const again = await chargeNow();
    expect(again.charges).toBe(0);
    expect(await creditOf(meterId)).toBe(before);
    expect(Number((await fx.sql.one<{ n: number }>('select count(*) as n from balance_charges where meter_id = ?', [meterId])).n)).toBe(1);
  });

  it('alerts once at each lower level, then trips at zero immediately on a working afternoon', async () => {
    await reading(meterId, 111_000); // 60 kWh: 29.30 → 46.28 yuan left (alarm 1 at 50)
    await chargeNow();
    await reading(meterId, 112_000); // still alarm 1: no new alert
    await chargeNow();
    await reading(meterId, 119_000); // alarm 2
    await chargeNow();
    expect(control.of(meterId)).toEqual([]);
    await reading(meterId, 121_000); // below zero
    fx.clock.set('2026-06-15T07:00:00.000Z'); // Monday 15:00 Beijing
    const run = await chargeNow();
    expect(run.tripsRaised).toBe(1);
    const alerts = await fx.ok('balances.alerts', {}, fx.sessions.clerk1);
    expect(alerts.filter((a) => a.meterId === meterId).map((a) => [a.level, a.open])).toEqual([['zero', true], ['alarm2', true], ['alarm1', true]]);
    expect(control.of(meterId)).toEqual([expect.objectContaining({ action: 'relay_trip', effectiveAt: '2026-06-15T07:00:00.000Z', state: 'scheduled' })]);
    // Further consumption with the trip waiting raises no second one.
    await reading(meterId, 121_500);
    expect((await chargeNow()).tripsRaised).toBe(0);
    expect((await fx.ok('balances.ofMeter', { meterId }, fx.sessions.clerk1)).pendingJob).toMatchObject({ action: 'relay_trip', automatic: true });
    await expectBooksWhole();
  });

  it('a recharge after the trip ran closes the relay; the alerts are no longer open', async () => {
    control.succeed(control.of(meterId)[0]!.id);
    await sell(meterId, 20_000);
    expect(control.of(meterId).map((j) => [j.action, j.state])).toEqual([['relay_trip', 'succeeded'], ['relay_close', 'scheduled']]);
    expect(control.of(meterId)[1]!.effectiveAt).toBe(fx.clock.now().toISOString());
    expect((await fx.ok('balances.alerts', { open: true }, fx.sessions.clerk1)).filter((a) => a.meterId === meterId)).toEqual([]);
  });

  it('a total below the previous charges nothing and is flagged; charging continues from the new reading', async () => {
    const before = await creditOf(meterId);
    await reading(meterId, 200); // meter replaced
    await reading(meterId, 1200);
    const run = await chargeNow();
    expect(run.charges).toBe(2);
    const charges = (await fx.ok('balances.ofMeter', { meterId }, fx.sessions.clerk1)).charges;
    expect(charges[1]).toMatchObject({ units: 0, charge: 0, detail: { basis: 'total-decreased' } });
    expect(charges[0]).toMatchObject({ units: 1000 });
    expect(await creditOf(meterId)).toBe(before - charges[0]!.charge);
    await expectBooksWhole();
  });

  it('a reversal that drops the balance back to zero is charged normally after (a reversal below zero is refused)', async () => {
    const { meterId: m } = await newHallMeter();
    const sale = await sell(m, 1_000);
    await reading(m, 0);
    const approvalId = await approvedBySupervisor(fx, { kind: 'reversal', saleId: sale.id }, fx.sessions.clerk1);
    await fx.ok('sales.reverse', { saleId: sale.id, approvalId, reason: '收错', idempotencyKey: fx.key() }, fx.sessions.clerk1);
    expect(await creditOf(m)).toBe(0);
    await reading(m, 300);
    const run = await chargeNow();
    expect(run).toMatchObject({ failed: 0, charges: 1, charged: 146, tripsRaised: 1 });
    expect(await creditOf(m)).toBe(-146);
    await expectBooksWhole();
  });
});

describe('the keep-power window', () => {
  it('a trip reached on a Saturday night waits for Monday 08:00; a recharge before then cancels it', async () => {
    const { meterId } = await newHallMeter();
    await reading(meterId, 0);
    await reading(meterId, 1000);
    fx.clock.set('2026-06-20T14:00:00.000Z'); // Saturday 22:00 Beijing
    await fx.relogin('supervisor');
    expect((await chargeNow()).tripsRaised).toBe(1);
    expect(control.of(meterId)).toEqual([expect.objectContaining({ action: 'relay_trip', effectiveAt: '2026-06-22T00:00:00.000Z', state: 'scheduled' })]);
    fx.clock.set('2026-06-22T01:00:00.000Z'); // Monday 09:00: a working day, cash allowed
    for (const who of ['clerk1', 'supervisor', 'admin'] as const) await fx.relogin(who);
    await sell(meterId, 5_000);
    // The trip never ran, so the relay is closed: cancelled, no close needed.
    expect(control.of(meterId).map((j) => [j.action, j.state])).toEqual([['relay_trip', 'cancelled']]);
  });

  it('settings: defaults, saved and audited; an overdraft limit moves the trip point', async () => {
    expect(await fx.ok('balances.settings', {}, fx.sessions.clerk1)).toEqual({
      alarm1: 5000, alarm2: 1000, overdraftLimit: 0, autoTrip: true, keepPower: { nightStart: '18:00', nightEnd: '08:00', nonWorkingDays: true },
    });
    const saved = await fx.ok('balances.setSettings', { alarm1: 3000, alarm2: 1000, overdraftLimit: 2000, autoTrip: true, keepPower: { nightStart: '22:00', nightEnd: '06:00', nonWorkingDays: false } }, fx.sessions.admin);
    expect(saved.overdraftLimit).toBe(2000);
    expect(Number((await fx.sql.one<{ n: number }>("select count(*) as n from audit_log where action = 'settings.hall-balance'")).n)).toBe(1);
    const { meterId } = await newHallMeter();
    await reading(meterId, 0);
    await reading(meterId, 1000); // −4.88: zero, not yet the trip point
    expect((await chargeNow()).tripsRaised).toBe(0);
    await reading(meterId, 5000); // −24.42: past −20.00
    expect((await chargeNow()).tripsRaised).toBe(1);
    const levels = (await fx.ok('balances.ofMeter', { meterId }, fx.sessions.clerk1)).alerts.map((a) => a.level);
    // A new meter starts at zero: only the overdraft level is newly reached.
    expect(levels).toEqual(['overdraft']);
    await fx.ok('balances.setSettings', { alarm1: 5000, alarm2: 1000, overdraftLimit: 0, autoTrip: true, keepPower: { nightStart: '18:00', nightEnd: '08:00', nonWorkingDays: true } }, fx.sessions.admin);
  });
});

describe('time-of-use tariffs', () => {
  it('a tariff version carries TOU prices; charges use period deltas, or the tier prices when a reading has none', async () => {
    const tariff = await fx.ok('tariffs.create', {
      code: 'TOU-E', name: '峰谷电价', utility: 'electricity', category: 'residential', period: 'year', effectiveFrom: '2026-01-01',
      tiers: [{ uptoUnits: null, price: 5000 }], tou: { spike: 9000, peak: 7000, flat: 5000, valley: 3000 },
    }, fx.sessions.admin);
    expect(tariff.versions[0]!.tou).toEqual({ spike: 9000, peak: 7000, flat: 5000, valley: 3000 });
    const water = await fx.call('tariffs.create', {
      code: 'TOU-W', name: '水', utility: 'water', category: 'residential', period: 'year', effectiveFrom: '2026-01-01',
      tiers: [{ uptoUnits: null, price: 5000 }], tou: { spike: 1, peak: 1, flat: 1, valley: 1 },
    }, fx.sessions.admin);
    expect(refusal(water).code).toBe('tariff-invalid');
    const account = await fx.openAccount([fx.newMeter('hall', { tariffId: tariff.id })]);
    const meterId = account.meters[0]!.id;
    await sell(meterId, 50_000);
    await reading(meterId, 0, { periods: { spike: 0, peak: 0, flat: 0, valley: 0 } });
    await reading(meterId, 1000, { periods: { spike: 400, peak: 300, flat: 200, valley: 100 } });
    await reading(meterId, 2000);
    await chargeNow();
    const charges = (await fx.ok('balances.ofMeter', { meterId }, fx.sessions.clerk1)).charges;
    expect(charges[1]).toMatchObject({ units: 1000, charge: 360 + 210 + 100 + 30, detail: { basis: 'tou' } });
    expect(charges[0]).toMatchObject({ units: 1000, charge: 500, detail: { basis: 'tou-without-periods', periods: [] } });
    await expectBooksWhole();
  });
});

describe('high-voltage settlement readings', () => {
  let meterId: number;
  let accountId: number;
  const manual = (readAt: string, total: number, approvalId: number) => ({ meterId, readAt, total, periods: null, agreementRef: '供电合同2026-018', approvalId });

  it('refuses a manual reading while the remote meter is the settlement meter', async () => {
    ({ meterId, accountId } = await newHallMeter());
    const subject = { kind: 'manual_reading' as const, meterId, readAt: '2026-06-22T00:00:00.000Z', total: 100 };
    const approvalId = await approvedBySupervisor(fx, subject, fx.sessions.clerk1);
    expect(refusal(await fx.call('readings.enterManual', manual(subject.readAt, 100, approvalId), fx.sessions.clerk1)).code).toBe('remote-meter-is-settlement');
  });

  it('switches the basis (audited), then bills only from approved manual readings', async () => {
    const view = await fx.ok('accounts.setMeteringBasis', { accountId, remoteIsSettlement: false, reason: '合同约定结算表' }, fx.sessions.supervisor);
    expect(view.remoteIsSettlement).toBe(false);
    await sell(meterId, 100_000);
    const first = await approvedBySupervisor(fx, { kind: 'manual_reading', meterId, readAt: '2026-06-01T00:00:00.000Z', total: 500_000 }, fx.sessions.clerk1);
    const entered = await fx.ok('readings.enterManual', manual('2026-06-01T00:00:00.000Z', 500_000, first), fx.sessions.clerk1);
    expect(entered).toMatchObject({ meterId, total: 500_000, approvedBy: fx.users.supervisor, agreementRef: '供电合同2026-018' });
    await reading(meterId, 10); // transmitted: stored, never charged
    await reading(meterId, 90_000);
    const second = await approvedBySupervisor(fx, { kind: 'manual_reading', meterId, readAt: '2026-06-21T16:00:00.000Z', total: 510_000 }, fx.sessions.clerk1);
    await fx.ok('readings.enterManual', manual('2026-06-21T16:00:00.000Z', 510_000, second), fx.sessions.clerk1);
    await chargeNow();
    const charges = (await fx.ok('balances.ofMeter', { meterId }, fx.sessions.clerk1)).charges;
    expect(charges).toEqual([expect.objectContaining({ source: 'manual', units: 10_000, charge: 4883 })]);
    await expectBooksWhole();
  });

  it('refuses a total below the previous manual reading, and a self-approved one', async () => {
    const lower = await approvedBySupervisor(fx, { kind: 'manual_reading', meterId, readAt: '2026-06-22T01:00:00.000Z', total: 1000 }, fx.sessions.clerk1);
    const low = refusal(await fx.call('readings.enterManual', manual('2026-06-22T01:00:00.000Z', 1000, lower), fx.sessions.clerk1));
    expect(low).toMatchObject({ code: 'manual-reading-decreasing', params: { previous: '5100.00' } });
    const own = await fx.ok('approvals.request', { subject: { kind: 'manual_reading', meterId, readAt: '2026-06-22T01:00:00.000Z', total: 520_000 }, reason: '自批' }, fx.sessions.supervisor);
    expect(refusal(await fx.call('approvals.decide', { approvalId: own.id, decision: 'approve', note: null }, fx.sessions.supervisor)).code).toBe('approval-self');
    expect(refusal(await fx.call('readings.enterManual', manual('2026-06-22T01:00:00.000Z', 520_000, own.id), fx.sessions.supervisor)).code).toMatch(/^approval-/);
    // An approval for other values does not cover this reading.
    expect(refusal(await fx.call('readings.enterManual', manual('2026-06-22T01:00:00.000Z', 520_001, lower), fx.sessions.clerk1)).code).toBe('approval-mismatch');
  });

  it('refuses a reading dated after now, writing nothing', async () => {
    const ahead = new Date(fx.clock.now().getTime() + 3_600_000).toISOString();
    const approvalId = await approvedBySupervisor(fx, { kind: 'manual_reading', meterId, readAt: ahead, total: 530_000 }, fx.sessions.clerk1);
    const before = await fx.counts();
    expect(refusal(await fx.call('readings.enterManual', manual(ahead, 530_000, approvalId), fx.sessions.clerk1)).code).toBe('manual-reading-in-future');
    expect(await fx.counts()).toEqual(before);
  });
});
