/**
 * Printing through a real CUPS scheduler (issue 7 item 2): a scratch cupsd on loopback with a cups-pdf
 * queue (cups-server.ts). A sale's slips go through slips.print → the print queue → the app's CUPS driver
 * (`lp -d QUEUE`); the PDF cups-pdf writes is read back with pdftotext: the Chinese text, the serial, the
 * amount, and "补打 1" on a reprint. lp reaches the scratch scheduler through CUPS_SERVER, as it would a
 * hall's print server.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCupsQueues } from '../../electron/printing/cups-driver';
import type { PrintResultView } from '../../shared/contract/print-views';
import type { SaleView } from '../../shared/contract/views';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { startScratchCups } from './cups-server';
import type { ScratchCups } from './cups-server';
import { pdfText } from './pdf-tools';

let fx: Fixture;
let cups: ScratchCups | undefined;
let sale: SaleView;
const squeeze = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  sale = await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount: 10_000 }, tendered: 10_000, idempotencyKey: fx.key() }, fx.sessions.clerk1);
}, 60_000);
afterAll(async () => {
  await cups?.stop();
  delete process.env.CUPS_SERVER;
  await fx.close();
});

/** The scheduler, started by the first test that needs it (a missing tool fails that test, never skips it). */
async function scheduler(): Promise<ScratchCups> {
  if (!cups) {
    cups = await startScratchCups();
    process.env.CUPS_SERVER = cups.server;
    const printer = { driver: 'cups', target: cups.queue, form: 'a4' } as const;
    await fx.ok('printers.setSettings', { dialog: false, kinds: { payment: printer, recharge: printer, customerList: printer } }, fx.sessions.admin);
  }
  return cups;
}

async function printAndRead(input: Parameters<Fixture['ok']>[1]): Promise<{ result: PrintResultView; text: string }> {
  const c = await scheduler();
  const seen = c.listPdfs();
  const result = await fx.ok('slips.print', input as never, fx.sessions.clerk1);
  expect(result.mode).toBe('queued');
  if (result.mode === 'queued') expect(result.job.state, JSON.stringify(result.job.error)).toBe('printed');
  const file = await c.nextPdf(seen);
  return { result, text: squeeze(pdfText(readFileSync(file))) };
}

describe('printing through CUPS (cups-pdf)', () => {
  it('lists the scheduler\'s queues', async () => {
    const c = await scheduler();
    expect((await listCupsQueues(c.server)).map((q) => q.name)).toContain(c.queue);
  }, 60_000);

  it('prints the payment slip: Chinese text, serial and amount on the printed PDF', async () => {
    const { result, text } = await printAndRead({ kind: 'payment', saleId: sale.id });
    expect(text).toContain('预付费购电收费凭证');
    expect(text).toContain('第一联 客户联');
    expect(text).toContain(sale.receiptNo);
    expect(text).toContain('¥100.00');
    expect(text).toContain('人民币壹佰元整');
    expect(text).not.toContain('补打');
    if (result.mode === 'queued') expect(result.job.reprintNo).toBe(0);
  }, 60_000);

  it('a reprint keeps the serial and carries COPY / 补打 1', async () => {
    const { result, text } = await printAndRead({ kind: 'payment', saleId: sale.id, reprint: true });
    expect(text).toContain('COPY / 补打 1');
    expect(text).toContain(sale.receiptNo);
    if (result.mode === 'queued') expect(result.job).toMatchObject({ reprintNo: 1, receiptNo: sale.receiptNo });
  }, 60_000);

  it('prints the duplicate recharge slip with its delivery', async () => {
    const { text } = await printAndRead({ kind: 'recharge', saleId: sale.id });
    expect(text).toContain('购电充值凭证');
    expect(text).toContain('第二联 存根联');
    expect(text).toContain('下发状态');
    expect(text).toContain(sale.receiptNo);
  }, 60_000);

  it('prints the duplicate customer list', async () => {
    const rows = [{ accountNo: 'H00000001', customerName: '张建国', phone: '13812345678', address: '幸福小区 3栋', meterNo: '000012345678', amount: 1234, note: '已电话提醒' }];
    const { text } = await printAndRead({ kind: 'customerList', title: '低余额提醒', rows });
    expect(text).toContain('低余额提醒');
    expect(text).toContain('张建国');
    expect(text).toContain('138****5678');
    expect(text).toContain('第二联 存根联');
  }, 60_000);
});
