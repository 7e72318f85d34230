/**
 * `halldesk meter control --keep-power | --prices | --alarms` against the simulator over loopback TCP, their
 * argument errors (exit 2, one line), shared/money's exact price parsing, and `halldesk collect --once` sending a
 * control job whose time has come before it reads.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../tests/support/run-cli';
import { buildBus } from '../../hardware/meters/sim/build';
import { ManualClock } from '../../hardware/meters/sim/clock';
import { startGateway } from '../../hardware/meters/sim/tcp-gateway';
import type { SimGateway } from '../../hardware/meters/sim/tcp-gateway';
import type { ElectricityMeter } from '../../hardware/meters/sim/electricity-meter';
import { parsePrice } from '../../../shared/money';
import { buildBackend } from '../../../tests/support/backend';
import { approvedJob } from '../../../tests/support/control-kit';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
let modbus: SimGateway;
let dlt645: SimGateway;
let out: string[];
let err: string[];

async function run(...argv: string[]): Promise<number> {
  const result = await runCli(argv);
  ({ out, err } = result);
  return result.code;
}

beforeAll(async () => {
  const clock = new ManualClock(Date.parse('2026-11-27T02:00:00Z'));
  modbus = await startGateway({ bus: buildBus({ protocol: 'modbus', meters: 1, line: LINE, clock }), mode: 'raw' });
  dlt645 = await startGateway({ bus: buildBus({ protocol: 'dlt645', meters: 1, line: LINE, clock }), mode: 'raw' });
});
afterAll(async () => { await Promise.all([modbus.close(), dlt645.close()]); });

const via = (g: SimGateway) => `rtu-tcp:127.0.0.1:${g.port}@9600,8N1`;
const onModbus = () => ['meter', 'control', '--via', via(modbus), '--protocol', 'modbus', '--model', 'DDSY1352', '--address', '1'];
const onDlt645 = () => ['meter', 'control', '--via', via(dlt645), '--protocol', 'dlt645', '--address', '000000000001'];

describe('parsePrice (R3 for unit prices)', () => {
  it.each([['0.5883', 5883], ['1', 10_000], [' 12.3 ', 123_000], ['1000', 10_000_000], ['0.0001', 1]])('accepts %j → %i', (text, expected) => {
    expect(parsePrice(text)).toBe(expected);
  });
  it.each(['0.58831', '-1', '1e3', '', '.5', '1,5', '1000.0001', '12345', 'NaN'])('refuses %j', (text) => {
    expect(parsePrice(text)).toBeNull();
  });
});

describe('halldesk meter control: keep-power, prices, alarms', () => {
  it('writes prices and alarm amounts over Modbus (exactly, no floats)', async () => {
    expect(await run(...onModbus(), '--prices', '1.2345,0.9876,0.5432,0.2109')).toBe(0);
    expect(out).toEqual(['prices 1.2345, 0.9876, 0.5432, 0.2109: done']);
    expect(await run(...onModbus(), '--alarms', '30,10.5')).toBe(0);
    expect(out).toEqual(['alarms 30.00, 10.50: done']);
    const meter = modbus.bus.meter('1') as ElectricityMeter;
    expect(meter.prices).toEqual({ spike: 12_345, peak: 9_876, flat: 5_432, valley: 2_109 });
    expect([meter.alarm1, meter.alarm2]).toEqual([3_000, 1_050]);
  });

  it('keeps power on and off over DL/T 645; Modbus has no keep-power (exit 1)', async () => {
    const meter = dlt645.bus.meter('000000000001') as ElectricityMeter;
    expect(await run(...onDlt645(), '--keep-power', 'on')).toBe(0);
    expect(meter.state().keepPower).toBe(true);
    expect(await run(...onDlt645(), '--keep-power', 'off')).toBe(0);
    expect(meter.state().keepPower).toBe(false);
    expect(await run(...onModbus(), '--keep-power', 'on')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^meter: unsupported: /)]);
  });

  it('answers bad arguments with exit 2 and one line', async () => {
    const cases: [string, string, RegExp][] = [
      ['--prices', '0.5,0.5,0.5', /--prices takes 4/], ['--prices', '0.58831,1,1,1', /--prices takes 4/], ['--prices', '-1,1,1,1', /--prices takes 4/],
      ['--alarms', '10', /--alarms takes 2/], ['--alarms', '10,20', /alarm 1 .* must not be below alarm 2/], ['--alarms', '1.234,1', /--alarms takes 2/],
      ['--keep-power', 'maybe', /--keep-power must be on or off/],
    ];
    for (const [option, value, message] of cases) {
      expect(await run(...onModbus(), `${option}=${value}`)).toBe(2);
      expect(err).toEqual([expect.stringMatching(message)]);
    }
    expect(await run(...onModbus(), '--relay', 'trip', '--prices', '1,1,1,1')).toBe(2);
    expect(err).toEqual([expect.stringContaining('give exactly one of')]);
    expect(await run(...onDlt645(), '--alarms', '1000000,1')).toBe(2);
    expect(err).toEqual([expect.stringMatching(/^meter: out of range: /)]);
  });
});

describe('halldesk collect --once', () => {
  it('sends a control job whose time has come', async () => {
    const fx = await buildBackend();
    try {
      const bus = await fx.ok('buses.save', {
        code: 'GW-CLI', name: '网关', kind: 'tcp-raw', endpoint: `127.0.0.1:${modbus.port}`, line: { ...LINE }, replyTimeoutMs: 300, retries: 0, active: true,
      }, fx.sessions.admin);
      const account = await fx.openAccount([fx.newMeter('money', { commAddress: '1', model: 'DDSY1352' })]);
      const meterId = account.meters[0]!.id;
      await fx.ok('meters.setComm', { meterId, busId: bus.id, protocol: 'modbus', firmware: null }, fx.sessions.admin);
      const job = await approvedJob(fx, { selection: { by: 'meters', meterIds: [meterId] }, command: { action: 'relay_trip' }, effectiveAt: null, reason: '欠费' });
      await fx.backend.close();
      expect(await run('collect', '--once', '--data', fx.dataDir)).toBe(0);
      expect(out[0]).toBe(`control jobs: 1 sent, 1 succeeded, 0 failed (retried later); finished jobs ${job.id}`);
      expect((modbus.bus.meter('1') as ElectricityMeter).state().relay).toBe('open');
    } finally {
      await rm(fx.dataDir, { recursive: true, force: true });
    }
  });
});
