/**
 * `halldesk meter read|control` against the meter simulator over the real socket and serial code: a loopback
 * transparent gateway, and a socat PTY pair (the test fails naming socat when it is missing; never skipped).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../tests/support/run-cli';
import { buildBus } from '../../hardware/meters/sim/build';
import { ManualClock } from '../../hardware/meters/sim/clock';
import { servePty } from '../../hardware/meters/sim/pty';
import { startGateway } from '../../hardware/meters/sim/tcp-gateway';
import type { SimGateway } from '../../hardware/meters/sim/tcp-gateway';
import type { ElectricityMeter } from '../../hardware/meters/sim/electricity-meter';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
let gateway: SimGateway;
let out: string[];
let err: string[];

async function run(...argv: string[]): Promise<number> {
  const result = await runCli(argv);
  ({ out, err } = result);
  return result.code;
}

const via = () => `rtu-tcp:127.0.0.1:${gateway.port}@9600,8N1`;
const modbus = (address: string) => ['--protocol', 'modbus', '--model', 'DDSY1352', '--address', address];

beforeAll(async () => {
  const clock = new ManualClock(Date.parse('2026-11-27T02:00:00Z'));
  gateway = await startGateway({ bus: buildBus({ protocol: 'modbus', meters: 3, model: 'DDSY1352', line: LINE, clock, electricity: { remaining: 12_345 } }), mode: 'raw' });
});
afterAll(() => gateway.close());
afterEach(() => { for (const address of ['1', '2', '3']) gateway.bus.clearFault(address); });

describe('halldesk meter read', () => {
  it('prints the decoded prepaid block of a meter behind a transparent gateway', async () => {
    expect(await run('meter', 'read', '--via', via(), ...modbus('2'))).toBe(0);
    expect(out.join('\n')).toMatch(/remaining\s+123\.45/);
    expect(out.join('\n')).toMatch(/relay\s+closed/);
    expect(await run('meter', 'read', '--via', via(), ...modbus('2'), '--json')).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ remaining: 12_345, relay: 'closed' });
  });

  it('fails in one line with exit 1: timeout, CRC, exception', async () => {
    gateway.bus.setFault('3', { kind: 'no-reply' });
    expect(await run('meter', 'read', '--via', via(), ...modbus('3'), '--timeout', '300')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^meter: timeout: /)]);
    gateway.bus.clearFault('3');
    gateway.bus.setFault('3', { kind: 'bad-crc' });
    expect(await run('meter', 'read', '--via', via(), ...modbus('3'), '--timeout', '300')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^meter: (crc|timeout): /)]);
    gateway.bus.clearFault('3');
    gateway.bus.setFault('3', { kind: 'exception' });
    expect(await run('meter', 'read', '--via', via(), ...modbus('3'))).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^meter: exception: /)]);
  });

  it('answers bad arguments with exit 2 and one line', async () => {
    expect(await run('meter', 'read', '--via', 'bogus:1', ...modbus('1'))).toBe(2);
    expect(await run('meter', 'read', '--via', via(), '--protocol', 'iec', '--address', '1')).toBe(2);
    expect(await run('meter', 'read', '--via', via(), '--protocol', 'modbus', '--address', '1')).toBe(2);
    expect(err).toEqual([expect.stringContaining('--model is required')]);
    expect(await run('meter', 'control', '--via', via(), ...modbus('1'))).toBe(2);
    expect(await run('meter', 'control', '--via', via(), ...modbus('1'), '--relay', 'explode')).toBe(2);
  });
});

describe('halldesk meter control', () => {
  it('trips and closes the relay', async () => {
    const meter = gateway.bus.meter('1') as ElectricityMeter;
    expect(await run('meter', 'control', '--via', via(), ...modbus('1'), '--relay', 'trip')).toBe(0);
    expect(out).toEqual(['relay trip: done']);
    expect(meter.state().relay).toBe('open');
    expect(await run('meter', 'control', '--via', via(), ...modbus('1'), '--relay', 'close')).toBe(0);
    expect(meter.state().relay).toBe('closed');
  });
});

describe('over a serial line (socat PTY pair)', () => {
  it('reads a DL/T 645 meter at 2400 8E1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'halldesk-meter-cli-'));
    const clock = new ManualClock(Date.parse('2026-11-27T02:00:00Z'));
    const line = { baudRate: 2400, dataBits: 8, parity: 'even', stopBits: 1 } as const;
    const pty = await servePty(buildBus({ protocol: 'dlt645', meters: 2, line, clock }), join(dir, 'ttyMETER'));
    try {
      const code = await run('meter', 'read', '--via', `serial:${pty.pair.clientPath}@2400,8E1`, '--protocol', 'dlt645', '--address', '000000000002', '--json');
      expect(err).toEqual([]);
      expect(code).toBe(0);
      expect(JSON.parse(out[0]!)).toMatchObject({ total: expect.any(Number) });
    } finally {
      await pty.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
