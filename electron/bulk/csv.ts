/**
 * RFC 4180 CSV reading: comma-separated, fields optionally in double quotes ("" inside quotes is one
 * quote, and a quoted field may hold commas and line breaks), CRLF or LF line ends, a UTF-8 byte-order
 * mark tolerated (Excel writes one). Each record carries the physical line it starts on, so a
 * rejected row can be reported by the line number an operator sees in an editor.
 */

export interface SheetRow {
  /** 1-based line (CSV) or row number (XLSX) of the record; the header is normally line 1. */
  readonly line: number;
  readonly cells: readonly string[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Reads the end of a quoted field starting after its opening quote; returns the value and where it ended. */
function quotedField(text: string, start: number): { value: string; end: number; newlines: number } {
  let value = '';
  let from = start;
  let newlines = 0;
  for (;;) {
    const close = text.indexOf('"', from);
    if (close === -1) throw new Error('CSV: a quoted field is not closed');
    const piece = text.slice(from, close);
    for (let i = 0; i < piece.length; i += 1) if (piece.charCodeAt(i) === LF) newlines += 1;
    value += piece;
    if (text.charCodeAt(close + 1) === QUOTE) {
      value += '"';
      from = close + 2;
      continue;
    }
    return { value, end: close + 1, newlines };
  }
}

/** Splits CSV text into records. Blank lines are skipped; a ragged record is returned as it is. */
export function parseCsv(input: string): SheetRow[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: SheetRow[] = [];
  let line = 1;
  let pos = 0;
  while (pos < text.length) {
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(pos) === QUOTE) {
        const field = quotedField(text, pos + 1);
        value = field.value;
        line += field.newlines;
        pos = field.end;
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        const next = nextSeparator(text, pos);
        value += text.slice(pos, next);
        pos = next;
      } else {
        const next = nextSeparator(text, pos);
        value = text.slice(pos, next);
        pos = next;
      }
      cells.push(value);
      const code = text.charCodeAt(pos);
      if (code === COMMA) {
        pos += 1;
        continue;
      }
      pos += code === CR && text.charCodeAt(pos + 1) === LF ? 2 : pos < text.length ? 1 : 0;
      line += 1;
      break;
    }
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: startLine, cells });
  }
  return rows;
}

/** Index of the next comma, CR or LF at or after `from` (or the end of the text). */
function nextSeparator(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF || c === CR) return i;
    i += 1;
  }
  return i;
}

/** One CSV field: quoted when it holds a separator, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',');
}
