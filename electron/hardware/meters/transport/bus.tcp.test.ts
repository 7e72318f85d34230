import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { appendCrc } from '../codecs/crc16';
import { Bus } from './bus';
import { ModbusTcpLink } from './modbus-tcp-link';
import { TcpRawLink } from './tcp-raw-link';
import { delay, framing, loopbackServer, readReply, readRequest, Responder, socketWriter, split } from './test-support';

const LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
const OPTIONS = { line: LINE, replyTimeoutMs: 150, backoffMs: 5, reconnectDelayMs: 20 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function read(bus: Bus, unit: number): Promise<Uint8Array> {
  const request = readRequest(unit);
  return bus.exchange(request, framing(request));
}

/** A Modbus TCP gateway on 127.0.0.1: answers each MBAP request through `reply(tid, unit, pdu, socket)`. */
async function mbapGateway(reply: (tid: number, rtu: Uint8Array, socket: net.Socket) => void) {
  const seen: Uint8Array[] = [];
  const server = await loopbackServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      seen.push(new Uint8Array(chunk));
      const tid = chunk.readUInt16BE(0);
      reply(tid, appendCrc(new Uint8Array(chunk.subarray(6))), socket);
    });
  });
  return { ...server, seen };
}

function mbap(tid: number, rtuReply: Uint8Array): Uint8Array {
  const body = rtuReply.subarray(0, rtuReply.length - 2);
  const adu = new Uint8Array(6 + body.length);
  adu.set([tid >> 8, tid & 0xff, 0, 0, body.length >> 8, body.length & 0xff]);
  adu.set(body, 6);
  return adu;
}

describe('Bus over a transparent gateway (TcpRawLink, loopback)', () => {
  it('carries raw RTU bytes and reconnects after the gateway drops the socket', async () => {
    let connections = 0;
    const server = await loopbackServer((socket) => {
      connections++;
      const responder = new Responder((request) => ({ chunks: split(readReply(request), 2) }), socketWriter(socket));
      socket.on('data', (chunk: Buffer) => responder.receive(new Uint8Array(chunk)));
    });
    const bus = new Bus(new TcpRawLink('127.0.0.1', server.port), OPTIONS);
    cleanups.push(server.close, () => bus.close());
    expect(await read(bus, 1)).toEqual(readReply(readRequest(1)));
    for (const socket of server.sockets) socket.destroy();
    await delay(20);
    expect(await read(bus, 2)).toEqual(readReply(readRequest(2)));
    expect(connections).toBe(2);
    expect(bus.statistics().reconnects).toBe(1);
  });

  it('resolves a broadcast (no reply expected) with an empty frame', async () => {
    const server = await loopbackServer(() => undefined);
    const bus = new Bus(new TcpRawLink('127.0.0.1', server.port), OPTIONS);
    cleanups.push(server.close, () => bus.close());
    const request = readRequest(0);
    expect(await bus.exchange(request, framing(request), { expectReply: false })).toHaveLength(0);
  });
});

describe('Bus over a Modbus TCP gateway (ModbusTcpLink, loopback)', () => {
  it('sends MBAP without CRC and turns the reply, split across packets, back into an RTU frame', async () => {
    const gateway = await mbapGateway((tid, rtu, socket) => {
      const pieces = split(mbap(tid, readReply(rtu)), 3, 8);
      pieces.forEach((piece, i) => setTimeout(() => socket.write(piece), 5 * i));
    });
    const bus = new Bus(new ModbusTcpLink('127.0.0.1', gateway.port), OPTIONS);
    cleanups.push(gateway.close, () => bus.close());
    expect(await read(bus, 17)).toEqual(readReply(readRequest(17)));
    expect(await read(bus, 18)).toEqual(readReply(readRequest(18)));
    const request = readRequest(17);
    expect([...(gateway.seen[0] ?? [])]).toEqual([0, 1, 0, 0, 0, 6, ...request.subarray(0, 6)]);
    expect(gateway.seen[1]?.[1]).toBe(2);
  });

  it('drops a reply with the wrong transaction id and takes the matching one', async () => {
    const gateway = await mbapGateway((tid, rtu, socket) => {
      const stale = readReply(readRequest(99));
      socket.write(Buffer.concat([mbap(tid + 100, stale), mbap(tid, readReply(rtu))]));
    });
    const link = new ModbusTcpLink('127.0.0.1', gateway.port);
    const bus = new Bus(link, OPTIONS);
    cleanups.push(gateway.close, () => bus.close());
    expect(await read(bus, 5)).toEqual(readReply(readRequest(5)));
    expect(link.staleReplies).toBe(1);
  });

  it('times out when only a mismatched transaction id comes back', async () => {
    const gateway = await mbapGateway((tid, rtu, socket) => socket.write(mbap(tid + 1, readReply(rtu))));
    const link = new ModbusTcpLink('127.0.0.1', gateway.port);
    const bus = new Bus(link, { ...OPTIONS, replyTimeoutMs: 50, retries: 1 });
    cleanups.push(gateway.close, () => bus.close());
    await expect(read(bus, 5)).rejects.toMatchObject({ code: 'timeout' });
    expect(link.staleReplies).toBe(2);
  });
});
