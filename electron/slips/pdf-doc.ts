/**
 * One pdfkit document with the slip font registered, collected into a Buffer: the payment slip, the recharge
 * slip and the customer list.
 */
import PDFDocument from 'pdfkit';
import { defaultResourcesDir, slipFont } from './slip-font';
import { FONT } from './slip-layout';

export const MM = 72 / 25.4;

export interface PdfMeta {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly language: string;
  readonly title: string;
  readonly author: string;
  readonly createdAt?: Date;
  readonly resourcesDir?: string;
}

export function renderPdf(meta: PdfMeta, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const font = slipFont(meta.resourcesDir ?? defaultResourcesDir());
    const doc = new PDFDocument({
      size: [meta.widthMm * MM, meta.heightMm * MM], margin: 0, compress: true, lang: meta.language, font: '',
      info: { Title: meta.title, Author: meta.author, Creator: 'HallDesk', CreationDate: meta.createdAt ?? new Date() },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    // A parsed fontkit font (slip-font.ts); @types/pdfkit lists only files and buffers.
    doc.registerFont(FONT, font as unknown as PDFKit.Mixins.PDFFontSource);
    doc.font(FONT);
    try {
      draw(doc);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    doc.end();
  });
}

/** A dashed cut line across the page at `y`, labelled in words (the font has no scissors glyph). */
export function cutLine(doc: PDFKit.PDFDocument, y: number, width: number, label: string): void {
  doc.save().lineWidth(0.5).dash(4, { space: 3 }).strokeColor('#888888')
    .moveTo(0, y).lineTo(width, y).stroke().undash().restore();
  doc.fontSize(6).fillColor('#888888').text(label, 4 * MM, y - 8, { lineBreak: false });
}
