/**
 * The frame every printable register shares: an A4 page (landscape or portrait) in the slips' CJK font,
 * headed on every page by the hall, the register's title and its facts (printed at, printed by, the
 * filter), and numbered at the foot "第 n 页 / 共 m 页" once the page count is known (pdfkit buffers the
 * pages, so the numbers are written after the content).
 *
 * Output is deterministic: the PDF's creation date is the print time the caller gives, and nothing else in
 * the file depends on the clock or on chance, so the same input renders the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { TFunction } from 'i18next';
import { formatYuan, fen } from '../../shared/money';
import { beijingDateTime } from '../slips/payment-slip';
import { defaultResourcesDir, slipFont } from '../slips/slip-font';
import { fitText } from './table';
import type { Sheet } from './table';

/** Points per millimetre. */
export const MM = 72 / 25.4;
const MARGIN = 12 * MM;
const FOOT = 8 * MM;
const SIZE = { title: 14, facts: 8, foot: 8 } as const;
const FONT = 'register';
const GREY = '#444444';

export type Orientation = 'landscape' | 'portrait';

export interface RegisterOptions {
  /** Where resources/fonts lives; defaults to the project's (or HALLDESK_RESOURCES_DIR). */
  readonly resourcesDir?: string;
}

export interface RegisterFrame {
  readonly title: string;
  readonly hallName: string | null;
  readonly orientation: Orientation;
  /** ISO instant of the print: shown in Beijing time and used as the PDF's creation date. */
  readonly printedAt: string;
  /** Label and value pairs under the title on every page. */
  readonly facts: readonly (readonly [string, string])[];
}

/** An amount in fen as the registers print it: yuan with two decimals, no currency sign (the header says 元). */
export function yuan(amount: number): string {
  return formatYuan(fen(amount));
}

/** The sum of amounts in fen, exact (fen() refuses anything that is not a safe integer). */
export function sumFen(amounts: readonly number[]): number {
  return fen(amounts.reduce((sum, amount) => fen(sum + fen(amount)), 0));
}

function drawHeading(doc: PDFKit.PDFDocument, frame: RegisterFrame, t: TFunction): number {
  const width = doc.page.width - 2 * MARGIN;
  const heading = `${frame.hallName ?? t('defaultHallName')}    ${frame.title}`;
  doc.fillColor('#000000');
  fitText(doc, heading, { x: MARGIN, y: MARGIN, width }, SIZE.title, 'center');
  const facts = frame.facts.map(([label, value]) => t('register.fact', { label, value })).join('      ');
  doc.fillColor(GREY);
  fitText(doc, facts, { x: MARGIN, y: MARGIN + SIZE.title + 8, width }, SIZE.facts);
  return MARGIN + SIZE.title + SIZE.facts + 16;
}

function drawPageNumbers(doc: PDFKit.PDFDocument, t: TFunction): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    const text = t('register.page', { page: i + 1, pages: range.count });
    doc.fillColor(GREY);
    fitText(doc, text, { x: MARGIN, y: doc.page.height - FOOT - SIZE.foot, width: doc.page.width - 2 * MARGIN }, SIZE.foot, 'center');
  }
}

function newDocument(frame: RegisterFrame, options: RegisterOptions): PDFKit.PDFDocument {
  const created = Date.parse(frame.printedAt);
  if (Number.isNaN(created)) throw new RangeError(`not a time: ${frame.printedAt}`);
  const font = slipFont(options.resourcesDir ?? defaultResourcesDir());
  const doc = new PDFDocument({
    size: 'A4', layout: frame.orientation, margin: 0, compress: true, bufferPages: true, autoFirstPage: false,
    // No default font: pdfkit would parse Helvetica's metrics for every document, and a register never uses it.
    font: '',
    info: { Title: frame.title, Author: frame.hallName ?? '', Creator: 'HallDesk', CreationDate: new Date(created) },
  });
  // @types/pdfkit lists only files and buffers as font sources; pdfkit also takes a parsed fontkit font
  // (electron/slips/slip-font.ts explains why).
  doc.registerFont(FONT, font as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font(FONT);
  return doc;
}

/**
 * Renders a register: `draw` gets the sheet (its first page already headed) and the y where content
 * starts, and lays out its tables with ./table; the frame adds headings and page numbers.
 */
export function renderRegister(frame: RegisterFrame, t: TFunction, draw: (sheet: Sheet, top: number) => void, options: RegisterOptions = {}): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const doc = newDocument(frame, options);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const newPage = (): number => drawHeading(doc.addPage(), frame, t);
    const top = newPage();
    const sheet: Sheet = { doc, left: MARGIN, width: doc.page.width - 2 * MARGIN, bottom: doc.page.height - FOOT - SIZE.foot - 10, newPage };
    draw(sheet, top);
    drawPageNumbers(doc, t);
    doc.end();
  });
}

/** The facts every register prints under its title: when and by whom. */
export function printedFacts(t: TFunction, printedAt: string, printedBy: string): [string, string][] {
  return [[t('register.printedAt'), beijingDateTime(printedAt)], [t('register.printedBy'), printedBy]];
}
