/**
 * The customer list as a PDF: every copy (list, stub) starts on a new page, each page headed by the hall,
 * title, copy name and page number, then a table of the rows. A4 portrait, or a full 11-inch fold of the
 * 241 mm continuous form (241 × 279.4 mm).
 */
import { MM, renderPdf } from './pdf-doc';
import type { CustomerList } from './customer-list';
import type { PdfForm } from './duplicate-pdf';

const SIZE: Readonly<Record<PdfForm, { widthMm: number; heightMm: number }>> = {
  a4: { widthMm: 210, heightMm: 297 },
  continuous241: { widthMm: 241, heightMm: 279.4 },
};
/** Relative column widths: # 户号 户名 电话 地址 表号 金额 备注. */
const WEIGHTS = [3, 9, 8, 9, 18, 10, 7, 12];
const MARGIN = 12 * MM;
const ROW = 6.5 * MM;
const HEAD = 24 * MM;

type Doc = PDFKit.PDFDocument;

function cells(doc: Doc, values: readonly string[], y: number, width: number, size: number): void {
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  let x = MARGIN;
  values.forEach((value, i) => {
    const w = (width * (WEIGHTS[i] ?? 1)) / total;
    doc.fontSize(size).text(value, x, y, { width: w - 2, height: size + 2, lineBreak: false, ellipsis: '…' });
    x += w;
  });
}

function pageHead(doc: Doc, list: CustomerList, copy: string, page: number, width: number): number {
  doc.fillColor('#000000').fontSize(12).text(`${list.hallName}    ${list.title}`, MARGIN, MARGIN, { lineBreak: false });
  doc.fontSize(10).text(`${copy}  (${page})`, MARGIN, MARGIN, { width, align: 'right', lineBreak: false });
  doc.fontSize(8).fillColor('#555555').text(list.heading, MARGIN, MARGIN + 16, { lineBreak: false });
  doc.fillColor('#000000');
  cells(doc, list.columns, MARGIN + HEAD - ROW, width, 8);
  doc.save().lineWidth(0.5).moveTo(MARGIN, MARGIN + HEAD - 4).lineTo(MARGIN + width, MARGIN + HEAD - 4).stroke().restore();
  return MARGIN + HEAD;
}

function drawCopy(doc: Doc, list: CustomerList, copy: string, size: { widthMm: number; heightMm: number }, first: boolean): void {
  const width = size.widthMm * MM - 2 * MARGIN;
  const bottom = size.heightMm * MM - MARGIN - ROW;
  let page = 1;
  if (!first) doc.addPage({ size: [size.widthMm * MM, size.heightMm * MM], margin: 0 });
  let y = pageHead(doc, list, copy, page, width);
  if (list.rows.length === 0) doc.fontSize(9).text(list.empty, MARGIN, y, { lineBreak: false });
  for (const row of list.rows) {
    if (y > bottom) {
      doc.addPage({ size: [size.widthMm * MM, size.heightMm * MM], margin: 0 });
      page += 1;
      y = pageHead(doc, list, copy, page, width);
    }
    cells(doc, row, y, width, 8.5);
    y += ROW;
  }
  doc.fontSize(9).text(list.footer, MARGIN, y + 4, { lineBreak: false });
}

export function renderCustomerListPdf(list: CustomerList, form: PdfForm, options: { createdAt?: Date; resourcesDir?: string } = {}): Promise<Buffer> {
  const size = SIZE[form];
  return renderPdf({ ...size, language: list.language, title: list.title, author: list.hallName, ...options }, (doc) => {
    list.copies.forEach((copy, index) => drawCopy(doc, list, copy, size, index === 0));
  });
}
