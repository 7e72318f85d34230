import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendCrc } from '../codecs/crc16';
import { ProtocolError } from '../meter-port';
import { Bus } from './bus';
import type { BusOptions } from './bus';
import { SerialLink } from './serial-link';
import { delay, framing, ptyResponder, readReply, readRequest, split, startPtyPair } from './test-support';
import type { Handler, PtyPair, Responder } from './test-support';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;

describe('Bus over a socat PTY pair (SerialLink)', () => {
  let pty: PtyPair;
  let bus: Bus;
  let far: { responder: Responder; close(): Promise<void> };

  beforeEach(async () => {
    pty = await startPtyPair();
  });
  afterEach(async () => {
    await bus?.close();
    await far?.close();
    await pty?.stop();
  });

  async function setUp(handler: Handler, options: Partial<BusOptions> = {}): Promise<void> {
    far = await ptyResponder(pty.b, handler);
    bus = new Bus(new SerialLink(pty.a, LINE), { line: LINE, replyTimeoutMs: 150, backoffMs: 5, reconnectDelayMs: 20, ...options });
  }

  const read = (unit: number): Promise<Uint8Array> => {
    const request = readRequest(unit);
    return bus.exchange(request, framing(request));
  };

  it('reassembles a reply that arrives in fragments', async () => {
    await setUp((request) => ({ chunks: split(readReply(request), 1, 4, 7), gapMs: 8 }));
    expect(await read(7)).toEqual(readReply(readRequest(7)));
  });

  it('strips the echo of a half-duplex adapter', async () => {
    await setUp((request) => ({ chunks: [request, readReply(request)] }));
    expect(await read(3)).toEqual(readReply(readRequest(3)));
    expect(bus.statistics().echoesStripped).toBe(1);
  });

  it('discards garbage before the frame', async () => {
    await setUp((request) => ({ chunks: [Uint8Array.of(0x00, 0xff, 0x13), readReply(request)] }));
    expect(await read(5)).toEqual(readReply(readRequest(5)));
    expect(bus.statistics().discardedBytes).toBe(3);
  });

  it('retries after a timeout and succeeds', async () => {
    await setUp((request, index) => (index === 0 ? null : { chunks: [readReply(request)] }));
    expect(await read(9)).toEqual(readReply(readRequest(9)));
    expect(bus.statistics()).toMatchObject({ timeouts: 1, retries: 1, replies: 1 });
  });

  it('retries after a reply with a bad CRC', async () => {
    const corrupt = (bytes: Uint8Array): Uint8Array => Uint8Array.from(bytes, (b, i) => (i === bytes.length - 1 ? b ^ 0xff : b));
    await setUp((request, index) => ({ chunks: [index === 0 ? corrupt(readReply(request)) : readReply(request)] }));
    expect(await read(4)).toEqual(readReply(readRequest(4)));
    expect(bus.statistics()).toMatchObject({ badFrames: 1, retries: 1 });
  });

  it('does not retry an exception reply', async () => {
    await setUp((request) => ({ chunks: [appendCrc(Uint8Array.of(request[0] ?? 0, 0x83, 0x02))] }));
    expect((await read(2))[1]).toBe(0x83);
    expect(far.responder.requests).toHaveLength(1);
  });

  it('rejects with timeout after the retries are exhausted', async () => {
    await setUp(() => null, { replyTimeoutMs: 60, retries: 2 });
    await expect(read(1)).rejects.toMatchObject({ code: 'timeout' });
    expect(far.responder.requests).toHaveLength(3);
    expect(bus.statistics()).toMatchObject({ timeouts: 3, retries: 2, failures: 1 });
  });

  it('never has two requests in flight: 50 concurrent exchanges go out one after another', async () => {
    await setUp((request) => ({ chunks: split(readReply(request), 3), delayMs: 2, gapMs: 1 }));
    const units = Array.from({ length: 50 }, (_, i) => i + 1);
    const replies = await Promise.all(units.map((unit) => read(unit)));
    replies.forEach((reply, i) => expect(reply).toEqual(readReply(readRequest(units[i] ?? 0))));
    const { requestAt, replyDoneAt } = far.responder.timeline;
    expect(requestAt).toHaveLength(50);
    for (let i = 1; i < 50; i++) expect(requestAt[i]).toBeGreaterThanOrEqual(replyDoneAt[i - 1] ?? Infinity);
    expect(far.responder.requests.map((r) => r[0])).toEqual(units);
  });

  it('reopens the port after the far end went away', async () => {
    await setUp((request) => ({ chunks: [readReply(request)] }), { retries: 4 });
    expect(await read(1)).toEqual(readReply(readRequest(1)));
    await far.close();
    await pty.restart(); // the PTY vanishes under the open port, then a new one appears at the same path
    far = await ptyResponder(pty.b, (request) => ({ chunks: [readReply(request)] }));
    expect(await read(2)).toEqual(readReply(readRequest(2)));
    expect(bus.statistics().reconnects).toBeGreaterThanOrEqual(1);
  });

  it('close() rejects the request in flight and the queued ones with port-closed', async () => {
    await setUp(() => null, { replyTimeoutMs: 5000 });
    const pending = [read(1), read(2), read(3)].map((p) => p.catch((error: unknown) => error));
    await delay(30);
    await bus.close();
    for (const error of await Promise.all(pending)) {
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toBe('port-closed');
    }
    await expect(read(4)).rejects.toMatchObject({ code: 'port-closed' });
  });
});
