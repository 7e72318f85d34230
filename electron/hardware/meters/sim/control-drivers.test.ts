/**
 * The control-job driver operations (issue 5 item 6) against the simulator: prices and alarm amounts over Modbus
 * (read-modify-write of the prepaid block with FC 0xAA, hardware.md §1.3 [I]) and DL/T 645 (14H, §2.2), keep-power
 * over DL/T 645 (1CH 3A/3B, §2.3), the unsupported cases, and the same over a loopback transparent gateway.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ProtocolError, parseLineSettings } from '../meter-port';
import type { Exchange } from '../meter-port';
import { controlRelay, controlSupport, readMeter, readPurchase, UnsupportedOperationError, writeSettings } from '../codecs/drivers';
import { DDSY1352 } from '../codecs/maps';
import { BusRegistry } from '../transport/bus-registry';
import { buildBus } from './build';
import { ManualClock } from './clock';
import { startGateway } from './tcp-gateway';
import type { SimGateway } from './tcp-gateway';
import type { SimBus, SimMeterLike } from './sim-bus';
import type { ElectricityMeter } from './electricity-meter';

const LINE = parseLineSettings('115200,8N1')!;
const PRICES = { spike: 9_876, peak: 7_654, flat: 5_432, valley: 3_210 };

function exchangeOn(bus: SimBus<SimMeterLike, unknown>): Exchange {
  return async (request, frameLength) => {
    const received: number[] = [];
    await bus.exchange(request, (bytes) => received.push(...bytes));
    const bytes = Uint8Array.from(received);
    const length = frameLength(bytes);
    if (length === null) throw new ProtocolError('timeout', 'no complete reply');
    return bytes.subarray(0, length);
  };
}

const modbusBus = () => buildBus({ protocol: 'modbus', meters: 1, line: LINE, clock: new ManualClock(), turnaroundMs: 0, electricity: { remaining: 5000, purchaseCount: 3 } });
const MODBUS = { protocol: 'modbus', address: 1, model: 'DDSY1352' } as const;
const DLT645 = { protocol: 'dlt645', address: '000000000001' } as const;

describe('control operations in memory', () => {
  it('Modbus: prices and alarms through the prepaid block, purchase count, remaining and forced control unchanged', async () => {
    const bus = modbusBus();
    const exchange = exchangeOn(bus);
    const meter = bus.meter('1') as ElectricityMeter;
    await controlRelay(exchange, MODBUS, 'trip');
    await writeSettings(exchange, MODBUS, { prices: PRICES });
    await writeSettings(exchange, MODBUS, { alarms: { alarm1: 3_000, alarm2: 1_000 } });
    expect(meter.prices).toEqual(PRICES);
    expect([meter.alarm1, meter.alarm2]).toEqual([3_000, 1_000]);
    expect(await readPurchase(exchange, MODBUS)).toEqual({ remaining: 5000, purchaseCount: 3 });
    expect(meter.state()).toMatchObject({ forced: 'trip', relay: 'open' });
  });

  it('Modbus: no keep-power command; a map without price registers is refused before anything is sent', async () => {
    const exchange = exchangeOn(modbusBus());
    await expect(controlRelay(exchange, MODBUS, 'keep-power')).rejects.toBeInstanceOf(UnsupportedOperationError);
    const noPrices = { ...DDSY1352, prepaid: { ...DDSY1352.prepaid!, prices: undefined } };
    await expect(writeSettings(exchange, { ...MODBUS, map: noPrices }, { prices: PRICES })).rejects.toBeInstanceOf(UnsupportedOperationError);
  });

  it('DL/T 645: prices and alarms with 14H, keep-power 3A / release 3B', async () => {
    const bus = buildBus({ protocol: 'dlt645', meters: 1, line: LINE, clock: new ManualClock(), turnaroundMs: 0 });
    const exchange = exchangeOn(bus);
    const meter = bus.meter('1') as ElectricityMeter;
    await writeSettings(exchange, DLT645, { prices: PRICES, alarms: { alarm1: 4_000, alarm2: 800 } });
    expect(meter.prices).toEqual(PRICES);
    expect([meter.alarm1, meter.alarm2]).toEqual([4_000, 800]);
    await controlRelay(exchange, DLT645, 'keep-power');
    expect(meter.state().keepPower).toBe(true);
    await controlRelay(exchange, DLT645, 'keep-power-release');
    expect(meter.state().keepPower).toBe(false);
  });

  it('CJ/T 188: no price writes', async () => {
    const bus = buildBus({ protocol: 'cjt188', meters: 1, line: LINE, clock: new ManualClock(), turnaroundMs: 0 });
    await expect(writeSettings(exchangeOn(bus), { protocol: 'cjt188', address: '00000000000001' }, { prices: PRICES })).rejects.toBeInstanceOf(UnsupportedOperationError);
  });
});

describe('controlSupport', () => {
  it('answers what each protocol and map can take', () => {
    expect(controlSupport('modbus', DDSY1352, 'relay_trip')).toBeNull();
    expect(controlSupport('modbus', DDSY1352, 'set_prices')).toBeNull();
    expect(controlSupport('modbus', DDSY1352, 'set_alarms')).toBeNull();
    expect(controlSupport('modbus', DDSY1352, 'keep_power')).toBe('unsupported-by-protocol');
    expect(controlSupport('modbus', null, 'relay_close')).toBe('no-map');
    expect(controlSupport('modbus', { ...DDSY1352, prepaid: undefined }, 'set_alarms')).toBe('unsupported-by-protocol');
    expect(controlSupport('dlt645', null, 'keep_power_release')).toBeNull();
    expect(controlSupport('dlt645', null, 'valve_open')).toBe('unsupported-by-protocol');
    expect(controlSupport('cjt188', null, 'valve_close')).toBeNull();
    expect(controlSupport('cjt188', null, 'set_prices')).toBe('unsupported-by-protocol');
  });
});

describe('control operations over a loopback transparent gateway', () => {
  let gateway: SimGateway | null = null;
  afterAll(async () => { await gateway?.close(); });

  it('Modbus prices, alarms and a relay trip reach the meter through the real bus', async () => {
    gateway = await startGateway({ bus: modbusBus(), mode: 'raw' });
    const registry = new BusRegistry([{ id: 'gw', kind: 'tcp-raw', host: '127.0.0.1', port: gateway.port, line: LINE, timeouts: { replyTimeoutMs: 500 } }]);
    try {
      const exchange = registry.get('gw').exchange;
      await writeSettings(exchange, MODBUS, { prices: PRICES, alarms: { alarm1: 2_500, alarm2: 600 } });
      await controlRelay(exchange, MODBUS, 'trip');
      const meter = gateway.bus.meter('1') as ElectricityMeter;
      expect({ prices: meter.prices, alarm1: meter.alarm1 }).toEqual({ prices: PRICES, alarm1: 2_500 });
      expect((await readMeter(exchange, MODBUS)).relay).toBe('open');
    } finally {
      await registry.closeAll();
    }
  });
});
