/**
 * A ReportBook as CSV: UTF-8 with a BOM (Excel on Chinese Windows otherwise opens UTF-8 as GBK), CRLF line
 * ends, RFC 4180 quoting. Several sheets follow one another, each with its name on a line of its own and a
 * blank line between. Amounts are written from the integer with exactly two decimals (cellText).
 */
import type { Cell, ReportBook, ReportSheet } from './report-book';
import { cellText } from './report-book';

const BOM = '\uFEFF';

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function sheetLines(sheet: ReportSheet, withName: boolean): string[] {
  const line = (cells: readonly Cell[]) => sheet.columns.map((c, i) => quote(cellText(c.kind, cells[i] ?? null))).join(',');
  return [
    ...(withName ? [quote(sheet.name)] : []),
    sheet.columns.map((c) => quote(c.header)).join(','),
    ...sheet.rows.map(line),
    ...(sheet.totals ? [line(sheet.totals)] : []),
  ];
}

export function writeCsv(book: ReportBook): Buffer {
  const many = book.sheets.length > 1;
  const blocks = book.sheets.map((s) => sheetLines(s, many).join('\r\n'));
  return Buffer.from(`${BOM}${blocks.join('\r\n\r\n')}\r\n`, 'utf8');
}
