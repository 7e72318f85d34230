import type { Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseLineSettings } from '../meter-port';
import { hasValidCrc } from '../codecs/crc16';
import { encodeReadHolding, modbusReplyLength } from '../codecs/modbus-rtu';
import { encodeDlt645Read } from '../codecs/dlt645';
import { CJT188_COLD_WATER, encodeCjt188Read } from '../codecs/cjt188';
import { buildBus } from './build';
import { ManualClock } from './clock';
import { parseFaultOption } from './faults';
import type { SimBus, SimMeterLike } from './sim-bus';
import { startGateway } from './tcp-gateway';
import type { SimGateway } from './tcp-gateway';
import { openSocket, roundTrip } from './testing';

const LINE = parseLineSettings('115200,8N1')!;
const REQUEST = encodeReadHolding(3, 0x0200, 48);
let bus: SimBus<SimMeterLike, unknown>;
let gw: SimGateway;
let socket: Socket;

beforeAll(async () => {
  bus = buildBus({ protocol: 'modbus', meters: 4, line: LINE, clock: new ManualClock(), turnaroundMs: 2 });
  gw = await startGateway({ bus });
  socket = await openSocket(gw.host, gw.port);
});
afterAll(async () => {
  socket.destroy();
  await gw.close();
});
beforeEach(() => bus.clearFault());

const ask = (options: Parameters<typeof roundTrip>[2] = { frameLength: modbusReplyLength(REQUEST) }) => roundTrip(socket, REQUEST, { quietMs: 120, ...options });

describe('named faults, seen on the wire (Modbus RTU over a transparent gateway)', () => {
  it('no fault: a 101-byte reply with a good CRC', async () => {
    const { bytes } = await ask();
    expect([bytes.length, hasValidCrc(bytes)]).toEqual([101, true]);
  });

  it('no-reply: nothing comes back', async () => {
    bus.setFault('3', { kind: 'no-reply' });
    expect((await ask()).bytes.length).toBe(0);
  });

  it('lost-reply: the meter acts but nothing comes back', async () => {
    bus.setFault('3', { kind: 'lost-reply' });
    expect((await ask()).bytes.length).toBe(0);
  });

  it('bad-crc: the reply is complete but its CRC is wrong', async () => {
    bus.setFault('3', { kind: 'bad-crc' });
    const { bytes } = await ask();
    expect([bytes.length, hasValidCrc(bytes)]).toEqual([101, false]);
  });

  it('wrong-address: the reply carries another unit', async () => {
    bus.setFault('3', { kind: 'wrong-address' });
    const { bytes } = await ask();
    expect([bytes[0], bytes.length, hasValidCrc(bytes)]).toEqual([4, 101, true]);
  });

  it('exception: exception 02 (illegal data address)', async () => {
    bus.setFault('3', { kind: 'exception' });
    const { bytes } = await ask();
    expect([...bytes.subarray(0, 3)]).toEqual([3, 0x83, 0x02]);
    expect(hasValidCrc(bytes)).toBe(true);
  });

  it('echo: the request comes back before the reply', async () => {
    bus.setFault('3', { kind: 'echo' });
    const { bytes } = await ask({ frameLength: modbusReplyLength(REQUEST), skip: 8 });
    expect([...bytes.subarray(0, 8)]).toEqual([...REQUEST]);
    expect(hasValidCrc(bytes.subarray(8))).toBe(true);
    expect(bytes.length).toBe(109);
  });

  it('truncated: the reply stops short', async () => {
    bus.setFault('3', { kind: 'truncated' });
    const { bytes } = await ask();
    expect(bytes.length).toBe(51);
  });

  it('slow-turnaround: the reply comes after the configured delay', async () => {
    bus.setFault('3', { kind: 'slow-turnaround', delayMs: 150 });
    const { bytes, ms } = await ask({ frameLength: modbusReplyLength(REQUEST), quietMs: 400 });
    expect(bytes.length).toBe(101);
    expect(ms).toBeGreaterThanOrEqual(150);
  });

  it('a fault for the next N requests, then normal again', async () => {
    bus.setFault('3', { kind: 'no-reply', count: 2 });
    expect((await ask()).bytes.length).toBe(0);
    expect((await ask()).bytes.length).toBe(0);
    expect((await ask()).bytes.length).toBe(101);
  });

  it('a fault with a probability hits some requests, not all (seeded)', () => {
    bus.setFault('3', { kind: 'bad-crc', probability: 0.5 });
    const hits = Array.from({ length: 200 }, () => bus.faults.draw('3').length).reduce((a, b) => a + b, 0);
    expect(hits).toBeGreaterThan(60);
    expect(hits).toBeLessThan(140);
  });

  it('parses the CLI form ADDRESS:KIND[:P][:xN][:MSms]', () => {
    expect(parseFaultOption('3:bad-crc:0.25:x5')).toEqual({ address: '3', fault: { kind: 'bad-crc', probability: 0.25, count: 5 } });
    expect(parseFaultOption('2:slow-turnaround:400ms').fault.delayMs).toBe(400);
    expect(() => parseFaultOption('3:melted')).toThrow(/KIND one of/);
  });
});

describe('bad checksum and abnormal replies in DL/T 645 and CJ/T 188', () => {
  const exchange = async (b: SimBus<SimMeterLike, unknown>, request: Uint8Array) => {
    const received: number[] = [];
    await b.exchange(request, (bytes) => received.push(...bytes));
    return Uint8Array.from(received);
  };
  const sum = (bytes: Uint8Array, from: number) => bytes.subarray(from, bytes.length - 2).reduce((a, b) => (a + b) & 0xff, 0);

  it('DL/T 645: checksum spoiled; exception = abnormal reply (C = D1)', async () => {
    const b = buildBus({ protocol: 'dlt645', meters: 2, line: LINE, clock: new ManualClock(), turnaroundMs: 0 });
    const request = encodeDlt645Read('000000000002', 0x00010000);
    const good = await exchange(b, request);
    expect(good.at(-2)).toBe(sum(good, 0));
    b.setFault('2', { kind: 'bad-crc' });
    const bad = await exchange(b, request);
    expect(bad.at(-2)).not.toBe(sum(bad, 0));
    b.setFault('2', { kind: 'exception' });
    b.clearFault('2', 'bad-crc');
    expect((await exchange(b, request))[8]).toBe(0xd1);
  });

  it('CJ/T 188: checksum spoiled; wrong address', async () => {
    const b = buildBus({ protocol: 'cjt188', meters: 2, line: LINE, clock: new ManualClock(), turnaroundMs: 0 });
    const request = encodeCjt188Read(CJT188_COLD_WATER, '00000000000001');
    b.setFault('1', { kind: 'bad-crc' });
    const bad = await exchange(b, request);
    expect(bad.at(-2)).not.toBe(sum(bad, 0));
    b.clearFault('1');
    b.setFault('1', { kind: 'wrong-address' });
    expect((await exchange(b, request))[2]).toBe(0x02);
  });
});
