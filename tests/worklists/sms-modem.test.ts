/**
 * The GSM modem driver against the modem simulator over a real socat PTY pair (serialport on both ends):
 * the AT set-up, PDU sends, a long Chinese message as concatenated parts, a delivery report, a +CMS ERROR
 * and a hung modem (timeout).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair } from '../../electron/hardware/meters/sim/pty';
import type { PtyPair } from '../../electron/hardware/meters/sim/pty';
import { serveModemSim } from '../../electron/hardware/sms/sim/modem-sim';
import type { ModemSimState } from '../../electron/hardware/sms/sim/modem-sim';
import { openModem } from '../../electron/hardware/sms/sms-modem';
import type { DeliveryReport, SmsPort } from '../../electron/hardware/sms/sms-port';

let dir: string;
let pair: PtyPair;
let sim: { state: ModemSimState; close(): Promise<void> };
let modem: SmsPort;
const reports: DeliveryReport[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'halldesk-sms-'));
  pair = await createPtyPair(join(dir, 'modem'));
  sim = await serveModemSim(pair.simPath);
  modem = await openModem(pair.clientPath, { timeoutMs: 300 });
  modem.onDelivery((report) => reports.push(report));
});

afterAll(async () => {
  await modem?.close();
  await sim?.close();
  await pair?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GSM modem over a PTY', () => {
  it('sends a Chinese message as one UCS-2 PDU and gets its delivery report', async () => {
    const sent = await modem.send('+8613800031500', '你好');
    expect(sent).toEqual({ parts: 1, references: ['1'] });
    expect(sim.state.pdus).toEqual(['0011000D91683108001305F00008AA044F60597D']);
    await expect.poll(() => reports).toEqual([{ reference: '1', delivered: true, status: 0 }]);
  });

  it('sends a long message as concatenated parts sharing one reference', async () => {
    const sent = await modem.send('13800138000', '尊敬的客户，您的电费余额不足，请及时充值。'.repeat(8));
    expect(sent.parts).toBe(3);
    const parts = sim.state.pdus.slice(1);
    const refs = parts.map((pdu) => /050003([0-9A-F]{2})03(0[1-3])/.exec(pdu)?.slice(1));
    expect(refs.map((r) => r?.[1])).toEqual(['01', '02', '03']);
    expect(new Set(refs.map((r) => r?.[0])).size).toBe(1);
  });

  it('maps +CMS ERROR to a clear code and keeps working afterwards', async () => {
    sim.state.failNext = 331;
    await expect(modem.send('13800138000', 'test')).rejects.toMatchObject({ code: 'sms-no-network' });
    await expect(modem.send('13800138000', 'test')).resolves.toMatchObject({ parts: 1 });
  });

  it('a hung modem is a timeout', async () => {
    sim.state.hung = true;
    await expect(modem.send('13800138000', 'test')).rejects.toMatchObject({ code: 'sms-timeout' });
    sim.state.hung = false;
  });
});
