import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLineSettings, wireTimeMs } from '../meter-port';
import { decodeReadReply, encodeReadHolding, modbusReplyLength } from '../codecs/modbus-rtu';
import { decodeDlt645ReadReply, decodeDlt645Value, dlt645FrameLength, encodeDlt645Read } from '../codecs/dlt645';
import { buildBus } from './build';
import { ManualClock } from './clock';
import { SOCAT_MISSING, createPtyPair, serialOptions, servePty } from './pty';
import type { PtyBus } from './pty';
import { roundTrip } from './testing';

function socatInstalled(): boolean {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'halldesk-pty-'));
const LINE = parseLineSettings('9600,8N1')!;

async function openClient(path: string): Promise<SerialPort> {
  const port = new SerialPort(serialOptions(path, LINE));
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  return port;
}

describe('a SimBus on a socat PTY, driven by a plain serialport client', () => {
  const served: PtyBus[] = [];
  const clients: SerialPort[] = [];
  beforeAll(() => {
    if (!socatInstalled()) throw new Error(SOCAT_MISSING);
  });
  afterAll(async () => {
    for (const client of clients) await new Promise((resolve) => client.close(resolve));
    for (const bus of served) await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers Modbus reads at the wire time of 9600 8N1', async () => {
    const bus = buildBus({ protocol: 'modbus', meters: 3, line: LINE, clock: new ManualClock() });
    const pty = await servePty(bus, join(dir, 'ttyMODBUS'));
    served.push(pty);
    const client = await openClient(pty.pair.clientPath);
    clients.push(client);
    const request = encodeReadHolding(2, 0x0200, 48);
    const { bytes, ms } = await roundTrip(client, request, { frameLength: modbusReplyLength(request) });
    expect(decodeReadReply(request, bytes)[0x21]).toBe(0);
    expect(ms).toBeGreaterThanOrEqual(wireTimeMs(LINE, 109) + 20 - 1);
  });

  it('answers DL/T 645 reads at 2400 8E1', async () => {
    const line = parseLineSettings('2400,8E1')!;
    const bus = buildBus({ protocol: 'dlt645', meters: 2, line, clock: new ManualClock(), electricity: { remaining: 4321 } });
    const pty = await servePty(bus, join(dir, 'ttyDLT'));
    served.push(pty);
    const client = await openClient(pty.pair.clientPath);
    clients.push(client);
    const request = encodeDlt645Read('000000000002', 0x00900200);
    const { bytes, ms } = await roundTrip(client, request, { frameLength: dlt645FrameLength });
    expect(decodeDlt645Value(decodeDlt645ReadReply(request, bytes))).toBe(4321);
    expect(ms).toBeGreaterThanOrEqual(wireTimeMs(line, request.length + bytes.length) + 20 - 1);
  });

  it('names the package when socat cannot be found', async () => {
    await expect(createPtyPair(join(dir, 'ttyNONE'), { socat: 'socat-not-installed-here' })).rejects.toThrow(SOCAT_MISSING);
  });
});
