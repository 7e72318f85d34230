/**
 * Exports read back: the xlsx with exceljs (bold frozen header, '#,##0.00' yuan cells from fen, a bold totals
 * row equal to the ledger), the CSV's BOM and quoting, a PDF, every report kind through reports.export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { writeCsv } from '../../electron/reports/export-csv';
import { cellText } from '../../electron/reports/report-book';
import type { ContractInput } from '../../shared/contract/methods';

const DATE = '2026-06-15';
let fx: Fixture;

async function sell(meterId: number, amount: number, session: string): Promise<void> {
  await fx.ok('sales.sell', { meterId, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: fx.key() }, session);
}

async function workbook(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  fx = await buildBackend();
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  await sell(fx.meters.energy, 123_456, fx.sessions.clerk1);
  await sell(fx.meters.water, 3_450, fx.sessions.clerk1);
  await sell(fx.meters.money, 99_99, fx.sessions.clerk1);
}, 60_000);
afterAll(async () => { await fx?.close(); });

describe('report exports', () => {
  it('day close as xlsx: formatted, with totals equal to the ledger', async () => {
    const file = await fx.ok('reports.export', { report: 'dayClose', params: { date: DATE }, format: 'xlsx' }, fx.sessions.supervisor);
    expect(file.fileName).toBe(`day-close-${DATE}.xlsx`);
    const wb = await workbook(file.base64);
    const byClerk = wb.worksheets[1]!;
    expect(byClerk.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(byClerk.getRow(2).font?.bold).toBe(true);
    expect(byClerk.getRow(2).getCell(3).value).toBe('金额（元）');
    const totals = byClerk.getRow(byClerk.rowCount);
    expect(totals.font?.bold).toBe(true);
    expect(totals.getCell(1).value).toBe('合计');
    expect(totals.getCell(3).numFmt).toBe('#,##0.00');
    const ledger = Number((await fx.sql.one<{ s: number }>(`select sum(amount_fen) as s from ledger_entries where book = 'cash' and sale_id is not null`)).s);
    // The cell holds the ledger's fen divided once by 100: the same double a reader computes from the fen.
    expect(totals.getCell(3).value).toBe(ledger / 100);
    expect(byClerk.getColumn(1).width).toBe(22);
  });

  it('the payment record as xlsx reads back in the documented layout', async () => {
    const file = await fx.ok('reports.monthlyPaymentRecord', { month: '2026-06', format: 'xlsx' }, fx.sessions.admin);
    const ws = (await workbook(file.base64)).worksheets[0]!;
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '客户编号', '客户名称', '户号', '地址', '表号', '类别', '本月用量', '购买量', '缴费金额(元)', '收据号', '缴费日期', '支付方式']);
    expect(ws.getRow(3).getCell(10).value).toBe(1234.56);
    expect(ws.getRow(ws.rowCount).getCell(2).value).toBe('合计 3 笔');
  });

  it('every report kind exports in every format', async () => {
    const shiftId = (await fx.ok('shifts.current', {}, fx.sessions.clerk1))!.id;
    const range = { from: '2026-06-01', to: DATE };
    const requests: ContractInput<'reports.export'>[] = [
      { report: 'dayClose', params: { date: DATE }, format: 'pdf' }, { report: 'shift', params: { shiftId }, format: 'pdf' },
      { report: 'monthly', params: { month: '2026-06', by: 'building' }, format: 'pdf' }, { report: 'tiers', params: { period: '2026' }, format: 'pdf' },
      { report: 'reversals', params: range, format: 'pdf' }, { report: 'cardOps', params: range, format: 'pdf' },
      { report: 'controlJobs', params: range, format: 'pdf' }, { report: 'vouchers', params: {}, format: 'pdf' }, { report: 'pendingDeposits', params: {}, format: 'pdf' },
    ];
    for (const request of requests) {
      for (const format of ['pdf', 'csv', 'xlsx'] as const) {
        const file = await fx.ok('reports.export', { ...request, format }, fx.sessions.supervisor);
        const bytes = Buffer.from(file.base64, 'base64');
        expect(bytes.length, `${request.report}.${format}`).toBe(file.bytes);
        if (format === 'pdf') expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
        if (format === 'csv') expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        if (format === 'xlsx') expect(bytes.subarray(0, 2).toString()).toBe('PK');
      }
    }
  }, 60_000);

  it('CSV quotes and amounts are exact', () => {
    const csv = writeCsv({ title: 't', facts: [], fileBase: 'x', sheets: [{ name: 's', columns: [{ header: '名,称', kind: 'text', width: 1 }, { header: 'a', kind: 'fen', width: 1 }], rows: [['say "hi"', -5], ['x', 1_000_000_007]] }] });
    expect(csv.toString('utf8')).toBe('\uFEFF"名,称",a\r\n"say ""hi""",-0.05\r\nx,10000000.07\r\n');
    expect(cellText('units', 12)).toBe('0.12');
  });
});
