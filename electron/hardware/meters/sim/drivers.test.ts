/**
 * The codecs' drivers (the real master side HallDesk uses) against simulated meters, through an in-memory
 * Exchange on a SimBus: what the simulator says, the drivers read.
 */
import { describe, expect, it } from 'vitest';
import { ProtocolError, parseLineSettings } from '../meter-port';
import type { Exchange } from '../meter-port';
import { controlRelay, controlValve, readMeter, readPurchase, writeRecharge } from '../codecs/drivers';
import { buildBus } from './build';
import { ManualClock } from './clock';
import type { SimBus, SimMeterLike } from './sim-bus';
import type { ElectricityMeter } from './electricity-meter';
import type { WaterMeter } from './water-meter';

const LINE = parseLineSettings('115200,8N1')!;

function exchangeOn(bus: SimBus<SimMeterLike, unknown>): Exchange {
  return async (request, frameLength, options) => {
    const received: number[] = [];
    await bus.exchange(request, (bytes) => received.push(...bytes));
    if (options?.expectReply === false) return new Uint8Array(0);
    const bytes = Uint8Array.from(received);
    const length = frameLength(bytes);
    if (length === null) throw new ProtocolError('timeout', 'no complete reply');
    return bytes.subarray(0, length);
  };
}

describe('codec drivers against the simulator', () => {
  it('Modbus DDSY1352: reading, relay trip', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 16));
    const bus = buildBus({ protocol: 'modbus', meters: 2, line: LINE, clock, turnaroundMs: 0, electricity: { remaining: 5000, purchaseCount: 3 } });
    const exchange = exchangeOn(bus);
    clock.advance(3_600_000);
    const meter = bus.meter('2') as ElectricityMeter;
    const reading = await readMeter(exchange, { protocol: 'modbus', address: 2, model: 'DDSY1352' });
    const s = meter.state();
    expect(reading).toMatchObject({ total: s.totalEnergy, remaining: s.remaining, purchaseCount: 3, relay: 'closed' });
    await controlRelay(exchange, { protocol: 'modbus', address: 2, model: 'DDSY1352' }, 'trip');
    expect((await readMeter(exchange, { protocol: 'modbus', address: 2, model: 'DDSY1352' })).relay).toBe('open');
  });

  it('Modbus DDSY1352: remote recharge with FC 0xAA, then verified', async () => {
    const bus = buildBus({ protocol: 'modbus', meters: 1, line: LINE, clock: new ManualClock(), turnaroundMs: 0, electricity: { remaining: 5000, purchaseCount: 3 } });
    const exchange = exchangeOn(bus);
    const target = { protocol: 'modbus', address: 1, model: 'DDSY1352' } as const;
    const outcome = await writeRecharge(exchange, target, { amount: 10_000, purchaseCount: 4 });
    expect(outcome).toMatchObject({ applied: true, remainingAfter: 15_000 });
    expect(await readPurchase(exchange, target)).toEqual({ remaining: 15_000, purchaseCount: 4 });
  });

  it('DL/T 645: reading and relay control', async () => {
    const bus = buildBus({ protocol: 'dlt645', meters: 1, line: LINE, clock: new ManualClock(), turnaroundMs: 0, electricity: { remaining: 7777, purchaseCount: 9 } });
    const exchange = exchangeOn(bus);
    const target = { protocol: 'dlt645', address: '000000000001' } as const;
    expect(await readMeter(exchange, target)).toMatchObject({ remaining: 7777, purchaseCount: 9, overdraft: 0 });
    await controlRelay(exchange, target, 'trip');
    expect((bus.meter('1') as ElectricityMeter).state().relay).toBe('open');
  });

  it('CJ/T 188: reading and valve control', async () => {
    const bus = buildBus({ protocol: 'cjt188', meters: 1, line: LINE, clock: new ManualClock(), turnaroundMs: 0 });
    const exchange = exchangeOn(bus);
    const target = { protocol: 'cjt188', address: '00000000000001' } as const;
    await controlValve(exchange, target, 'close');
    expect((bus.meter('1') as WaterMeter).state().valve).toBe('closed');
    expect(await readMeter(exchange, target)).toMatchObject({ valve: 'closed', total: 0 });
  });
});
