/**
 * One part (copy) of a payment slip drawn into a rectangle of a pdfkit page:
 *
 *   hall name  title                                              copy name
 *   ┌ grid of label/value cells, sections separated by rules ┐   ┌ QR ┐
 *   │ ...                                                      │   └────┘
 *   notices
 *   slip code text
 *
 * Sizes are in points. Text never wraps: a value too wide for its cell is set smaller (down to 6 pt) and
 * only then cut with "…", so a long name can never push the amounts out of their places.
 */
import { drawQr } from './slip-qr';
import type { QrMatrix } from './slip-qr';
import type { SlipBody, SlipCell, SlipRow } from './slip-types';

export const FONT = 'slip';
const MM = 72 / 25.4;
const PAD_X = 8 * MM;
const PAD_TOP = 5 * MM;
const QR_SIDE = 22 * MM;
const GUTTER = 4 * MM;
const SIZE = { title: 11.5, copy: 10, label: 7.5, value: 8.5, strong: 10, notice: 7, code: 6 } as const;
const ROW = 12.5;
const STRONG_ROW = 15;
const MIN_SIZE = 6;
const LABEL_GAP = 3;
const CELL_GAP = 6;
const GREY = '#555555';
const BLACK = '#000000';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

type Doc = PDFKit.PDFDocument;

/** Writes `text` at (x, y) in at most `width` points: smaller first, then shortened. */
function fitText(doc: Doc, text: string, x: number, y: number, width: number, size: number, options: { align?: 'right' } = {}): void {
  if (text === '' || width <= 0) return;
  const perPoint = doc.fontSize(1).widthOfString(text);
  let fitted = Math.max(MIN_SIZE, Math.min(size, width / perPoint));
  let shown = text;
  if (perPoint * fitted > width) {
    fitted = MIN_SIZE;
    // By code point, so a rare character outside the BMP is never cut in half.
    const chars = [...text];
    while (chars.length > 1 && doc.fontSize(fitted).widthOfString(`${chars.join('')}…`) > width) chars.pop();
    shown = chars.join('');
    shown = `${shown}…`;
  }
  doc.fontSize(fitted);
  const left = options.align === 'right' ? x + width - doc.widthOfString(shown) : x;
  // Baselines line up whatever the fitted size: shift a smaller text down by the difference.
  doc.text(shown, left, y + (size - fitted) * 0.8, { lineBreak: false });
}

function drawCell(doc: Doc, cell: SlipCell, x: number, y: number, width: number): void {
  const valueSize = cell.strong ? SIZE.strong : SIZE.value;
  let valueX = x;
  if (cell.label !== '') {
    doc.fillColor(GREY);
    fitText(doc, cell.label, x, y + (valueSize - SIZE.label), width, SIZE.label);
    valueX = x + doc.widthOfString(cell.label) + LABEL_GAP;
  }
  doc.fillColor(BLACK);
  fitText(doc, cell.value, valueX, y, x + width - valueX, valueSize);
}

function drawRow(doc: Doc, row: SlipRow, x: number, y: number, width: number): number {
  const column = width / row.columns;
  let at = 0;
  for (const cell of row.cells) {
    const span = cell.span ?? 1;
    drawCell(doc, cell, x + at * column, y, span * column - CELL_GAP);
    at += span;
  }
  return row.cells.some((cell) => cell.strong) ? STRONG_ROW : ROW;
}

function drawRule(doc: Doc, x: number, y: number, width: number): void {
  doc.save().lineWidth(0.4).strokeColor('#999999').moveTo(x, y).lineTo(x + width, y).stroke().restore();
}

/** Hall and title on the left, the copy name on the right; the copy name wins the space (up to 60 %). */
function drawHeading(doc: Doc, slip: SlipBody, box: Box, copyName: string): void {
  const width = box.width - 2 * PAD_X;
  const heading = `${slip.hallName}    ${slip.title}`;
  const copyWidth = Math.min(doc.fontSize(SIZE.copy).widthOfString(copyName), width * 0.6);
  const headingWidth = Math.min(doc.fontSize(SIZE.title).widthOfString(heading), width - copyWidth - GUTTER);
  doc.fillColor(BLACK);
  fitText(doc, heading, box.x + PAD_X, box.y + PAD_TOP, headingWidth, SIZE.title);
  const copyX = box.x + PAD_X + headingWidth + GUTTER;
  fitText(doc, copyName, copyX, box.y + PAD_TOP + 1, box.x + box.width - PAD_X - copyX, SIZE.copy, { align: 'right' });
}

function drawQrBlock(doc: Doc, slip: SlipBody, qr: QrMatrix, x: number, y: number): void {
  drawQr(doc, qr, x, y, QR_SIDE);
  doc.fillColor(GREY);
  fitText(doc, slip.qr.caption, x, y + QR_SIDE + 1, QR_SIDE, SIZE.notice);
}

/** Sections and rules down the grid; answers where the next line goes. */
function drawSections(doc: Doc, slip: SlipBody, x: number, y: number, width: number): number {
  let at = y;
  slip.sections.forEach((section, index) => {
    if (index > 0) {
      drawRule(doc, x, at + 1, width);
      at += 5;
    }
    for (const row of section) at += drawRow(doc, row, x, at, width);
  });
  return at;
}

/** One copy of the slip in `box`, headed by `copyName`; `qr` is the slip's code, computed once for all copies. */
export function drawPart(doc: Doc, slip: SlipBody, qr: QrMatrix, box: Box, copyName: string): void {
  drawHeading(doc, slip, box, copyName);
  const top = box.y + PAD_TOP + SIZE.title + 8;
  const gridWidth = box.width - 2 * PAD_X - QR_SIDE - GUTTER;
  drawRule(doc, box.x + PAD_X, top - 3, box.width - 2 * PAD_X);
  let y = drawSections(doc, slip, box.x + PAD_X, top + 2, gridWidth) + 3;
  drawQrBlock(doc, slip, qr, box.x + box.width - PAD_X - QR_SIDE, top + 2);
  drawRule(doc, box.x + PAD_X, y, gridWidth);
  y += 4;
  doc.fillColor(GREY);
  for (const notice of slip.notices) {
    fitText(doc, notice, box.x + PAD_X, y, gridWidth, SIZE.notice);
    y += SIZE.notice + 3;
  }
  // The code in words too, so a slip whose QR will not scan can still be checked by typing it.
  fitText(doc, slip.qr.text, box.x + PAD_X, y, gridWidth, SIZE.code);
  y += SIZE.code + 3;
  if (y > box.y + box.height) throw new Error(`slip ${slip.receiptNo} does not fit its ${Math.round(box.height / MM)} mm part`);
}
