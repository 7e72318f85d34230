/**
 * 80 mm thermal slips as ESC/POS (issue 7 item 1): the bytes against a fixture, the commands that matter
 * picked out one by one (initialise, Chinese mode, GB18030 text, the QR code, the cut), and the bytes
 * going through the app's raw drivers — serial over a socat PTY, TCP 9100 on loopback — to a simulated
 * printer that captures them.
 *
 * The fixture is the exact output for the sample slip; after an intended change, regenerate it with
 *   HALLDESK_UPDATE_FIXTURES=1 npx vitest run tests/slips/escpos.test.ts
 * and review the hex diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { SerialPort } from 'serialport';
import { afterAll, describe, expect, it } from 'vitest';
import { createSerialDriver, createTcpDriver, createUsbDriver } from '../../electron/printing/escpos-drivers';
import { createPtyPair } from '../../electron/hardware/meters/sim/pty';
import { buildCustomerList } from '../../electron/slips/customer-list';
import { buildPaymentSlip } from '../../electron/slips/payment-slip';
import { markReprint } from '../../electron/slips/reprint';
import { sampleSlipData } from '../../electron/slips/sample-slip';
import { displayWidth, fitColumns, renderCustomerListEscPos, renderSlipEscPos, THERMAL_COLUMNS } from '../../electron/slips/slip-escpos';
import { createI18n } from '../../shared/i18n';

const FIXTURE = join(__dirname, 'fixtures', 'payment-thermal80.escpos.hex');
const i18n = createI18n('zh-CN');
const slip = buildPaymentSlip(sampleSlipData(), i18n);
const bytes = renderSlipEscPos(slip, slip.copies);
const gb = (text: string) => iconv.encode(text, 'gb18030');
const count = (haystack: Buffer, needle: Buffer | number[]) => {
  const n = Buffer.from(needle);
  let found = 0;
  for (let at = haystack.indexOf(n); at >= 0; at = haystack.indexOf(n, at + 1)) found += 1;
  return found;
};
/** The printed lines, decoded from GB18030, without the QR command lines and with ESC/FS/GS commands taken out. */
const textLines = (b: Buffer) => iconv.decode(b, 'gb18030').split('\n').filter((l) => !l.includes('\x1d(k'))
  // eslint-disable-next-line no-control-regex -- the commands are control bytes
  .map((l) => l.replace(/\x1b[\s\S]{2}|\x1c[\s\S]|\x1d[\s\S]{2}/g, ''));

describe('ESC/POS bytes of the thermal payment slip', () => {
  it('match the fixture byte for byte', () => {
    if (process.env.HALLDESK_UPDATE_FIXTURES === '1') writeFileSync(FIXTURE, `${bytes.toString('hex').replace(/(.{96})/g, '$1\n')}\n`);
    const fixture = Buffer.from(readFileSync(FIXTURE, 'utf8').replace(/\s+/g, ''), 'hex');
    expect(bytes.equals(fixture)).toBe(true);
  });

  it('initialise, then Chinese character mode (FS &), before any text', () => {
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    const chinese = bytes.indexOf(Buffer.from([0x1c, 0x26]));
    expect(chinese).toBeGreaterThan(0);
    expect(chinese).toBeLessThan(bytes.indexOf(gb(slip.hallName)));
  });

  it('Chinese text is GB18030, never UTF-8', () => {
    for (const text of ['预付费购电收费凭证', '第一联 客户联', '第二联 存根联', '第三联 记账联', '人民币壹佰元整', '张建国']) {
      expect(count(bytes, gb(text)), text).toBeGreaterThan(0);
      expect(count(bytes, Buffer.from(text, 'utf8')), text).toBe(0);
    }
    expect(count(bytes, gb('¥100.00')) % 3).toBe(0);
    expect(count(bytes, gb('¥100.00'))).toBeGreaterThan(0);
  });

  it('one QR code per copy, model 2, error correction M, carrying the slip code (GS ( k)', () => {
    const qr = Buffer.from(slip.qr.text, 'ascii');
    const store = Buffer.concat([Buffer.from([0x1d, 0x28, 0x6b]), Buffer.from([(qr.length + 3) & 0xff, (qr.length + 3) >> 8, 0x31, 0x50, 0x30]), qr]);
    expect(count(bytes, store)).toBe(3);
    expect(count(bytes, [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00])).toBe(3); // model 2
    expect(count(bytes, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31])).toBe(3); // error correction M
    expect(count(bytes, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30])).toBe(3); // print
  });

  it('a cut (GS V) after each of the three copies, the last ending the job', () => {
    expect(count(bytes, [0x1d, 0x56, 0x01])).toBe(3);
    expect(bytes.lastIndexOf(Buffer.from([0x1d, 0x56, 0x01]))).toBeGreaterThan(bytes.length - 8);
  });

  it('no line is wider than the 80 mm paper (48 columns, a Chinese character counting two)', () => {
    for (const line of textLines(bytes)) expect(displayWidth(line), line).toBeLessThanOrEqual(THERMAL_COLUMNS);
    expect(displayWidth(fitColumns('户名：'.padEnd(60, '张')))).toBeLessThanOrEqual(THERMAL_COLUMNS);
  });

  it('a reprint says COPY / 补打 n on every copy', () => {
    const again = markReprint(slip, i18n, 2);
    expect(count(renderSlipEscPos(again, again.copies), gb('COPY / 补打 2'))).toBe(6);
  });

  it('the customer list prints both copies, masked phones, a cut each', () => {
    const list = buildCustomerList({ title: '低余额提醒', hallName: null, printedAt: '2026-11-26T02:00:00Z', printedBy: '王丽', rows: [
      { accountNo: 'H00000001', customerName: '张建国', phone: '13812345678', address: '幸福小区 3栋', meterNo: '000012345678', amount: -1234, note: '承诺周五缴费' },
    ] }, i18n);
    const out = renderCustomerListEscPos(list);
    expect(count(out, gb('138****5678'))).toBe(2);
    expect(count(out, gb('-12.34'))).toBe(2);
    expect(count(out, [0x1d, 0x56, 0x01])).toBe(2);
  });
});

describe('the raw drivers deliver the bytes unchanged', () => {
  const dirs: string[] = [];
  afterAll(async () => { for (const dir of dirs) await rm(dir, { recursive: true, force: true }); });

  it('serial: through a socat PTY to a simulated printer', async () => {
    expect(existsSync('/usr/bin/socat'), 'socat is missing: apt-get install -y socat').toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'halldesk-escpos-'));
    dirs.push(dir);
    const pty = await createPtyPair(join(dir, 'printer'));
    const printer = new SerialPort({ path: pty.simPath, baudRate: 9600 });
    const received: Buffer[] = [];
    printer.on('data', (chunk: Buffer) => received.push(chunk));
    try {
      await new Promise<void>((resolve, reject) => printer.once('open', resolve).once('error', reject));
      const receipt = await createSerialDriver(pty.clientPath, 9600).send({ title: 't', contentType: 'application/vnd.escpos', bytes });
      expect(receipt.reference).toContain(`${bytes.length} bytes`);
      for (let i = 0; i < 100 && Buffer.concat(received).length < bytes.length; i++) await new Promise((r) => setTimeout(r, 20));
      expect(Buffer.concat(received).equals(bytes)).toBe(true);
    } finally {
      await new Promise((r) => printer.close(r));
      await pty.close();
    }
  });

  it('TCP 9100: to a loopback listener', async () => {
    const received: Buffer[] = [];
    const server = createServer((socket) => socket.on('data', (chunk) => received.push(chunk)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await createTcpDriver(`127.0.0.1:${port}`).send({ title: 't', contentType: 'application/vnd.escpos', bytes });
      for (let i = 0; i < 50 && Buffer.concat(received).length < bytes.length; i++) await new Promise((r) => setTimeout(r, 10));
      expect(Buffer.concat(received).equals(bytes)).toBe(true);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('USB: to the printer-class device path (a plain file here, as /dev/usb/lp0 is to the usblp driver)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'halldesk-usb-'));
    dirs.push(dir);
    const device = join(dir, 'lp0');
    writeFileSync(device, '');
    await createUsbDriver(device).send({ title: 't', contentType: 'application/vnd.escpos', bytes });
    expect(readFileSync(device).equals(bytes)).toBe(true);
  });

  it('refuse a PDF, and report an unreachable printer as offline', async () => {
    await expect(createTcpDriver('127.0.0.1:9').send({ title: 't', contentType: 'application/pdf', bytes })).rejects.toMatchObject({ code: 'unsupported' });
    await expect(createTcpDriver('127.0.0.1:9').send({ title: 't', contentType: 'application/vnd.escpos', bytes })).rejects.toMatchObject({ code: 'offline' });
    await expect(createSerialDriver('/nonexistent/tty').send({ title: 't', contentType: 'application/vnd.escpos', bytes })).rejects.toMatchObject({ code: 'offline' });
  });
});
