/** Test helpers for the transport tests: socat PTY pairs, a scripted responder, loopback TCP servers. */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SerialPort } from 'serialport';
import { appendCrc, hasValidCrc } from '../codecs/crc16';
import { encodeReadHolding, modbusReplyLength } from '../codecs/modbus-rtu';
import type { FrameLength } from '../meter-port';
import { checkedFrameLength } from './reply-assembler';

export interface PtyPair { readonly a: string; readonly b: string; stop(): Promise<void>; restart(): Promise<void> }

/** socat must be installed: these tests use real PTYs and must fail (never skip) when it is missing. */
export function requireSocat(): void {
  const found = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error('socat is not installed: the PTY tests need the Debian package "socat" (apt-get install -y socat)');
}

let counter = 0;

export async function startPtyPair(): Promise<PtyPair> {
  requireSocat();
  const base = path.join(os.tmpdir(), `halldesk-pty-${process.pid}-${++counter}`);
  const a = `${base}-a`;
  const b = `${base}-b`;
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    await waitFor(() => existsSync(a) && existsSync(b), 2000, 'socat PTY links');
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
    await waitFor(() => !existsSync(a) && !existsSync(b), 2000, 'socat PTY links removed');
  };
  await start();
  return { a, b, stop, restart: async () => { await stop(); await start(); } };
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** What the responder does with one request: reply chunks written with `gapMs` between them, after `delayMs`. */
export interface Script { readonly chunks: readonly Uint8Array[]; readonly delayMs?: number; readonly gapMs?: number }
export type Handler = (request: Uint8Array, index: number) => Script | null;

export interface Timeline { readonly requestAt: number[]; readonly replyDoneAt: number[] }

/** Plays the meter side over anything that can write bytes; requests are 8-byte RTU frames (FC03/FC06). */
export class Responder {
  readonly timeline: Timeline = { requestAt: [], replyDoneAt: [] };
  readonly requests: Uint8Array[] = [];
  private buffer = new Uint8Array(0);

  constructor(private readonly handler: Handler, private readonly write: (bytes: Uint8Array) => Promise<void>) {}

  receive(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    while (this.buffer.length >= 8) {
      const request = this.buffer.slice(0, 8);
      this.buffer = this.buffer.slice(8);
      this.timeline.requestAt.push(performance.now());
      this.requests.push(request);
      void this.play(this.handler(request, this.requests.length - 1));
    }
  }

  private async play(script: Script | null): Promise<void> {
    if (!script) return;
    await delay(script.delayMs ?? 1);
    for (const [i, chunk] of script.chunks.entries()) {
      if (i > 0) await delay(script.gapMs ?? 5);
      await this.write(chunk);
    }
    this.timeline.replyDoneAt.push(performance.now());
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Opens the far end of a PTY pair with serialport and plays `handler` on it. */
export async function ptyResponder(pathB: string, handler: Handler): Promise<{ responder: Responder; close(): Promise<void> }> {
  const port = new SerialPort({ path: pathB, baudRate: 9600, autoOpen: false, lock: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  const write = (bytes: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => port.write(Buffer.from(bytes), (e) => (e ? reject(e) : port.drain((d) => (d ? reject(d) : resolve())))));
  const responder = new Responder(handler, write);
  port.on('data', (chunk: Buffer) => responder.receive(new Uint8Array(chunk)));
  port.on('error', () => undefined);
  const close = (): Promise<void> => new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  return { responder, close };
}

/** A loopback TCP server (127.0.0.1 only) feeding each connection's bytes to `onData`. */
export async function loopbackServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; sockets: Set<net.Socket>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const close = async (): Promise<void> => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { port, sockets, close };
}

export function socketWriter(socket: net.Socket): (bytes: Uint8Array) => Promise<void> {
  return (bytes) => new Promise((resolve, reject) => socket.write(bytes, (e) => (e ? reject(e) : resolve())));
}

/** FC03 read of `count` registers at 0 from `unit`. */
export function readRequest(unit: number, count = 2): Uint8Array {
  return encodeReadHolding(unit, 0, count);
}

/** The FC03 reply to `request` with every register = the unit id (so replies can be matched to requests). */
export function readReply(request: Uint8Array): Uint8Array {
  const unit = request[0] ?? 0;
  const count = request[5] ?? 0;
  const body = new Uint8Array(3 + 2 * count);
  body.set([unit, 0x03, 2 * count]);
  for (let i = 0; i < count; i++) body[4 + 2 * i] = unit;
  return appendCrc(body);
}

export function framing(request: Uint8Array): FrameLength {
  return checkedFrameLength(modbusReplyLength(request), hasValidCrc);
}

/** Splits bytes into pieces at the given offsets. */
export function split(bytes: Uint8Array, ...at: number[]): Uint8Array[] {
  const edges = [0, ...at, bytes.length];
  return edges.slice(1).map((end, i) => bytes.slice(edges[i], end));
}
