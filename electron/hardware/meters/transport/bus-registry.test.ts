import { afterEach, describe, expect, it } from 'vitest';
import { BusRegistry, parseVia } from './bus-registry';
import { loopbackServer, readReply, readRequest, framing, Responder, socketWriter } from './test-support';

describe('parseVia', () => {
  it('parses the three --via forms', () => {
    expect(parseVia('serial:/dev/ttyUSB0@2400,8E1')).toEqual({
      id: 'serial:/dev/ttyUSB0@2400,8E1', kind: 'serial', path: '/dev/ttyUSB0',
      line: { baudRate: 2400, dataBits: 8, parity: 'even', stopBits: 1 },
    });
    expect(parseVia('serial:COM3')).toMatchObject({ kind: 'serial', path: 'COM3', line: { baudRate: 9600, parity: 'none' } });
    expect(parseVia('tcp:10.0.0.5')).toMatchObject({ kind: 'modbus-tcp', host: '10.0.0.5', port: 502 });
    expect(parseVia('tcp:gw.local:1502')).toMatchObject({ kind: 'modbus-tcp', host: 'gw.local', port: 1502 });
    expect(parseVia('rtu-tcp:10.0.0.6:4196@2400,8E1')).toMatchObject({ kind: 'tcp-raw', host: '10.0.0.6', port: 4196, line: { baudRate: 2400 } });
    expect(parseVia('rtu-tcp:[fe80::1]:8899')).toMatchObject({ kind: 'tcp-raw', host: 'fe80::1', port: 8899 });
  });

  it('rejects bad forms with a one-line message', () => {
    expect(() => parseVia('usb:/dev/x')).toThrow(/unknown kind "usb"/);
    expect(() => parseVia('rtu-tcp:10.0.0.6')).toThrow(/missing port/);
    expect(() => parseVia('serial:/dev/x@fast')).toThrow(/bad line settings/);
    expect(() => parseVia('tcp:host:99999')).toThrow(/bad port/);
    expect(() => parseVia('serial:')).toThrow(/missing serial port path/);
  });
});

describe('BusRegistry', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('creates one bus per id lazily and closes them together', async () => {
    const server = await loopbackServer((socket) => {
      const responder = new Responder((request) => ({ chunks: [readReply(request)] }), socketWriter(socket));
      socket.on('data', (chunk: Buffer) => responder.receive(new Uint8Array(chunk)));
    });
    cleanups.push(server.close);
    const line = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
    const registry = new BusRegistry([{ id: 'gw1', kind: 'tcp-raw', host: '127.0.0.1', port: server.port, line, timeouts: { replyTimeoutMs: 200 } }]);
    expect(registry.active().size).toBe(0);
    const bus = registry.get('gw1');
    expect(registry.get('gw1')).toBe(bus);
    const request = readRequest(3);
    expect(await bus.exchange(request, framing(request))).toEqual(readReply(request));
    await registry.closeAll();
    expect(bus.isClosed).toBe(true);
    await expect(bus.exchange(request, framing(request))).rejects.toMatchObject({ code: 'port-closed' });
    expect(() => registry.get('nope')).toThrow(/no bus configured/);
  });
});
