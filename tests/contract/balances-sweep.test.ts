/**
 * Sweep → charge (issue 5 item 7): the fixture's hall-kept meter read by the meter simulator over loopback TCP
 * (a transparent gateway in front of DL/T 645-2007 meters, the real socket and bus code); the readings the sweep
 * stores are charged by the collection hook, and the non-hall meters' remaining is corrected from the readings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { FakeControl } from '../support/fake-control';
import { ManualClock, buildBus, startGateway } from '../../electron/hardware/meters/sim';
import type { SimGateway } from '../../electron/hardware/meters/sim';
import { verifyBooks } from '../../electron/db/verify';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
let fx: Fixture;
let gateway: SimGateway;
let simClock: ManualClock;

beforeAll(async () => {
  fx = await buildBackend({ automaticControl: new FakeControl() });
  simClock = new ManualClock(fx.clock.now().getTime());
  gateway = await startGateway({ bus: buildBus({ protocol: 'dlt645', meters: 8, line: LINE, clock: simClock, electricity: { remaining: 50_000_000 } }), mode: 'raw' });
  const bus = await fx.ok('buses.save', {
    code: 'GW-1', name: '1号楼网关', kind: 'tcp-raw', endpoint: `127.0.0.1:${gateway.port}`, line: { ...LINE }, replyTimeoutMs: 300, retries: 0, active: true,
  }, fx.sessions.admin);
  for (const meterId of [fx.meters.energy, fx.meters.hall]) await fx.ok('meters.setComm', { meterId, busId: bus.id, protocol: 'dlt645', firmware: null }, fx.sessions.admin);
  await fx.ok('shifts.open', { float: 10_000 }, fx.sessions.clerk1);
  await fx.ok('sales.sell', { meterId: fx.meters.hall, request: { mode: 'money', amount: 100_000 }, tendered: 100_000, idempotencyKey: fx.key() }, fx.sessions.clerk1);
});
afterAll(async () => {
  await fx.close();
  await gateway.close();
});

async function sweepAt(iso: string) {
  fx.clock.set(iso);
  simClock.set(Date.parse(iso));
  await fx.relogin('supervisor');
  return fx.ok('readings.sweep', {}, fx.sessions.supervisor);
}

describe('a sweep charges the hall-kept meter', () => {
  it('the first sweep sets the baseline, the next one is charged; remaining of other meters follows their readings', async () => {
    await sweepAt('2026-06-15T03:00:00.000Z');
    expect(Number((await fx.sql.one<{ n: number }>('select count(*) as n from balance_charges')).n)).toBe(0);
    const energyRemaining = (await fx.sql.one<{ remaining: unknown }>('select remaining from meters where id = ?', [fx.meters.energy])).remaining;
    const read = (await fx.sql.one<{ remaining: unknown }>('select remaining from meter_readings where meter_id = ? order by id desc limit 1', [fx.meters.energy])).remaining;
    expect(energyRemaining).toBe(read);
    await sweepAt('2026-06-16T03:00:00.000Z');
    const charges = await fx.sql.all<{ units: number; charge_fen: number; balance_after_fen: number; source: string }>('select * from balance_charges where meter_id = ?', [fx.meters.hall]);
    expect(charges).toHaveLength(1);
    expect(charges[0]!.units).toBeGreaterThan(0);
    expect(charges[0]!.source).toBe('meter');
    const totals = (await fx.sql.all<{ total: unknown }>("select total from meter_readings where meter_id = ? and quality = 'good' order by id", [fx.meters.hall])).map((r) => r.total) as number[];
    expect(charges[0]!.units).toBe(totals[1]! - totals[0]!);
    const credit = (await fx.sql.one<{ credit_fen: unknown }>('select credit_fen from meters where id = ?', [fx.meters.hall])).credit_fen;
    expect(credit).toBe(100_000 - charges[0]!.charge_fen);
    expect(charges[0]!.balance_after_fen).toBe(credit);
    expect((await verifyBooks(fx.backend.database.db)).filter((c) => !c.ok)).toEqual([]);
  });
});
