/**
 * Comparing a rendered page with its reference image: a pure function over two grey-scale rasters, and
 * the glue that rasterises a PDF page with poppler's pdftoppm and reads PNGs (pngjs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { requirePoppler } from './pdf-tools';

export interface Gray {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, row by row, 0 = black. */
  readonly pixels: Uint8Array;
}

/**
 * The share of pixels whose grey levels differ by more than `threshold` (0–255); a different size counts
 * as completely different (1). Anti-aliasing moves edges by a few levels, a moved or missing glyph by far more.
 */
export function diffRatio(a: Gray, b: Gray, threshold = 64): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i++) if (Math.abs((a.pixels[i] ?? 0) - (b.pixels[i] ?? 0)) > threshold) differing += 1;
  return a.pixels.length === 0 ? 0 : differing / a.pixels.length;
}

function toGray(png: PNG): Gray {
  const pixels = new Uint8Array(png.width * png.height);
  // pngjs always decodes to RGBA; the pages are grey, so the red channel is the grey level.
  for (let i = 0; i < pixels.length; i++) pixels[i] = png.data[i * 4] ?? 0;
  return { width: png.width, height: png.height, pixels };
}

export function readPng(file: string): Gray {
  return toGray(PNG.sync.read(readFileSync(file)));
}

/** Page 1 of `pdf` as a grey PNG at `dpi` (pdftoppm -gray -png). */
export function rasterise(pdf: Buffer, dpi = 50): Buffer {
  requirePoppler();
  const dir = mkdtempSync(join(tmpdir(), 'halldesk-raster-'));
  try {
    writeFileSync(join(dir, 'page.pdf'), pdf);
    execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', String(dpi), '-gray', '-png', '-singlefile', join(dir, 'page.pdf'), join(dir, 'page')]);
    return readFileSync(join(dir, 'page.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function grayOfPng(png: Buffer): Gray {
  return toGray(PNG.sync.read(png));
}
