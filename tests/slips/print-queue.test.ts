/**
 * The print queue through the contract (issue 7 item 2): a failing printer leaves the sale intact and the
 * job failed and due; a retry prints it; a printed job is not retried; a second print must be a reprint,
 * numbered 1, 2 ...; every print is recorded and audited; the dialog mode hands the PDF to the shell;
 * the scheduled retry honours the backoff; the day's voided serials are listed for the day report.
 * Printers are the in-process simulator with named faults (electron/printing/simulator.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reprintsBetween, voidedSerials } from '../../electron/db/repositories/prints-repository';
import { simulatorFor } from '../../electron/printing/simulator';
import type { PrintJobView, PrintResultView } from '../../shared/contract/print-views';
import type { SaleView } from '../../shared/contract/views';
import { buildBackend, expectedMessage } from '../support/backend';
import type { Fixture } from '../support/backend';

let fx: Fixture;
let sale: SaleView;
const sim = (fault: string) => ({ driver: 'simulator', target: `queue-test-${fault}:${fault}`, form: 'a4' }) as const;
const jobOf = (r: PrintResultView): PrintJobView => {
  if (r.mode !== 'queued') throw new Error('expected a queued job');
  return r.job;
};
const setPrinters = (payment: ReturnType<typeof sim> | null, dialog = false) =>
  fx.ok('printers.setSettings', { dialog, kinds: { payment, recharge: sim('ok'), customerList: null } }, fx.sessions.admin);
const count = async (sql: string) => Number((await fx.sql.one<{ n: number }>(sql)).n);

beforeAll(async () => {
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  sale = await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount: 10_000 }, tendered: 10_000, idempotencyKey: fx.key() }, fx.sessions.clerk1);
});
afterAll(async () => { await fx.close(); });

describe('a print failure never undoes a sale', () => {
  let failed: PrintJobView;

  it('an offline printer: the sale stands, the job is failed with its reason and due again after the backoff', async () => {
    await setPrinters(sim('offline'));
    const before = await fx.counts();
    failed = jobOf(await fx.ok('slips.print', { kind: 'payment', saleId: sale.id }, fx.sessions.clerk1));
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, receiptNo: sale.receiptNo, reprintNo: 0, error: { code: 'offline' } });
    expect(Date.parse(failed.nextAttemptAt!) - fx.clock.now().getTime()).toBe(15_000);
    const after = await fx.counts();
    expect({ ...after, print_jobs: 0, print_job_events: 0, audit_log: 0 }).toEqual({ ...before, print_jobs: 0, print_job_events: 0, audit_log: 0 });
    expect(after.print_jobs - before.print_jobs).toBe(1);
    expect(await fx.sql.all('select state from print_job_events where job_id = ? order by id', [failed.jobId])).toEqual([{ state: 'queued' }, { state: 'sent' }, { state: 'failed' }]);
    expect((await fx.ok('sales.get', { saleId: sale.id }, fx.sessions.clerk1)).receiptNo).toBe(sale.receiptNo);
    expect((await fx.ok('prints.queue', { state: 'failed' }, fx.sessions.clerk1)).map((j) => j.jobId)).toContain(failed.jobId);
  });

  it('prints.retry prints it once the printer is back; a printed job is not retried', async () => {
    simulatorFor(sim('offline').target).fault = 'ok';
    const retried = await fx.ok('prints.retry', { jobId: failed.jobId }, fx.sessions.clerk1);
    expect(retried).toMatchObject({ state: 'printed', attempts: 2, error: null });
    const printed = simulatorFor(sim('offline').target).printed;
    expect(printed).toHaveLength(1);
    expect(printed[0]!.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const again = await fx.call('prints.retry', { jobId: failed.jobId }, fx.sessions.clerk1);
    expect(again).toMatchObject({ ok: false, error: { code: 'print-job-done', message: expectedMessage('print-job-done', { jobId: failed.jobId }) } });
  });

  it('the scheduled retry waits for the backoff, then prints', async () => {
    const jam = jobOf(await fx.ok('slips.print', { kind: 'recharge', saleId: sale.id }, fx.sessions.clerk1));
    expect(jam.state).toBe('printed');
    await setPrinters(sim('jam-once'));
    const s = fx.backend.services.prints;
    const second = await fx.ok('slips.print', { kind: 'payment', saleId: sale.id, reprint: true }, fx.sessions.clerk1);
    expect(jobOf(second)).toMatchObject({ state: 'failed', error: { code: 'jam' } });
    expect(await s.queue.runDue()).toEqual({ tried: 0, printed: 0 });
    fx.clock.advance(15_000);
    expect(await s.queue.runDue()).toEqual({ tried: 1, printed: 1 });
  });
});

describe('reprints', () => {
  it('a second print must be a reprint; reprints keep the serial and count up', async () => {
    await setPrinters(sim('ok'));
    const refused = await fx.call('slips.print', { kind: 'payment', saleId: sale.id }, fx.sessions.clerk1);
    expect(refused).toMatchObject({ ok: false, error: { code: 'print-already-printed', message: expectedMessage('print-already-printed', { receiptNo: sale.receiptNo }) } });
    const two = jobOf(await fx.ok('slips.print', { kind: 'payment', saleId: sale.id, reprint: true, form: 'thermal80' }, fx.sessions.supervisor));
    expect(two).toMatchObject({ state: 'printed', reprintNo: 2, receiptNo: sale.receiptNo, form: 'thermal80' });
    const last = simulatorFor(sim('ok').target).printed.at(-1)!;
    expect(last.contentType).toBe('application/vnd.escpos');
    expect(last.bytes.includes(Buffer.from([0x1d, 0x56]))).toBe(true);
    const audits = await fx.sql.all<{ action: string }>("select action, entity_id from audit_log where entity = 'print_job' order by id");
    expect(audits.map((a) => a.action)).toEqual(['print.request', 'print.retry', 'print.request', 'print.reprint', 'print.reprint']);
    const reprints = await reprintsBetween(fx.backend.database.db, '2000-01-01', '2100-01-01');
    expect(reprints.map((r) => [r.receiptNo, r.reprintNo])).toEqual([[sale.receiptNo, 1], [sale.receiptNo, 2]]);
  });

  it('print records are append-only', async () => {
    await expect(fx.sql.run('update print_jobs set reprint_no = 0')).rejects.toThrow('append-only table: print_jobs');
    await expect(fx.sql.run('delete from print_job_events')).rejects.toThrow('append-only table: print_job_events');
  });
});

describe('the dialog mode and the settings', () => {
  it('with the dialog on, slips.print answers the PDF for the shell and records the job as handed over', async () => {
    await setPrinters(sim('ok'), true);
    const result = await fx.ok('slips.print', { kind: 'payment', saleId: sale.id, reprint: true }, fx.sessions.clerk1);
    expect(result).toMatchObject({ mode: 'dialog', receiptNo: sale.receiptNo, reprintNo: 3, form: 'a4', deviceName: sim('ok').target });
    if (result.mode === 'dialog') expect(Buffer.from(result.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const jobs = await fx.ok('prints.queue', { limit: 1 }, fx.sessions.clerk1);
    expect(jobs[0]).toMatchObject({ driver: 'dialog', state: 'sent', reprintNo: 3 });
  });

  it('settings round-trip and are audited; no thermal printer for a kind is refused in words', async () => {
    const view = await setPrinters(null);
    expect(await fx.ok('printers.settings', {}, fx.sessions.clerk1)).toEqual(view);
    expect(await count("select count(*) as n from audit_log where action = 'printers.setSettings'")).toBeGreaterThan(0);
    const refused = await fx.call('slips.print', { kind: 'customerList', title: '低余额提醒', rows: [], form: 'thermal80' }, fx.sessions.clerk1, 'en');
    expect(refused).toMatchObject({ ok: false, error: { code: 'print-no-printer' } });
  });

  it('without a printer a PDF slip goes to the dialog, recorded: the next print is 补打 1, never a second original', async () => {
    await setPrinters(null);
    const sale = await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount: 3_000 }, tendered: 3_000, idempotencyKey: fx.key() }, fx.sessions.clerk1);
    expect(await fx.ok('slips.print', { kind: 'payment', saleId: sale.id }, fx.sessions.clerk1)).toMatchObject({ mode: 'dialog', receiptNo: sale.receiptNo, reprintNo: 0, deviceName: null });
    const again = await fx.call('slips.print', { kind: 'payment', saleId: sale.id }, fx.sessions.clerk1);
    expect(again).toMatchObject({ ok: false, error: { code: 'print-already-printed' } });
    expect(await fx.ok('slips.print', { kind: 'payment', saleId: sale.id, reprint: true }, fx.sessions.clerk1)).toMatchObject({ mode: 'dialog', reprintNo: 1 });
    expect(await count(`select count(*) as n from audit_log where action in ('print.request', 'print.reprint') and after_json like '%${sale.receiptNo}%'`)).toBe(2);
  });
});

describe('voided serials for the day report', () => {
  it('lists the serials whose sale was reversed on the business date', async () => {
    const victim = await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount: 5_000 }, tendered: 5_000, idempotencyKey: fx.key() }, fx.sessions.clerk1);
    const approval = await fx.ok('approvals.request', { subject: { kind: 'reversal', saleId: victim.id }, reason: '收错' }, fx.sessions.clerk1);
    await fx.ok('approvals.decide', { approvalId: approval.id, decision: 'approve', approver: { username: 'super1', password: 'super1234' } }, fx.sessions.clerk1);
    await fx.ok('sales.reverse', { saleId: victim.id, approvalId: approval.id, reason: '收错', idempotencyKey: fx.key() }, fx.sessions.clerk1);
    const date = (await fx.sql.one<{ d: string }>('select business_date as d from sale_reversals order by id desc limit 1')).d;
    const voided = await voidedSerials(fx.backend.database.db, date);
    expect(voided).toEqual([expect.objectContaining({ receiptNo: victim.receiptNo, saleId: victim.id, amountFen: 5_000, reason: '收错' })]);
    expect(await voidedSerials(fx.backend.database.db, '2000-01-01')).toEqual([]);
  });
});

describe('the retry timer', () => {
  it('prints a failed job on its own once its backoff has passed', async () => {
    const printer = { driver: 'simulator', target: 'timer-test:jam-once', form: 'a4' } as const;
    await fx.ok('printers.setSettings', { dialog: false, kinds: { payment: null, recharge: null, customerList: printer } }, fx.sessions.admin);
    const job = jobOf(await fx.ok('slips.print', { kind: 'customerList', title: '低余额提醒', rows: [] }, fx.sessions.clerk1));
    expect(job.state).toBe('failed');
    fx.clock.advance(15_000);
    const stop = fx.backend.services.prints.queue.startRetries(20);
    let state = job.state;
    try {
      for (let i = 0; i < 100 && state !== 'printed'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        state = (await fx.backend.services.prints.queue.view(job.jobId)).state;
      }
    } finally {
      stop();
    }
    expect(state).toBe('printed');
  });
});
