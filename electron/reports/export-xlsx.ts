/**
 * A ReportBook as an .xlsx. Per sheet: a title row, a bold frozen header row (grey fill), money and units as
 * numbers formatted '#,##0.00' — value = integer / 100, the one division (no formulas, so every reader sees
 * the same figure without recalculating) — column widths from the book, a bold totals row.
 *
 * The sheet XML is written here and zipped by zip-writer.ts rather than by exceljs: a month's payment record
 * is ~154,000 rows × 13 columns, and exceljs's streaming writer resolves a style object for every cell (12 s
 * for that sheet on the 2-core bench machine; 5 s even with styles off), which alone broke the 10 s target of
 * monthly_export_xlsx_s. The layout is the one exceljs wrote (strings as t="str" cells, the same styles and
 * pane), and the tests read every export back with exceljs.
 */
import type { Cell, ReportBook, ReportSheet } from './report-book';
import { cellValue } from './report-book';
import { columnStyles, CORE_XML, contentTypesXml, escapeXml, ROOT_RELS_XML, SHEET_HEAD, STYLE, STYLES_XML, workbookXml } from './xlsx-parts';
import { ZipWriter } from './zip-writer';
import type { EntryStream } from './zip-writer';

/** Rows per chunk handed to the compressor: ~1 MB of XML, big enough to keep the pool busy, small enough to overlap. */
const CHUNK_ROWS = 2_000;

/** Column letters A … ZZ (a sheet of the books has at most a few dozen columns). */
function columnLetter(index: number): string {
  const letter = (n: number) => String.fromCharCode(65 + n);
  return index < 26 ? letter(index) : letter(Math.floor(index / 26) - 1) + letter(index % 26);
}

function sheetNames(book: ReportBook): string[] {
  const used = new Set<string>();
  return book.sheets.map((sheet) => {
    let name = sheet.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
    while (used.has(name)) name = `${name.slice(0, 26)}_${used.size}`;
    used.add(name);
    return name;
  });
}

/** Everything before the rows: extent, the pane frozen under the header, the column widths and formats. */
function sheetStart(sheet: ReportSheet, rowCount: number): string {
  const last = `${columnLetter(Math.max(sheet.columns.length, 1) - 1)}${rowCount}`;
  const cols = sheet.columns.map((c, i) => {
    const style = columnStyles(c.kind).data;
    return `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${style ? ` style="${style}"` : ''} customWidth="1"/>`;
  }).join('');
  return `${SHEET_HEAD}<dimension ref="A1:${last}"/><sheetViews><sheetView workbookViewId="0">`
    + '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
    + `<sheetFormatPr defaultRowHeight="15"/>${sheet.columns.length ? `<cols>${cols}</cols>` : ''}<sheetData>`;
}

const SHEET_END = '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

/** One cell; null is no cell at all unless the row is styled (then an empty styled cell keeps the bold run). */
function cellXml(ref: string, value: Cell, style: number, keepEmpty: boolean): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null) return keepEmpty ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') return `<c r="${ref}"${s}><v>${value}</v></c>`;
  return `<c r="${ref}"${s} t="str"><v>${escapeXml(value)}</v></c>`;
}

/** A styled row (title, header, totals): the row's own format too, so a reader sees it bold as a whole. */
function styledRow(r: number, cells: readonly Cell[], rowStyle: number, cellStyle: (i: number) => number): string {
  const xml = cells.map((v, i) => cellXml(`${columnLetter(i)}${r}`, v, cellStyle(i), true)).join('');
  return `<row r="${r}" s="${rowStyle}" customFormat="1">${xml}</row>`;
}

function dataRows(sheet: ReportSheet, from: number, to: number, letters: readonly string[], styles: readonly number[]): string {
  const kinds = sheet.columns.map((c) => c.kind);
  let xml = '';
  for (let i = from; i < to; i++) {
    const r = i + 3;
    const cells = sheet.rows[i]!;
    xml += `<row r="${r}">`;
    for (let c = 0; c < kinds.length; c++) xml += cellXml(letters[c]! + r, cellValue(kinds[c]!, cells[c] ?? null), styles[c]!, false);
    xml += '</row>';
  }
  return xml;
}

async function writeSheet(out: EntryStream, title: string, sheet: ReportSheet): Promise<void> {
  const letters = sheet.columns.map((_, i) => columnLetter(i));
  const styles = sheet.columns.map((c) => columnStyles(c.kind));
  await out.write(sheetStart(sheet, sheet.rows.length + 2 + (sheet.totals ? 1 : 0))
    + styledRow(1, [title], STYLE.title, () => STYLE.title)
    + styledRow(2, sheet.columns.map((c) => c.header), STYLE.header, () => STYLE.header));
  for (let from = 0; from < sheet.rows.length; from += CHUNK_ROWS) {
    await out.write(dataRows(sheet, from, Math.min(from + CHUNK_ROWS, sheet.rows.length), letters, styles.map((s) => s.data)));
  }
  const totals = sheet.totals ? sheet.columns.map((c, i) => cellValue(c.kind, sheet.totals![i] ?? null)) : null;
  await out.write((totals ? styledRow(sheet.rows.length + 3, totals, STYLE.bold, (i) => styles[i]!.total) : '') + SHEET_END);
  await out.end();
}

export async function writeXlsx(book: ReportBook): Promise<Buffer> {
  const zip = new ZipWriter();
  const names = sheetNames(book);
  const { workbook, rels } = workbookXml(names);
  zip.add('[Content_Types].xml', contentTypesXml(names.length));
  zip.add('_rels/.rels', ROOT_RELS_XML);
  zip.add('docProps/core.xml', CORE_XML);
  zip.add('xl/workbook.xml', workbook);
  zip.add('xl/_rels/workbook.xml.rels', rels);
  zip.add('xl/styles.xml', STYLES_XML);
  const title = `${book.title}  ${book.facts.map(([k, v]) => `${k}：${v}`).join('  ')}`;
  for (const [i, sheet] of book.sheets.entries()) await writeSheet(zip.stream(`xl/worksheets/sheet${i + 1}.xml`), title, sheet);
  return zip.finish();
}
