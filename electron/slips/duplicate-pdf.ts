/**
 * The duplicate recharge slip as a PDF:
 *  - 'a4': the two copies one under the other, each a 210 × 148.5 mm half with a cut line between;
 *  - 'continuous241': one 241 × 93.1 mm part printed once through a two-ply form, its copy line naming
 *    both plies (as the payment slip does on the three-ply form, slip-pdf.ts).
 */
import { cutLine, MM, renderPdf } from './pdf-doc';
import type { DuplicateSlip } from './recharge-slip';
import { drawPart } from './slip-layout';
import { qrMatrix } from './slip-qr';

export type PdfForm = 'a4' | 'continuous241';

const SIZE: Readonly<Record<PdfForm, { widthMm: number; heightMm: number }>> = {
  a4: { widthMm: 210, heightMm: 297 },
  continuous241: { widthMm: 241, heightMm: 93.1 },
};

export function renderDuplicatePdf(slip: DuplicateSlip, form: PdfForm, options: { createdAt?: Date; resourcesDir?: string } = {}): Promise<Buffer> {
  const size = SIZE[form];
  return renderPdf({
    ...size, language: slip.language, title: `${slip.title} ${slip.receiptNo}`, author: slip.hallName, ...options,
  }, (doc) => {
    const qr = qrMatrix(slip.qr.text);
    const width = size.widthMm * MM;
    if (form === 'continuous241') {
      drawPart(doc, slip, qr, { x: 0, y: 0, width, height: size.heightMm * MM }, slip.pliesLine);
      return;
    }
    const half = (size.heightMm * MM) / 2;
    slip.copies.forEach((copy, index) => drawPart(doc, slip, qr, { x: 0, y: index * half, width, height: half }, copy));
    cutLine(doc, half, width, slip.cutLine);
  });
}
