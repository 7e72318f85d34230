/**
 * Reads the first worksheet of an .xlsx workbook into text rows, like a CSV: every cell becomes the
 * text a clerk sees. Numbers are written out in full (Excel stores meter and phone numbers typed
 * without a leading quote as numbers), formulas give their cached result, rich text its plain text.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import type { SheetRow } from './csv';

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  return '';
}

export async function readXlsx(file: string): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let col = 1; col <= row.cellCount; col += 1) cells.push(cellText(row.getCell(col).value));
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: row.number, cells });
  });
  return rows;
}
