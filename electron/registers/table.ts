/**
 * The registers' table: columns with relative widths and alignment, a shaded header row repeated at the
 * top of every page the table runs onto, optional shaded (marked) rows and a strong totals row.
 *
 * Positions are in points, measured by the caller's Sheet: where the table may run (left, width, bottom)
 * and how to begin a new page (newPage draws the page's heading and answers where the table goes on).
 * Text never wraps: a cell too narrow for its text is set smaller (down to 5.5 pt) and only then cut with
 * "…", so one long name can never push the amounts out of their columns.
 */

type Doc = PDFKit.PDFDocument;

export type Align = 'left' | 'right' | 'center';

export interface Column {
  readonly header: string;
  /** Relative width: the columns share the sheet's width in proportion to these. */
  readonly width: number;
  readonly align?: Align;
}

export interface Row {
  readonly cells: readonly string[];
  /** A totals row: larger type and a double rule above (Table.totals sets it). */
  readonly strong?: boolean;
  /** Shaded, to mark the row (an overdue obligation). */
  readonly marked?: boolean;
}

export interface Sheet {
  readonly doc: Doc;
  readonly left: number;
  readonly width: number;
  /** The lowest y a row may reach on a page. */
  readonly bottom: number;
  /** Adds a page with its heading drawn; answers the y where the content continues. */
  newPage(): number;
}

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** A caption set above the header, kept on the same page as the header and the first row. */
  readonly caption?: string;
  /** Shown across the table when it has no rows. */
  readonly empty: string;
  /** The totals row, drawn (strong) under the rows or under the empty line. */
  readonly totals?: readonly string[];
}

export const TABLE_SIZE = { caption: 10, header: 8, cell: 8, strong: 8.5, line: 8.5 } as const;
const ROW_HEIGHT = 15;
const HEADER_HEIGHT = 17;
const CAPTION_HEIGHT = 16;
const CELL_PAD = 3;
const MIN_SIZE = 5.5;
const COLOURS = { text: '#000000', rule: '#999999', header: '#e6e6e6', marked: '#ededed' } as const;

/** Writes `text` in the box from x to x + width, top at y: smaller first, then shortened. */
export function fitText(doc: Doc, text: string, box: { x: number; y: number; width: number }, size: number, align: Align = 'left'): void {
  if (text === '' || box.width <= 0) return;
  const perPoint = doc.fontSize(1).widthOfString(text);
  const fitted = Math.max(MIN_SIZE, Math.min(size, box.width / perPoint));
  let shown = text;
  if (perPoint * fitted > box.width) {
    // By code point, so a character outside the BMP is never cut in half.
    const chars = [...text];
    while (chars.length > 1 && doc.fontSize(fitted).widthOfString(`${chars.join('')}…`) > box.width) chars.pop();
    shown = `${chars.join('')}…`;
  }
  doc.fontSize(fitted);
  const spare = box.width - doc.widthOfString(shown);
  const offset = align === 'right' ? spare : align === 'center' ? spare / 2 : 0;
  // Baselines line up whatever the fitted size: a smaller text moves down by the difference.
  doc.text(shown, box.x + offset, box.y + (size - fitted) * 0.8, { lineBreak: false });
}

function rule(doc: Doc, x: number, y: number, width: number, lineWidth = 0.4): void {
  doc.save().lineWidth(lineWidth).strokeColor(COLOURS.rule).moveTo(x, y).lineTo(x + width, y).stroke().restore();
}

function shade(doc: Doc, x: number, y: number, width: number, height: number, colour: string): void {
  doc.save().rect(x, y, width, height).fill(colour).restore();
}

/** The columns' left edges and widths in points. */
function columnBoxes(sheet: Sheet, columns: readonly Column[]): { x: number; width: number }[] {
  const weight = columns.reduce((sum, c) => sum + c.width, 0);
  let x = sheet.left;
  return columns.map((c) => {
    const width = (sheet.width * c.width) / weight;
    const box = { x, width };
    x += width;
    return box;
  });
}

function drawCells(sheet: Sheet, columns: readonly Column[], cells: readonly string[], y: number, size: number): void {
  const boxes = columnBoxes(sheet, columns);
  sheet.doc.fillColor(COLOURS.text);
  columns.forEach((column, i) => {
    const box = boxes[i]!;
    fitText(sheet.doc, cells[i] ?? '', { x: box.x + CELL_PAD, y, width: box.width - 2 * CELL_PAD }, size, column.align);
  });
}

function drawHeader(sheet: Sheet, columns: readonly Column[], y: number): number {
  shade(sheet.doc, sheet.left, y, sheet.width, HEADER_HEIGHT, COLOURS.header);
  drawCells(sheet, columns, columns.map((c) => c.header), y + (HEADER_HEIGHT - TABLE_SIZE.header) / 2 - 1, TABLE_SIZE.header);
  rule(sheet.doc, sheet.left, y + HEADER_HEIGHT, sheet.width, 0.6);
  return y + HEADER_HEIGHT;
}

function drawRow(sheet: Sheet, columns: readonly Column[], row: Row, y: number): number {
  if (row.marked) shade(sheet.doc, sheet.left, y, sheet.width, ROW_HEIGHT, COLOURS.marked);
  if (row.strong) {
    rule(sheet.doc, sheet.left, y + 0.5, sheet.width, 0.6);
    rule(sheet.doc, sheet.left, y + 2, sheet.width, 0.6);
  }
  const size = row.strong ? TABLE_SIZE.strong : TABLE_SIZE.cell;
  drawCells(sheet, columns, row.cells, y + (ROW_HEIGHT - size) / 2, size);
  rule(sheet.doc, sheet.left, y + ROW_HEIGHT, sheet.width, 0.3);
  return y + ROW_HEIGHT;
}

/** Starts a new page unless `height` more points fit below y; answers where to go on. */
export function ensureRoom(sheet: Sheet, y: number, height: number): number {
  return y + height > sheet.bottom ? sheet.newPage() : y;
}

/** A line of text across the sheet (a summary, a note), on a new page when it does not fit. */
export function drawLine(sheet: Sheet, y: number, text: string, size: number = TABLE_SIZE.line): number {
  const at = ensureRoom(sheet, y, size + 6);
  sheet.doc.fillColor(COLOURS.text);
  fitText(sheet.doc, text, { x: sheet.left, y: at + 2, width: sheet.width }, size);
  return at + size + 6;
}

/** Draws the table from y on, breaking pages as needed with the header repeated; answers the y below it. */
export function drawTable(sheet: Sheet, y: number, table: Table): number {
  const captionHeight = table.caption === undefined ? 0 : CAPTION_HEIGHT;
  let at = ensureRoom(sheet, y, captionHeight + HEADER_HEIGHT + ROW_HEIGHT);
  if (table.caption !== undefined) {
    sheet.doc.fillColor(COLOURS.text);
    fitText(sheet.doc, table.caption, { x: sheet.left, y: at + 2, width: sheet.width }, TABLE_SIZE.caption);
    at += captionHeight;
  }
  at = drawHeader(sheet, table.columns, at);
  if (table.rows.length === 0) {
    fitText(sheet.doc, table.empty, { x: sheet.left, y: at + (ROW_HEIGHT - TABLE_SIZE.cell) / 2, width: sheet.width }, TABLE_SIZE.cell, 'center');
    rule(sheet.doc, sheet.left, at + ROW_HEIGHT, sheet.width, 0.3);
    at += ROW_HEIGHT;
  }
  const rows = table.totals === undefined ? table.rows : [...table.rows, { cells: table.totals, strong: true }];
  for (const row of rows) {
    if (at + ROW_HEIGHT > sheet.bottom) at = drawHeader(sheet, table.columns, sheet.newPage());
    at = drawRow(sheet, table.columns, row, at);
  }
  return at;
}
