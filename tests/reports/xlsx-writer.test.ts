/**
 * The hand-written .xlsx (electron/reports/export-xlsx.ts + zip-writer.ts) read back with exceljs: several
 * sheets (names cleaned and made unique), the bold title, the bold grey frozen header, '#,##0.00' for fen and
 * units, '0' for ints, widths, blank cells, text that XML must escape or cannot carry, a bold totals row, and
 * enough rows to span several compressed chunks.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../electron/reports/export-xlsx';
import type { ReportBook, SheetColumn } from '../../electron/reports/report-book';

const COLUMNS: readonly SheetColumn[] = [
  { header: '序号', kind: 'int', width: 7 }, { header: '名称 <&>', kind: 'text', width: 20 },
  { header: '金额', kind: 'fen', width: 13.5 }, { header: '用量', kind: 'units', width: 12 },
];

async function readBack(book: ReportBook): Promise<ExcelJS.Workbook> {
  const bytes = await writeXlsx(book);
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('xlsx writer', () => {
  it('writes a formatted sheet that exceljs reads back cell for cell', async () => {
    const rows = [[1, 'A & B <c> "d"', 123_456, 4_096], [2, '控制\u0001字符', -7, null], [3, null, 0, 5]];
    const wb = await readBack({ title: '报表', facts: [['月份', '2026-06']], fileBase: 'x', sheets: [{ name: 'a/b:c', columns: COLUMNS, rows, totals: ['合计', null, 123_449, 4_101] }] });
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('a b c');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getRow(1).getCell(1).value).toBe('报表  月份：2026-06');
    expect(ws.getRow(1).font).toMatchObject({ bold: true, size: 13 });
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['序号', '名称 <&>', '金额', '用量']);
    expect(ws.getRow(2).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(1).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } });
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([1, 'A & B <c> "d"', 1234.56, 40.96]);
    expect(ws.getRow(4).getCell(2).value).toBe('控制字符');
    expect(ws.getRow(4).getCell(3).value).toBe(-0.07);
    expect(ws.getRow(4).getCell(4).value).toBeNull();
    expect(ws.getRow(5).getCell(2).value).toBeNull();
    expect(ws.getRow(3).getCell(1).numFmt).toBe('0');
    expect(ws.getRow(3).getCell(3).numFmt).toBe('#,##0.00');
    expect(ws.getRow(3).getCell(4).numFmt).toBe('#,##0.00');
    expect(ws.columns.map((c) => c.width)).toEqual([7, 20, 13.5, 12]);
    const totals = ws.getRow(6);
    expect(ws.rowCount).toBe(6);
    expect(totals.font?.bold).toBe(true);
    expect((totals.values as unknown[]).slice(1)).toEqual(['合计', undefined, 1234.49, 41.01]);
    expect(totals.getCell(3).numFmt).toBe('#,##0.00');
    expect(totals.getCell(3).font?.bold).toBe(true);
  });

  it('writes several sheets, unique names, and rows past many compressed chunks', async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => [i + 1, `客户${i}`, i * 101, i]);
    const sheet = { name: 'same', columns: COLUMNS, rows };
    const wb = await readBack({ title: 't', facts: [], fileBase: 'x', sheets: [sheet, { ...sheet, rows: rows.slice(0, 2) }, { name: 'empty', columns: [], rows: [] }] });
    expect(wb.worksheets.map((w) => w.name)).toEqual(['same', 'same_1', 'empty']);
    const big = wb.worksheets[0]!;
    expect(big.rowCount).toBe(10_003);
    expect((big.getRow(10_003).values as unknown[]).slice(1)).toEqual([10_001, '客户10000', 10_100, 100]);
    expect(wb.worksheets[1]!.rowCount).toBe(4);
  });
});
