/**
 * `halldesk slip …` and `halldesk print queue|retry` (issue 7 items 1–2 from the CLI): a slip written to a file
 * (PDF, ESC/POS for thermal80) by sale id or receipt number; printed through the queue by a named counter user,
 * a second print refused unless it is a reprint (numbered and audited); the role checked as the contract does;
 * an offline printer leaves a failed job (exit 1) that `print retry` prints; bad arguments exit 2.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFor } from '../../electron/printing/simulator';
import type { PrintJobView } from '../../shared/contract/print-views';
import type { SaleView } from '../../shared/contract/views';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { runCli } from '../support/run-cli';

let fx: Fixture;
let sale: SaleView;
const OK = 'slip-cli-ok:ok';
const OFFLINE = 'slip-cli-offline:offline';
const setPrinter = (target: string, dialog = false) => fx.ok('printers.setSettings', {
  dialog, kinds: { payment: { driver: 'simulator', target, form: 'a4' }, recharge: null, customerList: null },
}, fx.sessions.admin);
const audits = async (action: string) => Number((await fx.sql.one<{ n: number }>('select count(*) as n from audit_log where action = ?', [action])).n);
const slip = (...args: string[]) => runCli(['slip', ...args, '--data', fx.dataDir]);

beforeAll(async () => {
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  sale = await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount: 10_000 }, tendered: 10_000, idempotencyKey: fx.key() }, fx.sessions.clerk1);
  await setPrinter(OK);
}, 60_000);
afterAll(async () => { await fx?.close(); });

describe('halldesk slip --out', () => {
  it('writes the payment slip PDF by receipt number, and the thermal form as ESC/POS by sale id', async () => {
    const pdf = join(fx.dataDir, 'slip.pdf');
    const run = await slip(sale.receiptNo, '--out', pdf);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([pdf]);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const raw = join(fx.dataDir, 'slip.escpos');
    expect((await slip(String(sale.id), '--form', 'thermal80', '--kind', 'recharge', '--out', raw)).code).toBe(0);
    expect(readFileSync(raw)[0]).toBe(0x1b);
    expect(await audits('print.request')).toBe(0);
  });

  it('refuses bad arguments with exit 2', async () => {
    expect((await slip(sale.receiptNo, '--kind', 'refund', '--out', 'x.pdf')).err.join('')).toContain('--kind is payment or recharge');
    expect((await slip(sale.receiptNo, '--form', 'a5', '--out', 'x.pdf')).code).toBe(2);
    expect((await slip(sale.receiptNo, '--out', 'x.pdf', '--print')).code).toBe(2);
    expect((await slip(sale.receiptNo, '--out', 'x.pdf', '--reprint')).code).toBe(2);
    const unknown = await slip('A01-NOPE', '--out', 'x.pdf');
    expect(unknown.code).toBe(2);
    expect(unknown.err.join('')).toBe('halldesk slip: no sale "A01-NOPE" (a sale id or a receipt number)');
  });
});

describe('halldesk slip --print', () => {
  it('needs a counter user: none given is exit 2, an administrator is forbidden (exit 1)', async () => {
    expect((await slip(sale.receiptNo, '--print')).err.join('')).toContain('--user NAME is required: slips.print is done by a clerk or supervisor');
    const admin = await slip(sale.receiptNo, '--print', '--user', 'admin');
    expect(admin.code).toBe(1);
    expect(admin.err.join('')).toContain('forbidden: "admin" is admin; slips.print is for clerk or supervisor');
    expect(await audits('print.request')).toBe(0);
  });

  it('prints once; a second print must be a reprint, marked COPY 1 and audited', async () => {
    const first = await slip(sale.receiptNo, '--print', '--user', 'clerk1');
    expect(first.code).toBe(0);
    expect(first.out.join('')).toMatch(/^print job #\d+ \(payment .+, a4\) to simulator slip-cli-ok:ok: printed$/);
    expect(simulatorFor(OK).printed).toHaveLength(1);
    const again = await slip(sale.receiptNo, '--print', '--user', 'clerk1');
    expect(again.code).toBe(1);
    expect(again.err.join('')).toContain(`print-already-printed: Slip ${sale.receiptNo} has already been printed`);
    const reprint = await slip(sale.receiptNo, '--print', '--reprint', '--user', 'super1');
    expect(reprint.code).toBe(0);
    expect(reprint.out.join('')).toContain('COPY 1');
    expect([await audits('print.request'), await audits('print.reprint')]).toEqual([1, 1]);
  });

  it('in dialog mode the CLI refuses rather than record a print that never happened', async () => {
    await setPrinter(OK, true);
    const run = await slip(sale.receiptNo, '--print', '--reprint', '--user', 'clerk1');
    expect(run.code).toBe(1);
    expect(run.err.join('')).toContain('system print dialog');
    await setPrinter(OK);
  });
});

describe('halldesk print queue / retry', () => {
  let failed: PrintJobView;

  it('an offline printer: exit 1, the job failed and listed in the queue', async () => {
    await setPrinter(OFFLINE);
    const run = await slip(sale.receiptNo, '--print', '--reprint', '--user', 'clerk1');
    expect(run.code).toBe(1);
    expect(run.out.join('')).toMatch(/COPY 2, a4\) to simulator .*: failed \(offline: simulated printer is offline\); due again .*halldesk print retry \d+/);
    const queue = await runCli(['print', 'queue', '--state', 'failed', '--json', '--data', fx.dataDir]);
    expect(queue.code).toBe(0);
    const jobs = JSON.parse(queue.out.join('\n')) as PrintJobView[];
    expect(jobs).toHaveLength(1);
    failed = jobs[0]!;
    expect(failed).toMatchObject({ state: 'failed', reprintNo: 2, error: { code: 'offline' } });
    const table = await runCli(['print', 'queue', '--data', fx.dataDir]);
    expect(table.out[0]).toMatch(/^job\s+kind\s+receipt\s+copy/);
    expect(table.out.at(-1)).toBe('3 print jobs');
  });

  it('print retry prints it once the printer is back', async () => {
    simulatorFor(OFFLINE).fault = 'ok';
    const run = await runCli(['print', 'retry', String(failed.jobId), '--user', 'clerk1', '--data', fx.dataDir]);
    expect(run.code).toBe(0);
    expect(run.out.join('')).toMatch(/: printed$/);
    expect(await audits('print.retry')).toBe(1);
  });

  it('refuses bad arguments with exit 2', async () => {
    expect((await runCli(['print', 'retry', 'abc', '--user', 'clerk1', '--data', fx.dataDir])).code).toBe(2);
    const state = await runCli(['print', 'queue', '--state', 'lost', '--data', fx.dataDir]);
    expect(state.code).toBe(2);
    expect(state.err.join('')).toMatch(/prints\.queue: state/);
    expect((await runCli(['print', 'queue', '--help'])).code).toBe(0);
  });
});
