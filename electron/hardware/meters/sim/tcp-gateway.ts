/**
 * A simulated RS-485-to-Ethernet gateway: a loopback TCP server in front of one SimBus (hardware.md §5).
 *   raw  — transparent ("TCP server" mode): RTU / DL/T 645 / CJ/T 188 bytes pass both ways unchanged
 *          (modbus-serial's connectTelnet, not connectTcpRTUBuffered);
 *   mbap — converting (Modbus TCP): MBAP header + PDU in, the RTU frame (CRC added) on the bus, the reply
 *          converted back; no valid reply within `gatewayTimeoutMs` → exception 0B (target failed to respond).
 * Every client shares the one bus: requests from several sockets still go one at a time.
 */
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { appendCrc, hasValidCrc } from '../codecs/crc16';
import type { SimBus, SimMeterLike } from './sim-bus';
import { attachStream } from './stream';

export type GatewayMode = 'raw' | 'mbap';

export interface GatewayOptions {
  readonly bus: SimBus<SimMeterLike, unknown>;
  readonly mode?: GatewayMode;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly gatewayTimeoutMs?: number;
}

export interface SimGateway {
  readonly host: string;
  readonly port: number;
  readonly mode: GatewayMode;
  readonly bus: SimBus<SimMeterLike, unknown>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The simulator serves loopback only: anything else is refused. */
export function assertLoopback(host: string): string {
  if (!LOOPBACK.has(host)) throw new Error(`the meter simulator serves loopback only (127.0.0.1), not "${host}"`);
  return host === 'localhost' ? '127.0.0.1' : host;
}

function serveRaw(bus: GatewayOptions['bus'], socket: Socket): void {
  const stream = attachStream(bus, (bytes) => { if (!socket.destroyed) socket.write(bytes); });
  socket.on('data', (data) => stream.receive(new Uint8Array(data)));
  socket.on('close', () => stream.close());
}

export function mbapFrame(transaction: number, unit: number, pdu: Uint8Array): Uint8Array {
  const frame = new Uint8Array(7 + pdu.length);
  const view = new DataView(frame.buffer);
  view.setUint16(0, transaction);
  view.setUint16(4, pdu.length + 1);
  frame[6] = unit;
  frame.set(pdu, 7);
  return frame;
}

/** One MBAP request through the bus; the MBAP reply, or null (broadcast). */
async function convert(bus: GatewayOptions['bus'], adu: Uint8Array, timeoutMs: number): Promise<Uint8Array | null> {
  const arrivedAt = performance.now();
  const transaction = (adu[0]! << 8) | adu[1]!;
  const unit = adu[6]!;
  const rtu = appendCrc(adu.subarray(6));
  const received: number[] = [];
  await bus.exchange(rtu, (bytes) => received.push(...bytes), arrivedAt);
  if (unit === 0) return null;
  let reply = Uint8Array.from(received);
  if (reply.length >= rtu.length && rtu.every((b, i) => reply[i] === b)) reply = reply.subarray(rtu.length);
  if (reply.length >= 4 && hasValidCrc(reply)) return mbapFrame(transaction, reply[0]!, reply.subarray(1, reply.length - 2));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, arrivedAt + timeoutMs - performance.now())));
  return mbapFrame(transaction, unit, Uint8Array.of((adu[7]! | 0x80) & 0xff, 0x0b));
}

function serveMbap(options: GatewayOptions, socket: Socket, chain: { tail: Promise<unknown> }): void {
  let buffer = Buffer.alloc(0);
  socket.on('data', (data) => {
    buffer = Buffer.concat([buffer, data]);
    while (buffer.length >= 7) {
      const length = 6 + buffer.readUInt16BE(4);
      if (buffer.readUInt16BE(2) !== 0 || length < 8 || length > 260) {
        socket.destroy();
        return;
      }
      if (buffer.length < length) return;
      const adu = new Uint8Array(buffer.subarray(0, length));
      buffer = buffer.subarray(length);
      chain.tail = chain.tail.then(() => convert(options.bus, adu, options.gatewayTimeoutMs ?? 1000)).then((reply) => {
        if (reply && !socket.destroyed) socket.write(reply);
      }, () => undefined);
    }
  });
}

export async function startGateway(options: GatewayOptions): Promise<SimGateway> {
  const host = assertLoopback(options.host ?? '127.0.0.1');
  const mode = options.mode ?? 'raw';
  if (mode === 'mbap' && options.bus.responder.protocol !== 'modbus') throw new Error('a Modbus TCP (MBAP) gateway needs a Modbus bus');
  const sockets = new Set<Socket>();
  const chain = { tail: Promise.resolve() as Promise<unknown> };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (mode === 'mbap') serveMbap(options, socket, chain);
    else serveRaw(options.bus, socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host, port, mode, bus: options.bus,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
