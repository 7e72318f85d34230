/**
 * The whole remote path as the counter uses it, nothing injected: an admin configures the gateway
 * (buses.save) and the meter's communication (meters.setComm); a cash sale on that meter is delivered through
 * the backend's own bus registry to the simulated meter and verified by reading it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { expectBooksOk, openShifts, sold } from './money-kit';
import { buildBus, ManualClock, startGateway } from '../../electron/hardware/meters/sim';
import type { ElectricityMeter, SimGateway } from '../../electron/hardware/meters/sim';
import { parseLineSettings } from '../../electron/hardware/meters/meter-port';

const LINE = parseLineSettings('115200,8N1')!;
let fx: Fixture;
let gateway: SimGateway;

beforeAll(async () => {
  fx = await buildBackend();
  gateway = await startGateway({
    bus: buildBus({ protocol: 'modbus', meters: 2, model: 'DDSY1352', line: LINE, clock: new ManualClock(fx.clock.now().getTime()), electricity: { remaining: 5_000, purchaseCount: 3 } }),
    mode: 'raw',
  });
});
afterAll(async () => {
  await fx.close();
  await gateway.close();
});

describe('a remote recharge over the configured bus', () => {
  it('is delivered, verified and completed; the meter is credited once', async () => {
    const bus = await fx.ok('buses.save', {
      code: 'GW-R', name: '远程网关', kind: 'tcp-raw', endpoint: `127.0.0.1:${gateway.port}`, line: { ...LINE }, replyTimeoutMs: 300, retries: 1, active: true,
    }, fx.sessions.admin);
    const account = await fx.openAccount([fx.newMeter('money', { creditVia: 'remote', cardNo: null, commAddress: '2', model: 'DDSY1352' })]);
    const meterId = account.meters[0]!.id;
    await fx.ok('meters.setComm', { meterId, busId: bus.id, protocol: 'modbus', firmware: null }, fx.sessions.admin);
    await openShifts(fx, 0, ['clerk1']);
    const sale = await sold(fx, meterId, 10_000);
    expect(sale.delivery).toMatchObject({ state: expect.stringMatching(/^(pending|sent|verified|completed)$/) });
    // Delivery runs after the sale commits; wait for the journal to settle.
    for (let i = 0; i < 50 && (await fx.ok('sales.get', { saleId: sale.id }, fx.sessions.clerk1)).delivery?.state !== 'completed'; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await fx.ok('sales.get', { saleId: sale.id }, fx.sessions.clerk1)).delivery?.state).toBe('completed');
    const state = (gateway.bus.meter('2') as ElectricityMeter).state();
    expect(state.purchaseCount).toBe(4);
    expect(state.remaining).toBeGreaterThanOrEqual(5_000 + 10_000 - 100);
    expect((gateway.bus.meter('1') as ElectricityMeter).state().purchaseCount).toBe(3);
    await expectBooksOk(fx);
  });
});
