/**
 * renderSlipPdf: a PaymentSlip → PDF bytes, for two forms.
 *
 *  - 'a4': plain A4 (210 × 297 mm) carries the three copies one under another, each a 210 × 99 mm part
 *    headed by its copy name (第一联 客户联, 第二联 存根联, 第三联 记账联), with dashed cut lines at 99 and
 *    198 mm.
 *  - 'continuous241': the 241 mm three-ply carbon form, one third of an 11-inch fold (241 × 93.1 mm), which
 *    a dot-matrix printer prints ONCE through all three plies. So the page is one part, and since the same
 *    impression lands on every ply, its copy line names all three ("一式三联：第一联 客户联 / 第二联 存根联
 *    / 第三联 记账联"), as pre-printed three-ply forms do; each ply is then known by its colour and position.
 *
 * Every part has the same layout, so a part is drawn into a rectangle (slip-layout.ts) and the forms only
 * differ in page size and how many rectangles they hold.
 */
import { cutLine, MM, renderPdf } from './pdf-doc';
import { drawPart } from './slip-layout';
import { qrMatrix } from './slip-qr';
import type { PaymentSlip, SlipForm } from './slip-types';

export { MM } from './pdf-doc';

interface FormGeometry {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly parts: 1 | 3;
}

export const FORM_GEOMETRY: Readonly<Record<SlipForm, FormGeometry>> = {
  a4: { widthMm: 210, heightMm: 297, parts: 3 },
  continuous241: { widthMm: 241, heightMm: 93.1, parts: 1 },
};

export interface RenderOptions {
  /** Where resources/fonts lives; defaults to the project's (or HALLDESK_RESOURCES_DIR). */
  readonly resourcesDir?: string;
  /** The PDF's creation date; the sale's time makes a reprint carry the original date. */
  readonly createdAt?: Date;
}

function drawForm(doc: PDFKit.PDFDocument, slip: PaymentSlip, form: SlipForm): void {
  const geometry = FORM_GEOMETRY[form];
  const qr = qrMatrix(slip.qr.text);
  const width = geometry.widthMm * MM;
  const partHeight = (geometry.heightMm * MM) / geometry.parts;
  if (geometry.parts === 1) {
    drawPart(doc, slip, qr, { x: 0, y: 0, width, height: partHeight }, slip.pliesLine);
    return;
  }
  slip.copies.forEach((copy, index) => {
    drawPart(doc, slip, qr, { x: 0, y: index * partHeight, width, height: partHeight }, copy);
    if (index > 0) cutLine(doc, index * partHeight, width, slip.cutLine);
  });
}

/** The slip as a PDF, with the CJK font embedded as a subset of the glyphs it uses. */
export function renderSlipPdf(slip: PaymentSlip, form: SlipForm, options: RenderOptions = {}): Promise<Buffer> {
  const geometry = FORM_GEOMETRY[form];
  return renderPdf({
    widthMm: geometry.widthMm, heightMm: geometry.heightMm, language: slip.language, title: `${slip.title} ${slip.receiptNo}`,
    author: slip.hallName, ...(options.createdAt ? { createdAt: options.createdAt } : {}), ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
  }, (doc) => drawForm(doc, slip, form));
}
