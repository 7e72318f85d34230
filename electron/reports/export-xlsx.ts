/**
 * A ReportBook as an .xlsx (exceljs, streaming writer: a month's payment record is ~170,000 rows and the
 * in-memory workbook would hold every cell object at once). Per sheet: a title row, a bold frozen header row,
 * money and units as numbers formatted '#,##0.00' — value = integer / 100, the one division (no formulas,
 * so every reader sees the same figure without recalculating) — column widths from the book, a bold totals row.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell, ReportBook, ReportSheet } from './report-book';
import { cellValue } from './report-book';

const NUMBER_FORMAT: Record<string, string | undefined> = { fen: '#,##0.00', units: '#,##0.00', int: '0' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } };

function addSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, title: string, sheet: ReportSheet, usedNames: Set<string>): void {
  let name = sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
  while (usedNames.has(name)) name = `${name.slice(0, 26)}_${usedNames.size}`;
  usedNames.add(name);
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = sheet.columns.map((c) => ({ width: c.width, style: NUMBER_FORMAT[c.kind] ? { numFmt: NUMBER_FORMAT[c.kind] } : {} }));
  const titleRow = ws.addRow([title]);
  titleRow.font = { bold: true, size: 13 };
  titleRow.commit();
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => { cell.fill = HEADER_FILL; });
  header.commit();
  const write = (cells: readonly Cell[], bold: boolean) => {
    const row = ws.addRow(sheet.columns.map((c, i) => cellValue(c.kind, cells[i] ?? null)));
    if (bold) row.font = { bold: true };
    row.commit();
  };
  for (const cells of sheet.rows) write(cells, false);
  if (sheet.totals) write(sheet.totals, true);
  ws.commit();
}

export async function writeXlsx(book: ReportBook): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'HallDesk';
  const used = new Set<string>();
  const title = `${book.title}  ${book.facts.map(([k, v]) => `${k}：${v}`).join('  ')}`;
  for (const sheet of book.sheets) addSheet(wb, title, sheet, used);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
