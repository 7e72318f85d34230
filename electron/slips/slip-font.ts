/**
 * The slip's CJK font: WenQuanYi Micro Hei, bundled in resources/fonts (licence: resources/fonts/README.md).
 *
 * pdfkit parses a font file afresh for every document, and parsing this 5 MB collection costs far more than
 * drawing a slip (about 100 ms against 15 ms). So the file is parsed once per process with fontkit, the
 * font engine pdfkit itself uses, and the parsed font is handed to each document: pdfkit 0.20 accepts a
 * fontkit font wherever it takes a font file (PDFFontFactory.open: `typeof src.layout === 'function'`),
 * and still embeds only the subset of glyphs each document uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SLIP_FONT_FILE = join('fonts', 'wqy-microhei.ttc');
/** The face's PostScript name; a .ttc needs it to pick the face (toolchain notes §3). */
export const SLIP_FONT_FACE = 'WenQuanYiMicroHei';

/** What HallDesk needs of a fontkit font: pdfkit only checks `layout`. */
export interface ParsedFont {
  layout(text: string): unknown;
}
interface Fontkit {
  create(buffer: Uint8Array, postscriptName?: string): unknown;
}

/**
 * The resources folder: HALLDESK_RESOURCES_DIR when set (the packaged app sets it to
 * process.resourcesPath/resources, where electron-builder's extraResources puts it), else the project's
 * own resources/ folder.
 */
export function defaultResourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.HALLDESK_RESOURCES_DIR;
  if (configured) return configured;
  // electron/slips/ in the sources and out/main/ in a build are both two levels below the project root.
  return fileURLToPath(new URL('../../resources', import.meta.url));
}

/**
 * fontkit as pdfkit resolves it: it is pdfkit's own dependency, so asking on pdfkit's behalf always finds
 * the copy (and version) pdfkit was built against, without HallDesk declaring a second font engine.
 */
function pdfkitsFontkit(): Fontkit {
  const here = createRequire(import.meta.url);
  const fromPdfkit = createRequire(here.resolve('pdfkit'));
  return fromPdfkit('fontkit') as Fontkit;
}

const parsed = new Map<string, ParsedFont>();

/** The parsed slip font from `resourcesDir`, read and parsed on first use and kept for the process. */
export function slipFont(resourcesDir: string = defaultResourcesDir()): ParsedFont {
  const file = join(resourcesDir, SLIP_FONT_FILE);
  const cached = parsed.get(file);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`slip font missing at ${file} (resources/fonts/README.md says where it comes from)`, { cause: error });
  }
  const font = pdfkitsFontkit().create(bytes, SLIP_FONT_FACE) as Partial<ParsedFont> | null;
  if (!font || typeof font.layout !== 'function') throw new Error(`${file} has no face named ${SLIP_FONT_FACE}`);
  parsed.set(file, font as ParsedFont);
  return font as ParsedFont;
}
