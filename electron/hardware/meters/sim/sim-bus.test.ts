import { describe, expect, it } from 'vitest';
import { parseLineSettings, wireTimeMs } from '../meter-port';
import { encodeReadHolding, encodeWriteMultiple } from '../codecs/modbus-rtu';
import { DLT645_WILDCARD_ADDRESS, decodeDlt645Reply, encodeDlt645Read } from '../codecs/dlt645';
import { buildBus } from './build';
import { ManualClock } from './clock';
import { runConsoleCommand } from './console';
import type { ElectricityMeter } from './electricity-meter';
import { attachStream } from './stream';

const FAST = parseLineSettings('115200,8N1')!;

function record() {
  const chunks: { at: number; bytes: Uint8Array }[] = [];
  return { chunks, emit: (bytes: Uint8Array) => chunks.push({ at: performance.now(), bytes: Uint8Array.from(bytes) }) };
}

describe('SimBus', () => {
  it('paces a reply in timed chunks when asked to, each no sooner than its last byte could arrive', async () => {
    const line = parseLineSettings('9600,8N1')!;
    const bus = buildBus({ protocol: 'modbus', meters: 1, line, clock: new ManualClock(), turnaroundMs: 5, chunkBytes: 32 });
    const { chunks, emit } = record();
    const started = performance.now();
    await bus.exchange(encodeReadHolding(1, 0x0200, 48), emit, started);
    expect(chunks.map((c) => c.bytes.length)).toEqual([32, 32, 32, 5]);
    chunks.forEach((chunk, i) => {
      const bytesSoFar = Math.min(101, (i + 1) * 32);
      expect(chunk.at - started).toBeGreaterThanOrEqual(wireTimeMs(line, 8) + 5 + wireTimeMs(line, bytesSoFar) - 1);
    });
  });

  it('answers the DL/T 645 wildcard address only when it has a single meter', async () => {
    const one = buildBus({ protocol: 'dlt645', meters: 1, line: FAST, clock: new ManualClock(), turnaroundMs: 0 });
    const request = encodeDlt645Read(DLT645_WILDCARD_ADDRESS, 0x00010000);
    const a = record();
    await one.exchange(request, a.emit);
    expect(decodeDlt645Reply(request, a.chunks[0]!.bytes).address).toBe('000000000001');
    const two = buildBus({ protocol: 'dlt645', meters: 2, line: FAST, clock: new ManualClock(), turnaroundMs: 0 });
    const b = record();
    await two.exchange(request, b.emit);
    expect(b.chunks).toHaveLength(0);
  });

  it('a broadcast reaches every meter and nobody answers', async () => {
    const bus = buildBus({ protocol: 'modbus', meters: 3, line: FAST, clock: new ManualClock(), turnaroundMs: 0 });
    const { chunks, emit } = record();
    await bus.exchange(encodeWriteMultiple(0, 0x0057, [1, 1]), emit);
    expect(chunks).toHaveLength(0);
    expect(bus.all().map((m) => (m as ElectricityMeter).state().relay)).toEqual(['open', 'open', 'open']);
  });

  it('a stream drops garbage, joins split frames, and takes two frames sent together', async () => {
    const bus = buildBus({ protocol: 'modbus', meters: 2, line: FAST, clock: new ManualClock(), turnaroundMs: 0 });
    const { chunks, emit } = record();
    const stream = attachStream(bus, emit);
    stream.receive(Uint8Array.of(0x01, 0x42, 0x00)); // unknown function code: dropped
    const a = encodeReadHolding(1, 0x0200, 2);
    const b = encodeReadHolding(2, 0x0200, 2);
    stream.receive(a.subarray(0, 3));
    stream.receive(Uint8Array.from([...a.subarray(3), ...b]));
    await bus.exchange(new Uint8Array(0), () => undefined); // waits for the queue
    expect(chunks.map((c) => c.bytes[0])).toEqual([1, 2]);
  });

  it('takes runtime commands: faults, state and cards', () => {
    const bus = buildBus({ protocol: 'modbus', meters: 2, line: FAST, clock: new ManualClock() });
    expect(runConsoleCommand([bus], 'fault 2:echo:x3')).toBe('fault set: 2 echo');
    expect(runConsoleCommand([bus], 'faults')).toBe('bus 1: 2:echo');
    expect(runConsoleCommand([bus], 'card 1 1 500')).toMatch(/"credited"/);
    expect(JSON.parse(runConsoleCommand([bus], 'state 1 @1'))).toMatchObject({ purchaseCount: 1, remaining: 10_500 });
    expect(runConsoleCommand([bus], 'clear')).toBe('all faults cleared');
    expect(runConsoleCommand([bus], 'state 9')).toMatch(/^error: no meter/);
  });
});
