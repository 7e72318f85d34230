/**
 * What each kind of control job does to a simulated meter over loopback TCP (issue 5 item 6): prices and alarm
 * amounts over Modbus (FC 0xAA prepaid block) and DL/T 645 (14H), keep-power over DL/T 645, the valve of a CJ/T 188
 * water meter; and automatic jobs through the AutomaticControl port (issue 5 item 7's way in).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedJob, buildControlHall, minutes, runDue } from '../support/control-kit';
import type { ControlHall } from '../support/control-kit';
import { createAutomaticControl } from '../../electron/services/control-automatic';
import { ControlJobRunner } from '../../electron/services/control-job-runner';
import type { Timer } from '../../electron/services/collection-scheduler';

let hall: ControlHall;
beforeAll(async () => { hall = await buildControlHall(); });
afterAll(async () => { await hall.close(); });

const PRICES = { spike: 12_345, peak: 9_876, flat: 5_432, valley: 2_109 };
const meters = (...ids: number[]) => ({ by: 'meters', meterIds: ids }) as const;

describe('settings and switches reach the meters', () => {
  it('prices and alarm amounts change the Modbus and DL/T 645 meters\' values, and nothing else', async () => {
    const { fx } = hall;
    const before = hall.sim('1').state();
    const prices = await approvedJob(fx, { selection: meters(hall.meters.m1, hall.meters.d1), command: { action: 'set_prices', prices: PRICES }, effectiveAt: null, reason: '调价' });
    const alarms = await approvedJob(fx, { selection: meters(hall.meters.m1, hall.meters.d1), command: { action: 'set_alarms', alarm1: 3_000, alarm2: 1_000 }, effectiveAt: null, reason: '报警金额' });
    expect(await runDue(fx)).toMatchObject({ sent: 4, succeeded: 4 });
    for (const meter of [hall.sim('1'), hall.dlt()]) {
      expect(meter.prices).toEqual(PRICES);
      expect([meter.alarm1, meter.alarm2]).toEqual([3_000, 1_000]);
    }
    expect(hall.sim('1').state()).toMatchObject({ purchaseCount: before.purchaseCount, relay: 'closed' });
    for (const job of [prices, alarms]) expect((await fx.ok('controlJobs.get', { jobId: job.id }, fx.sessions.clerk1)).state).toBe('done');
  });

  it('keep-power on a DL/T 645 meter, and the valve of a CJ/T 188 water meter', async () => {
    const { fx } = hall;
    await approvedJob(fx, { selection: meters(hall.meters.d1), command: { action: 'keep_power' }, effectiveAt: null, reason: '保电' });
    await approvedJob(fx, { selection: { by: 'building', area: '东区', building: '2' }, command: { action: 'valve_close' }, effectiveAt: null, reason: '关阀' });
    expect(await runDue(fx)).toMatchObject({ sent: 2, succeeded: 2 });
    expect(hall.dlt().state().keepPower).toBe(true);
    expect(hall.water().state().valve).toBe('closed');
    await approvedJob(fx, { selection: meters(hall.meters.d1), command: { action: 'keep_power_release' }, effectiveAt: null, reason: '解除保电' });
    await approvedJob(fx, { selection: meters(hall.meters.w1), command: { action: 'valve_open' }, effectiveAt: null, reason: '开阀' });
    expect(await runDue(fx)).toMatchObject({ sent: 2, succeeded: 2 });
    expect(hall.dlt().state().keepPower).toBe(false);
    expect(hall.water().state().valve).toBe('open');
  });
});

describe('automatic jobs (the AutomaticControl port)', () => {
  it('raise without approval, run at their time; cancelPending, pendingOf and lastRelayAction', async () => {
    const { fx } = hall;
    const db = fx.backend.database.db;
    const auto = createAutomaticControl({ clock: fx.clock });
    const now = fx.clock.now();
    const tripId = await db.transaction().execute((trx) => auto.raise(trx, { meterId: hall.meters.m2, command: { action: 'relay_trip' }, effectiveAt: now, reason: '余额为零' }));
    const pending = await auto.pendingOf(db, hall.meters.m2);
    expect(pending).toMatchObject({ id: tripId, automatic: true, requestedBy: null, approvalId: null, state: 'scheduled', selection: null });
    expect(await auto.lastRelayAction(db, hall.meters.m2)).toBeNull();
    expect(await runDue(fx)).toMatchObject({ sent: 1, succeeded: 1 });
    expect(hall.sim('2').state().relay).toBe('open');
    expect(await auto.lastRelayAction(db, hall.meters.m2)).toBe('relay_trip');
    expect(await auto.pendingOf(db, hall.meters.m2)).toBeNull();

    const closeAt = new Date(now.getTime() + minutes(60));
    const closeId = await db.transaction().execute((trx) => auto.raise(trx, { meterId: hall.meters.m2, command: { action: 'relay_close' }, effectiveAt: closeAt, reason: '已缴费' }));
    expect((await auto.pendingOf(db, hall.meters.m2))?.id).toBe(closeId);
    expect(await db.transaction().execute((trx) => auto.cancelPending(trx, hall.meters.m2, 'relay_trip', 'x'))).toBe(0);
    expect(await db.transaction().execute((trx) => auto.cancelPending(trx, hall.meters.m2, 'relay_close', '余额又为零'))).toBe(1);
    expect(await auto.pendingOf(db, hall.meters.m2)).toBeNull();
    fx.clock.advance(minutes(61));
    expect((await runDue(fx)).sent).toBe(0);
    expect(hall.sim('2').state().relay).toBe('open');

    const rows = await fx.sql.all("select action, user_id from audit_log where entity = 'control_job' and entity_id in (?, ?) order by id", [String(tripId), String(closeId)]);
    expect(rows).toEqual([
      { action: 'control-job.raise', user_id: null }, { action: 'control-target.succeeded', user_id: null }, { action: 'control-job.finish', user_id: null },
      { action: 'control-job.raise', user_id: null }, { action: 'control-job.cancel', user_id: null },
    ]);
    const listed = await fx.ok('controlJobs.list', { automatic: true }, fx.sessions.clerk2);
    expect(listed.map((j) => [j.id, j.state])).toEqual([[closeId, 'cancelled'], [tripId, 'done']]);
  });
});

describe('the runner on an injected timer', () => {
  it('runs due work when its timer fires, re-arms every 30 s, and runs one pass at a time', async () => {
    const { fx } = hall;
    const armed: { fn: () => void; ms: number }[] = [];
    const timer: Timer = { set: (fn, ms) => { armed.push({ fn, ms }); return armed.length; }, clear: () => {} };
    const runner = new ControlJobRunner({ db: fx.backend.database.db, clock: fx.clock, counterCode: 'A01' }, (id) => fx.backend.services.meterComm.linkOfMeter(id));
    const job = await approvedJob(fx, { selection: meters(hall.meters.m3), command: { action: 'relay_trip' }, effectiveAt: null, reason: '欠费' });
    const first = runner.runDue();
    expect(runner.runDue()).toBe(first);
    expect(await first).toMatchObject({ sent: 1, succeeded: 1, finishedJobs: [job.id] });
    const close = await approvedJob(fx, { selection: meters(hall.meters.m3), command: { action: 'relay_close' }, effectiveAt: null, reason: '已缴费' });
    runner.start(timer);
    expect(armed.map((a) => a.ms)).toEqual([0]);
    armed[0]!.fn();
    await runner.idle();
    await new Promise((r) => setTimeout(r, 0));
    expect(armed.map((a) => a.ms)).toEqual([0, 30_000]);
    expect((await fx.ok('controlJobs.get', { jobId: close.id }, fx.sessions.clerk1)).state).toBe('done');
    expect(hall.sim('3').state().relay).toBe('closed');
    runner.stop();
  });
});
