/**
 * The slip's QR code as vector rectangles: the `qrcode` package computes the module matrix, and each run
 * of dark modules in a row becomes one filled rectangle. No canvas and no bitmap, so the code stays sharp
 * on a dot-matrix or laser printer and costs a few hundred bytes of PDF.
 */
import QRCode from 'qrcode';

export interface QrRun {
  readonly row: number;
  readonly col: number;
  readonly length: number;
}

export interface QrMatrix {
  /** Modules per side (21 for version 1, 29 for version 3, ...). */
  readonly size: number;
  readonly runs: readonly QrRun[];
}

/** Error correction M (15 %): survives a crease or a faint ribbon, and keeps the slip's code at version 3. */
export function qrMatrix(text: string): QrMatrix {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const runs: QrRun[] = [];
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && data[row * size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size, runs };
}

/** The drawing surface the QR needs (a pdfkit document provides it). */
export interface RectPainter {
  rect(x: number, y: number, w: number, h: number): unknown;
  fill(color?: string): unknown;
}

/**
 * Draws the code in a square of `side` points at (x, y), a quiet zone of two modules included (the paper
 * around it is blank anyway, and the standard's four would shrink the modules on a small slip).
 */
export function drawQr(painter: RectPainter, matrix: QrMatrix, x: number, y: number, side: number): void {
  const quiet = 2;
  const module = side / (matrix.size + 2 * quiet);
  const origin = { x: x + quiet * module, y: y + quiet * module };
  for (const run of matrix.runs) {
    painter.rect(origin.x + run.col * module, origin.y + run.row * module, run.length * module, module);
  }
  painter.fill('#000000');
}
