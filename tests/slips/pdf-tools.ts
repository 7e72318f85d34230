/**
 * Reading PDFs in tests with poppler's pdftotext and pdffonts (Debian package poppler-utils). A missing
 * tool FAILS every test that reads a PDF, naming the package to install: a slip test that silently
 * skipped would pass a slip nobody has read. (The check runs inside the tests, not in a beforeAll hook,
 * because vitest reports the tests of a failed hook as skipped.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let popplerFound = false;

export function requirePoppler(): void {
  if (popplerFound) return;
  for (const tool of ['pdftotext', 'pdffonts']) {
    const probe = spawnSync(tool, ['-v'], { encoding: 'utf8' });
    if (probe.error) {
      throw new Error(`${tool} is not installed, and the slip tests read every PDF with it. `
        + 'Install the Debian package poppler-utils: apt-get install -y --no-install-recommends poppler-utils');
    }
  }
  popplerFound = true;
}

function withPdfFile<T>(pdf: Buffer, work: (file: string) => T): T {
  requirePoppler();
  const dir = mkdtempSync(join(tmpdir(), 'halldesk-slip-'));
  try {
    const file = join(dir, 'slip.pdf');
    writeFileSync(file, pdf);
    return work(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text in reading order, one page after another. */
export function pdfText(pdf: Buffer): string {
  return withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** The PDF's text in content order (pdftotext -raw), which keeps the single spaces -layout drops between CJK and digits. */
export function pdfRawText(pdf: Buffer): string {
  return withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

function requireZbar(): void {
  if (spawnSync('zbarimg', ['--version'], { encoding: 'utf8' }).error) {
    throw new Error('zbarimg is not installed, and the slip tests scan the printed QR codes with it. '
      + 'Install the Debian package zbar-tools: apt-get install -y --no-install-recommends zbar-tools');
  }
}

/** Every QR code on the PDF's first page, as a scanner reads it from a 200 dpi rendering. */
export function scanQrCodes(pdf: Buffer): string[] {
  requireZbar();
  return withPdfFile(pdf, (file) => {
    execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', '-singlefile', file, `${file}-page`]);
    // zbarimg complains on stderr when there is no D-Bus (containers); only its stdout matters.
    const out = execFileSync('zbarimg', ['-q', '--raw', '-Sdisable', '-Sqrcode.enable', `${file}-page.png`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').filter((line) => line !== '');
  });
}

export interface PdfFont {
  readonly name: string;
  readonly type: string;
  readonly embedded: boolean;
  readonly subset: boolean;
  readonly unicode: boolean;
}

/** pdffonts' table: name, type, encoding, then emb/sub/uni as yes/no. */
export function pdfFonts(pdf: Buffer): PdfFont[] {
  const out = withPdfFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out.split('\n').slice(2).filter((line) => line.trim() !== '').map((line) => {
    const words = line.trim().split(/\s+/);
    const flags = words.slice(-5, -2);
    return {
      name: words[0] ?? '', type: words.slice(1, -6).join(' '),
      embedded: flags[0] === 'yes', subset: flags[1] === 'yes', unicode: flags[2] === 'yes',
    };
  });
}

/** The page count pdfinfo would print, read from the PDF's page tree without another tool. */
export function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}
