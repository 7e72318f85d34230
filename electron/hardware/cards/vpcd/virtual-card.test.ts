import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hex } from '../sle4442';
import { Sle4442Chip } from '../sim/sle4442-chip';
import { VpcdVirtualCard, vpcdFrame } from './virtual-card';

/** A stand-in for vpcd's listening side: accepts the card, sends framed messages, collects framed replies. */
async function fakeVpcd(): Promise<{ server: Server; port: number; socket: Promise<Socket> }> {
  const server = createServer();
  const socket = new Promise<Socket>((resolve) => server.once('connection', resolve));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, socket };
}

/** Sends `payload` (unless null) and waits for the next framed reply, the close, or silence. */
function ask(socket: Socket, payload: number[] | null, ms = 300): Promise<string | 'closed' | 'silent'> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => finish('silent'), ms);
    const onData = (d: Buffer): void => {
      buffer = Buffer.concat([buffer, d]);
      if (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) finish(hex(buffer.subarray(2, 2 + buffer.readUInt16BE(0))));
    };
    const onClose = (): void => finish('closed');
    function finish(result: string): void {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve(result);
    }
    socket.on('data', onData);
    socket.once('close', onClose);
    if (payload) socket.write(vpcdFrame(Uint8Array.from(payload)));
  });
}

const cleanup: Array<() => void> = [];
afterEach(() => { for (const f of cleanup.splice(0)) f(); });

describe('vpcd virtual card (socket protocol)', () => {
  it('answers get ATR and the SLE4442 APDUs; closes the socket when pulled mid-write; stops answering when stuck', async () => {
    const vpcd = await fakeVpcd();
    const card = new VpcdVirtualCard({ port: vpcd.port, chip: new Sle4442Chip({ psc: Uint8Array.of(1, 2, 3) }) });
    cleanup.push(() => { card.close(); vpcd.server.close(); });
    card.insert();
    const socket = await vpcd.socket;
    socket.on('error', () => undefined);
    expect(await ask(socket, [4])).toBe('3B04A2131091');
    expect(await ask(socket, [0xff, 0xa4, 0, 0, 1, 6])).toBe('9000');
    expect(await ask(socket, [0xff, 0x20, 0, 0, 3, 1, 2, 3])).toBe('9007');
    expect(await ask(socket, [0xff, 0xd0, 0, 0x40, 2, 0xaa, 0xbb])).toBe('9000');
    expect(await ask(socket, [0xff, 0xb0, 0, 0x40, 2])).toBe('AABB9000');
    card.applyFault({ kind: 'stuck' });
    expect(await ask(socket, [0xff, 0xb0, 0, 0x40, 2], 150)).toBe('silent');
    const late = ask(socket, null);
    card.clearFaults();
    expect(await late).toBe('AABB9000');
    card.applyFault({ kind: 'removed-mid-write', afterBytes: 1 });
    expect(await ask(socket, [0xff, 0xd0, 0, 0x50, 2, 0x11, 0x22])).not.toBe('9000');
    expect(card.chip.memory.subarray(0x50, 0x52)).toEqual(Uint8Array.of(0x11, 0xff));
    expect(card.connected).toBe(false);
  });

  it('connects to loopback only', () => {
    expect(() => new VpcdVirtualCard({ port: 35963, host: '10.0.0.1' })).toThrow(/loopback only/);
  });
});
