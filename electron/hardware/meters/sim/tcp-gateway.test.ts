import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLineSettings, wireTimeMs } from '../meter-port';
import { hasValidCrc } from '../codecs/crc16';
import { decodeReadReply, encodeReadHolding, modbusReplyLength } from '../codecs/modbus-rtu';
import { buildBus } from './build';
import { ManualClock } from './clock';
import { assertLoopback, startGateway } from './tcp-gateway';
import type { SimGateway } from './tcp-gateway';
import { openSocket, roundTrip } from './testing';

const LINE_9600 = parseLineSettings('9600,8N1')!;
const mbapLength = (r: Uint8Array) => (r.length >= 6 ? 6 + ((r[4]! << 8) | r[5]!) : null);
const open: { gateways: SimGateway[]; sockets: Socket[] } = { gateways: [], sockets: [] };

async function gateway(options: { meters?: number; baud?: string; mode?: 'raw' | 'mbap'; turnaroundMs?: number } = {}) {
  const bus = buildBus({
    protocol: 'modbus', meters: options.meters ?? 4, line: parseLineSettings(options.baud ?? '9600,8N1')!, clock: new ManualClock(),
    turnaroundMs: options.turnaroundMs ?? 20,
  });
  const gw = await startGateway({ bus, mode: options.mode ?? 'raw', gatewayTimeoutMs: 200 });
  open.gateways.push(gw);
  const socket = await openSocket(gw.host, gw.port);
  open.sockets.push(socket);
  return { bus, gw, socket };
}

afterEach(async () => {
  for (const socket of open.sockets.splice(0)) socket.destroy();
  for (const gw of open.gateways.splice(0)) await gw.close();
});

describe('transparent TCP gateway (raw RTU)', () => {
  it('answers a 48-register read no sooner than its wire time at 9600 8N1 plus the turnaround', async () => {
    const { socket } = await gateway();
    const request = encodeReadHolding(2, 0x0200, 48);
    const { bytes, ms } = await roundTrip(socket, request, { frameLength: modbusReplyLength(request) });
    expect(bytes.length).toBe(101);
    expect(decodeReadReply(request, bytes)[0]).toBe(7);
    const floor = wireTimeMs(LINE_9600, 8 + 101) + 20; // 113.5 + 20 ms
    expect(ms).toBeGreaterThanOrEqual(floor - 1);
    expect(ms).toBeLessThan(floor + 80);
  });

  it('is half duplex: two clients asking at once are answered one after the other', async () => {
    const { gw, socket, bus } = await gateway();
    const second = await openSocket(gw.host, gw.port);
    open.sockets.push(second);
    const a = encodeReadHolding(1, 0x0200, 48);
    const b = encodeReadHolding(2, 0x0200, 48);
    const started = performance.now();
    const [ra, rb] = await Promise.all([
      roundTrip(socket, a, { frameLength: modbusReplyLength(a) }), roundTrip(second, b, { frameLength: modbusReplyLength(b) }),
    ]);
    const total = performance.now() - started;
    expect(hasValidCrc(ra.bytes) && hasValidCrc(rb.bytes)).toBe(true);
    expect(total).toBeGreaterThanOrEqual(2 * bus.exchangeTimeMs(8, 101) - 5);
  });

  it('does not answer a request for an address nobody has', async () => {
    const { socket } = await gateway();
    const { bytes } = await roundTrip(socket, encodeReadHolding(9, 0x0200, 48), { quietMs: 250 });
    expect(bytes.length).toBe(0);
  });

  it('serves loopback only', () => {
    expect(() => assertLoopback('0.0.0.0')).toThrow(/loopback only/);
    expect(() => assertLoopback('192.168.1.10')).toThrow(/loopback only/);
    expect(assertLoopback('localhost')).toBe('127.0.0.1');
  });
});

describe('converting TCP gateway (Modbus TCP, MBAP)', () => {
  const mbapRead = (transaction: number, unit: number, start: number, count: number) =>
    Uint8Array.of(transaction >> 8, transaction & 0xff, 0, 0, 0, 6, unit, 3, start >> 8, start & 0xff, count >> 8, count & 0xff);

  it('converts MBAP to RTU and back, keeping the transaction id', async () => {
    const { socket } = await gateway({ mode: 'mbap', baud: '115200,8N1', turnaroundMs: 2 });
    const { bytes } = await roundTrip(socket, mbapRead(0x1234, 3, 0x0200, 48), { frameLength: mbapLength });
    expect([...bytes.subarray(0, 9)]).toEqual([0x12, 0x34, 0, 0, 0, 99, 3, 3, 96]);
    expect(bytes.length).toBe(9 + 96);
    expect((bytes[9]! << 8) | bytes[10]!).toBe(7);
  });

  it('answers exception 0B when the meter does not reply', async () => {
    const { socket } = await gateway({ mode: 'mbap', baud: '115200,8N1', turnaroundMs: 2 });
    const { bytes, ms } = await roundTrip(socket, mbapRead(7, 42, 0x0200, 2), { frameLength: mbapLength, quietMs: 400 });
    expect([...bytes]).toEqual([0, 7, 0, 0, 0, 3, 42, 0x83, 0x0b]);
    expect(ms).toBeGreaterThanOrEqual(195);
  });

  it('refuses a non-Modbus bus', async () => {
    const bus = buildBus({ protocol: 'dlt645', meters: 1, line: LINE_9600, clock: new ManualClock() });
    await expect(startGateway({ bus, mode: 'mbap' })).rejects.toThrow(/MBAP/);
  });
});

