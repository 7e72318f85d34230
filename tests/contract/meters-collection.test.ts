/**
 * Collection end to end (issue 5 items 4 and 10): the contract's bus, comm, sweep, board and readings methods
 * against the meter simulator over loopback TCP (a transparent gateway in front of DL/T 645-2007 meters, the
 * real socket and bus code), the schedule on a fake timer, and `halldesk collect --once` on the data folder.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBackend, refusal } from '../support/backend';
import type { Fixture } from '../support/backend';
import { ManualClock, buildBus, startGateway } from '../../electron/hardware/meters/sim';
import type { SimGateway } from '../../electron/hardware/meters/sim';
import { CollectionScheduler, nextSlot } from '../../electron/services/collection-scheduler';
import type { Timer } from '../../electron/services/collection-scheduler';
import { monthlyConsumption } from '../../electron/services/collection-service';
import { main } from '../../electron/cli/main';
import type { ContractInput } from '../../shared/contract/methods';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

let fx: Fixture;
let gateway: SimGateway;
let simClock: ManualClock;
let busId: number;
/** The simulator address of a fixture meter (its comm_address). */
const addr = async (meterId: number) => (await fx.sql.one<{ comm_address: string }>('select comm_address from meters where id = ?', [meterId])).comm_address.padStart(12, '0');

function busInput(o: Partial<ContractInput<'buses.save'>> = {}): ContractInput<'buses.save'> {
  return { code: 'GW-1', name: '1号楼网关', kind: 'tcp-raw', endpoint: `127.0.0.1:${gateway.port}`, line: { ...LINE }, replyTimeoutMs: 300, retries: 0, active: true, ...o };
}
const sweeps = () => fx.sql.all<{ id: number; kind: string; scheduled_for: string | null; total: number; ok: number; failed: number; finished_at: string | null }>('select * from read_sweeps order by id');
const readingsOf = (sweepId: number) => fx.sql.all<{
  meter_id: number; quality: string; error_code: string | null; attempts: number; total: number | null; read_at: string;
}>('select * from meter_readings where sweep_id = ? order by meter_id', [sweepId]);
/** Moves the backend's and the simulator's clocks together (the meters' energy advances with it). */
async function at(iso: string): Promise<void> {
  fx.clock.set(iso);
  simClock.set(Date.parse(iso));
  await fx.relogin('supervisor');
  await fx.relogin('admin');
  await fx.relogin('clerk1');
}

beforeAll(async () => {
  fx = await buildBackend();
  simClock = new ManualClock(fx.clock.now().getTime());
  // DL/T 645 meters at addresses 1..8, among them the fixture's energy, water (left unconfigured), money and hall meters'
  // comm addresses; credit enough that no relay trips while the months below go by.
  gateway = await startGateway({ bus: buildBus({ protocol: 'dlt645', meters: 8, line: LINE, clock: simClock, electricity: { remaining: 50_000_000 } }), mode: 'raw' });
  const bus = await fx.ok('buses.save', busInput(), fx.sessions.admin);
  busId = bus.id;
  for (const meterId of [fx.meters.energy, fx.meters.money, fx.meters.hall]) {
    await fx.ok('meters.setComm', { meterId, busId, protocol: 'dlt645', firmware: null }, fx.sessions.admin);
  }
});
afterAll(async () => {
  await fx.close();
  await gateway.close();
});

describe('buses and comm settings', () => {
  it('lists the bus with its meters, audits the saves, and updates in place', async () => {
    const list = await fx.ok('buses.list', {}, fx.sessions.clerk1);
    expect(list).toEqual([expect.objectContaining({ id: busId, code: 'GW-1', kind: 'tcp-raw', meters: 3, active: true, line: LINE, retries: 0, replyTimeoutMs: 300 })]);
    const updated = await fx.ok('buses.save', busInput({ busId, name: '1号楼网关（东）' }), fx.sessions.admin);
    expect(updated).toMatchObject({ id: busId, name: '1号楼网关（东）', meters: 3 });
    const actions = (await fx.sql.all<{ action: string }>("select action from audit_log where entity in ('meter_bus', 'meter') order by id")).map((r) => r.action);
    expect(actions).toEqual(['buses.create', 'meters.set-comm', 'meters.set-comm', 'meters.set-comm', 'buses.update']);
  });
});

describe('sweeps against the simulator', () => {
  it('a manual sweep stores a good reading per configured meter and the board shows them fresh', async () => {
    const sweep = await fx.ok('readings.sweep', {}, fx.sessions.supervisor);
    expect(sweep).toMatchObject({ kind: 'manual', total: 3, ok: 3, failed: 0, busId: null, finishedAt: expect.any(String) });
    const rows = await readingsOf(sweep.id);
    expect(rows.map((r) => [r.meter_id, r.quality, r.attempts])).toEqual([fx.meters.energy, fx.meters.money, fx.meters.hall].sort((a, b) => a - b).map((id) => [id, 'good', 1]));
    expect(rows.every((r) => typeof r.total === 'number' && r.read_at === fx.clock.now().toISOString())).toBe(true);
    const board = await fx.ok('readings.board', {}, fx.sessions.clerk1);
    expect(board.running).toBeNull();
    expect(board.latestSweep?.id).toBe(sweep.id);
    expect(board.buses).toHaveLength(1);
    expect(board.buses[0]!).toMatchObject({ busId, missed: 0, stale: 0, unreachable: false });
    expect(board.buses[0]!.meters.map((m) => [m.meterId, m.missed, m.stale, m.lastGoodAt])).toEqual(
      rows.map((r) => [r.meter_id, false, false, r.read_at]));
    expect(Number((await fx.sql.one<{ n: number }>("select count(*) as n from audit_log where action = 'readings.sweep-manual' and entity_id = ?", [String(sweep.id)])).n)).toBe(1);
  });

  it('a meter that does not answer is stored as failed (timeout), re-read once, and shown as missed', async () => {
    gateway.bus.setFault(await addr(fx.meters.hall), { kind: 'no-reply' });
    try {
      const sweep = await fx.ok('readings.sweep', { busId }, fx.sessions.admin);
      expect(sweep).toMatchObject({ total: 3, ok: 2, failed: 1, busId });
      const hall = (await readingsOf(sweep.id)).find((r) => r.meter_id === fx.meters.hall)!;
      expect(hall).toMatchObject({ quality: 'failed', error_code: 'timeout', attempts: 2, total: null });
      const board = await fx.ok('readings.board', {}, fx.sessions.clerk1);
      const meter = board.buses[0]!.meters.find((m) => m.meterId === fx.meters.hall)!;
      expect(meter).toMatchObject({ missed: true, stale: false, lastError: { code: 'timeout', at: fx.clock.now().toISOString() } });
      expect(board.buses[0]!).toMatchObject({ missed: 1, unreachable: false });
    } finally {
      gateway.bus.clearFault(await addr(fx.meters.hall));
    }
  });

  it('a transient fault is rescued by the re-read after the other meters', async () => {
    gateway.bus.setFault(await addr(fx.meters.money), { kind: 'no-reply', count: 1 });
    const sweep = await fx.ok('readings.sweep', {}, fx.sessions.supervisor);
    expect(sweep).toMatchObject({ total: 3, ok: 3, failed: 0 });
    expect((await readingsOf(sweep.id)).find((r) => r.meter_id === fx.meters.money)).toMatchObject({ quality: 'good', attempts: 2 });
    const board = await fx.ok('readings.board', {}, fx.sessions.clerk1);
    expect(board.buses[0]!.missed).toBe(0);
  });

  it('flags a meter stale when its last good reading is older than twice the interval', async () => {
    const fresh = await fx.ok('readings.board', {}, fx.sessions.clerk1);
    expect(fresh.intervalMinutes).toBe(15);
    expect(fresh.buses[0]!.stale).toBe(0);
    fx.clock.advance(30 * 60_000);
    expect((await fx.ok('readings.board', {}, fx.sessions.clerk1)).buses[0]!.stale).toBe(0);
    fx.clock.advance(60_000);
    const later = await fx.ok('readings.board', {}, fx.sessions.clerk1);
    expect(later.buses[0]!.stale).toBe(3);
    expect(later.buses[0]!.meters.every((m) => m.stale && !m.missed)).toBe(true);
  });

  it('a second sweep while one runs is refused', async () => {
    const first = fx.call('readings.sweep', {}, fx.sessions.supervisor);
    const second = refusal(await fx.call('readings.sweep', {}, fx.sessions.admin));
    expect(second.code).toBe('sweep-running');
    expect((await first).ok).toBe(true);
  });

  it('a sweep is refused while another process holds the lease, and runs once that lease has lapsed', async () => {
    const lease = (until: string) => fx.sql.run("insert into settings (key, value) values ('lease:collection', ?) on conflict (key) do update set value = excluded.value", [`${until}|4242-otherhost`]);
    const later = new Date(fx.clock.now().getTime() + 60_000).toISOString();
    await lease(later);
    const before = (await sweeps()).length;
    expect(refusal(await fx.call('readings.sweep', {}, fx.sessions.supervisor)).code).toBe('sweep-running-elsewhere');
    expect(await sweeps()).toHaveLength(before);
    await lease(new Date(fx.clock.now().getTime() - 1).toISOString());
    expect((await fx.call('readings.sweep', {}, fx.sessions.supervisor)).ok).toBe(true);
    // The sweeper gives the lease back when it ends.
    expect(Number((await fx.sql.one<{ n: number }>("select count(*) as n from settings where key = 'lease:collection'")).n)).toBe(0);
  });

  it('collection settings are read by staff, changed by an admin (audited), and refused when they do not divide a day', async () => {
    expect(await fx.ok('collection.settings', {}, fx.sessions.clerk1)).toEqual({ intervalMinutes: 15, rereads: 1, rereadAfterMinutes: 5 });
    const next = { intervalMinutes: 30, rereads: 2, rereadAfterMinutes: 10 };
    expect(await fx.ok('collection.setSettings', next, fx.sessions.admin)).toEqual(next);
    expect((await fx.ok('readings.board', {}, fx.sessions.clerk1)).intervalMinutes).toBe(30);
    const audit = (await fx.sql.one<{ after_json: unknown }>("select after_json from audit_log where action = 'collection.settings' order by id desc")).after_json as string;
    expect(JSON.parse(audit)).toEqual(next);
    expect(refusal(await fx.call('collection.setSettings', { ...next, intervalMinutes: 7 }, fx.sessions.admin)).code).toBe('invalid-input');
    expect(refusal(await fx.call('collection.setSettings', next, fx.sessions.supervisor)).code).toBe('forbidden');
    await fx.ok('collection.setSettings', { intervalMinutes: 15, rereads: 1, rereadAfterMinutes: 5 }, fx.sessions.admin);
  });

  it('meter_readings is append-only', async () => {
    await expect(fx.sql.run('update meter_readings set total = 0')).rejects.toThrow('append-only table: meter_readings');
    await expect(fx.sql.run('delete from meter_readings')).rejects.toThrow('append-only table: meter_readings');
  });
});

describe('the "test communication" button', () => {
  it('reads the first meter of the bus, or the chosen one, and writes nothing', async () => {
    const before = await fx.counts();
    const any = await fx.ok('buses.test', { busId }, fx.sessions.supervisor);
    expect(any).toMatchObject({ busId, ok: true, errorCode: null, reading: { total: expect.any(Number) } });
    const chosen = await fx.ok('buses.test', { busId, meterId: fx.meters.hall }, fx.sessions.admin);
    expect(chosen).toMatchObject({ meterId: fx.meters.hall, ok: true });
    expect(chosen.ms).toBeGreaterThanOrEqual(0);
    expect(await fx.counts()).toEqual(before);
  });

  it('answers the error code when the meter does not answer or the gateway is not there', async () => {
    gateway.bus.setFault(await addr(fx.meters.energy), { kind: 'no-reply' });
    try {
      const silent = await fx.ok('buses.test', { busId, meterId: fx.meters.energy }, fx.sessions.supervisor);
      expect(silent).toMatchObject({ ok: false, errorCode: 'timeout', reading: null });
    } finally {
      gateway.bus.clearFault(await addr(fx.meters.energy));
    }
    const dead = await fx.ok('buses.save', busInput({ code: 'GW-DEAD', endpoint: '127.0.0.1:1' }), fx.sessions.admin);
    await fx.ok('meters.setComm', { meterId: fx.meters.water, busId: dead.id, protocol: 'dlt645', firmware: null }, fx.sessions.admin);
    const unreachable = await fx.ok('buses.test', { busId: dead.id }, fx.sessions.supervisor);
    expect(unreachable).toMatchObject({ ok: false, meterId: fx.meters.water, reading: null });
    expect(['port-closed', 'timeout']).toContain(unreachable.errorCode);
    // Out of the way of the sweeps below: the bus deactivated, the meter unconfigured.
    await fx.ok('buses.save', busInput({ busId: dead.id, code: 'GW-DEAD', endpoint: '127.0.0.1:1', active: false }), fx.sessions.admin);
    await fx.ok('meters.setComm', { meterId: fx.meters.water, busId: null, protocol: null, firmware: null }, fx.sessions.admin);
  });
});

describe('monthly consumption', () => {
  it('is the difference between the last readings of consecutive months', async () => {
    const totals = [
      { read_at: '2026-05-31T15:00:00.000Z', total: 100 }, // 23:00 31 May Beijing
      { read_at: '2026-05-31T16:30:00.000Z', total: 110 }, // 00:30 1 June Beijing: June's
      { read_at: '2026-06-30T15:59:00.000Z', total: 150 },
      { read_at: '2026-08-10T02:00:00.000Z', total: 400 },
    ];
    expect(monthlyConsumption(totals)).toEqual([
      { month: '2026-05', lastTotal: 100, lastReadAt: '2026-05-31T15:00:00.000Z', consumption: null },
      { month: '2026-06', lastTotal: 150, lastReadAt: '2026-06-30T15:59:00.000Z', consumption: 50 },
      { month: '2026-08', lastTotal: 400, lastReadAt: '2026-08-10T02:00:00.000Z', consumption: null },
    ]);
  });

  it('derives it from the stored readings of a meter as the simulated meters consume', async () => {
    await at('2026-06-30T15:50:00.000Z');
    await fx.ok('readings.sweep', {}, fx.sessions.supervisor);
    await at('2026-07-31T15:00:00.000Z');
    await fx.ok('readings.sweep', {}, fx.sessions.supervisor);
    await at('2026-08-10T02:00:00.000Z');
    await fx.ok('readings.sweep', {}, fx.sessions.supervisor);
    const view = await fx.ok('readings.ofMeter', { meterId: fx.meters.energy, limit: 3 }, fx.sessions.clerk1);
    expect(view.readings).toHaveLength(3);
    expect(view.readings[0]!.readAt).toBe('2026-08-10T02:00:00.000Z');
    const good = await fx.sql.all<{ read_at: string; total: number }>("select read_at, total from meter_readings where meter_id = ? and quality = 'good' order by read_at, id", [fx.meters.energy]);
    const last = (iso: string) => good.filter((r) => r.read_at <= iso).at(-1)!.total;
    expect(view.monthly.map((m) => [m.month, m.consumption])).toEqual([
      ['2026-06', null],
      ['2026-07', last('2026-07-31T15:00:00.000Z') - last('2026-06-30T15:50:00.000Z')],
      ['2026-08', last('2026-08-10T02:00:00.000Z') - last('2026-07-31T15:00:00.000Z')],
    ]);
    expect(view.monthly[1]!.consumption).toBeGreaterThan(0);
  });
});

/** A timer the test fires by hand. */
function fakeTimer() {
  const pending: { fn: () => void; ms: number; id: number }[] = [];
  let next = 0;
  const timer: Timer = {
    set: (fn, ms) => { const id = ++next; pending.push({ fn, ms, id }); return id; },
    clear: (id) => { const i = pending.findIndex((p) => p.id === id); if (i >= 0) pending.splice(i, 1); },
  };
  const fire = (ms: number) => {
    const i = pending.findIndex((p) => p.ms === ms);
    if (i < 0) throw new Error(`no timer of ${ms} ms among ${pending.map((p) => p.ms).join(', ')}`);
    pending.splice(i, 1)[0]!.fn();
  };
  return { timer, pending, fire };
}

describe('the schedule', () => {
  it('slots: every N minutes from Beijing midnight, and midnight itself as the daily sweep', () => {
    expect(nextSlot(new Date('2026-06-15T02:00:00.000Z'), 15)).toEqual({ at: new Date('2026-06-15T02:15:00.000Z'), daily: false });
    expect(nextSlot(new Date('2026-06-15T15:50:00.000Z'), 15)).toEqual({ at: new Date('2026-06-15T16:00:00.000Z'), daily: true });
    expect(nextSlot(new Date('2026-06-15T15:58:00.000Z'), 7)).toEqual({ at: new Date('2026-06-15T16:00:00.000Z'), daily: true });
    expect(nextSlot(new Date('2026-06-15T16:00:00.000Z'), 15)).toEqual({ at: new Date('2026-06-15T16:15:00.000Z'), daily: false });
  });

  it('fires at 00:00 Beijing for every meter, re-reads the failed ones, then every 15 minutes for the networked ones', async () => {
    await at('2026-08-10T15:50:00.000Z');
    const { timer, pending, fire } = fakeTimer();
    const scheduler = new CollectionScheduler({ clock: fx.clock, collection: fx.backend.services.collection, timer });
    scheduler.start();
    await scheduler.whenIdle();
    expect(pending.map((p) => p.ms)).toEqual([10 * 60_000]);
    const before = (await sweeps()).length;

    gateway.bus.setFault(await addr(fx.meters.money), { kind: 'no-reply' });
    fx.clock.set('2026-08-10T16:00:00.000Z');
    fire(10 * 60_000);
    await scheduler.whenIdle();
    gateway.bus.clearFault(await addr(fx.meters.money));
    const daily = (await sweeps()).at(-1)!;
    expect(await sweeps()).toHaveLength(before + 1);
    expect(daily).toMatchObject({ kind: 'scheduled', scheduled_for: '2026-08-10T16:00:00.000Z', total: 3, ok: 2, failed: 1 });
    expect(pending.map((p) => p.ms).sort((a, b) => a - b)).toEqual([5 * 60_000, 15 * 60_000]);

    fx.clock.set('2026-08-10T16:05:00.000Z');
    fire(5 * 60_000);
    await scheduler.whenIdle();
    expect((await sweeps()).at(-1)).toMatchObject({ kind: 'reread', total: 1, ok: 1, failed: 0 });
    expect((await readingsOf((await sweeps()).at(-1)!.id)).map((r) => r.meter_id)).toEqual([fx.meters.money]);

    fx.clock.set('2026-08-10T16:15:00.000Z');
    fire(15 * 60_000);
    await scheduler.whenIdle();
    // Only the remotely credited (hall-kept) meter is networked.
    expect((await sweeps()).at(-1)).toMatchObject({ kind: 'scheduled', scheduled_for: '2026-08-10T16:15:00.000Z', total: 1, ok: 1 });
    expect((await readingsOf((await sweeps()).at(-1)!.id)).map((r) => r.meter_id)).toEqual([fx.meters.hall]);
    expect(pending.map((p) => p.ms)).toEqual([15 * 60_000]);
    scheduler.stop();
    expect(pending).toEqual([]);
  });

  it('is not started by the composition root unless asked', () => {
    expect(fx.backend.scheduler.isStarted).toBe(false);
  });
});

describe('halldesk collect --once', () => {
  it('runs one sweep on the data folder without the counter program', async () => {
    const before = (await sweeps()).length;
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await main(['collect', '--once', '--data', fx.dataDir])).toBe(0);
      expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/^sweep #\d+ \(manual\): 3\/3 read$/m);
    } finally {
      log.mockRestore();
    }
    expect(await sweeps()).toHaveLength(before + 1);
    expect((await sweeps()).at(-1)).toMatchObject({ kind: 'manual', total: 3, ok: 3, failed: 0 });
  });

  it('exits 2 on a bad argument', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['collect', '--bogus', '--data', fx.dataDir])).toBe(2);
    } finally {
      error.mockRestore();
    }
  });
});
