import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeReadReply, encodeReadHolding, modbusReplyLength } from '../../hardware/meters/codecs/modbus-rtu';
import { openSocket, roundTrip } from '../../hardware/meters/sim/testing';
import { parse } from '../args';
import { simulatorOptions } from './sim';

const BIN = fileURLToPath(new URL('../bin.mjs', import.meta.url));

describe('halldesk sim meters', () => {
  it('parses gateways, faults and line settings', () => {
    const options = simulatorOptions(parse(['--tcp', '127.0.0.1:5020', '--gateways', '8', '--meters', '32', '--fault', '3:no-reply',
      '--fault', '5:bad-crc:0.5:x2', '--protocol', 'dlt645', '--baud', '2400'], {
      tcp: { type: 'string' }, gateways: { type: 'string' }, meters: { type: 'string' }, fault: { type: 'string', multiple: true },
      protocol: { type: 'string' }, baud: { type: 'string' },
    }));
    expect(options.target).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 5020, mode: 'raw', gateways: 8 });
    expect(options.faults).toHaveLength(2);
    expect(options.line).toEqual({ baudRate: 2400, dataBits: 8, parity: 'even', stopBits: 1 });
  });

  it('refuses a host other than loopback', () => {
    expect(() => simulatorOptions(parse(['--tcp', '0.0.0.0:5020'], { tcp: { type: 'string' } }))).toThrow(/loopback only/);
  });

  it('serves a gateway from the real command line until SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', 'meters', '--tcp', '127.0.0.1:0', '--meters', '3', '--baud', '19200'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (data: Buffer) => { out += data.toString(); });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /gateway 1: 127\.0\.0\.1:(\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const socket = await openSocket('127.0.0.1', port);
    const request = encodeReadHolding(2, 0x0200, 48);
    const { bytes } = await roundTrip(socket, request, { frameLength: modbusReplyLength(request) });
    socket.destroy();
    expect(decodeReadReply(request, bytes)[0]).toBe(7);
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(out).toMatch(/stopped after 1 requests/);
  });
});
