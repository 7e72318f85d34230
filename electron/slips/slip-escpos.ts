/**
 * 80 mm thermal slips as ESC/POS bytes (issue 7 item 1). The command framing — initialise, alignment,
 * emphasis, the QR code (GS ( k, model 2) and the cut (GS V) — comes from @point-of-sale/receipt-printer-
 * encoder; that library only encodes single-byte code pages, so Chinese text is encoded here in GB18030
 * (iconv-lite) and passed through `raw`, after FS & (enter Chinese character mode) which the printers sold
 * in China (Xprinter, Sprt, Epson TM-T82 China) need for double-byte text.
 *
 * 80 mm paper at font A is 48 columns; a double-byte character takes two. A line is cut to fit, never
 * wrapped mid-value, except notices, which wrap.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import iconv from 'iconv-lite';
import type { CustomerList } from './customer-list';
import type { SlipBody, SlipCell } from './slip-types';

export const THERMAL_COLUMNS = 48;
/** FS &: Chinese (Kanji) character mode on; the encoder's initialize sends FS . (off). */
const FS_CHINESE_ON = [0x1c, 0x26];
/**
 * ESC a n: justification. The encoder centres its own text by padding with spaces, which it cannot do for
 * text it only passes through (`raw`), so the printer is told to centre instead.
 */
const ESC_CENTER = [0x1b, 0x61, 0x01];
const ESC_LEFT = [0x1b, 0x61, 0x00];

function gb(text: string): Uint8Array {
  return iconv.encode(text, 'gb18030');
}

/** Columns a character takes: every double-byte (or four-byte) GB18030 character prints double width. */
function charWidth(ch: string): number {
  return ch.charCodeAt(0) < 0x80 ? 1 : 2;
}

export function displayWidth(text: string): number {
  return [...text].reduce((w, ch) => w + charWidth(ch), 0);
}

/** `text` cut to `columns` (by code point, never half a character), with "…" when cut. */
export function fitColumns(text: string, columns: number = THERMAL_COLUMNS): string {
  if (displayWidth(text) <= columns) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out) + charWidth(ch) + 2 > columns) break;
    out += ch;
  }
  return `${out}…`;
}

/** Wraps `text` into lines of at most `columns`. */
export function wrapColumns(text: string, columns: number = THERMAL_COLUMNS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (displayWidth(line) + charWidth(ch) > columns) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line !== '') lines.push(line);
  return lines;
}

type Encoder = ReceiptPrinterEncoder;

function textLine(enc: Encoder, text: string): void {
  enc.raw(gb(fitColumns(text))).newline();
}

function cellText(cell: SlipCell): string {
  if (cell.label === '') return cell.value;
  return cell.value === '' ? cell.label : `${cell.label}：${cell.value}`;
}

function rule(enc: Encoder): void {
  enc.raw(gb('-'.repeat(THERMAL_COLUMNS))).newline();
}

function heading(enc: Encoder, hallName: string, title: string, copyName: string): void {
  enc.raw(ESC_CENTER).bold(true);
  textLine(enc, hallName);
  textLine(enc, title);
  enc.bold(false);
  textLine(enc, copyName);
  enc.raw(ESC_LEFT);
  rule(enc);
}

function slipCopy(enc: Encoder, slip: SlipBody, copyName: string): void {
  heading(enc, slip.hallName, slip.title, copyName);
  slip.sections.forEach((section, index) => {
    if (index > 0) rule(enc);
    for (const row of section) {
      for (const cell of row.cells) {
        if (cell.label === '' && cell.value === '') continue;
        enc.bold(cell.strong === true);
        textLine(enc, cellText(cell));
      }
    }
    enc.bold(false);
  });
  rule(enc);
  for (const notice of slip.notices) for (const line of wrapColumns(notice)) textLine(enc, line);
  enc.align('center').qrcode(slip.qr.text, { model: 2, size: 6, errorlevel: 'm' });
  enc.raw(ESC_CENTER);
  textLine(enc, slip.qr.caption);
  textLine(enc, slip.qr.text);
  enc.raw(ESC_LEFT).align('left').cut('partial');
}

function encoder(): Encoder {
  // feedBeforeCut: the cutter sits a few lines above the print head; feed the last line past it.
  const enc = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: THERMAL_COLUMNS, newline: '\n', feedBeforeCut: 4 });
  enc.initialize().raw(FS_CHINESE_ON);
  return enc;
}

/** A slip (payment or recharge) as ESC/POS: each copy printed and cut in turn. */
export function renderSlipEscPos(slip: SlipBody, copies: readonly string[]): Buffer {
  const enc = encoder();
  for (const copy of copies) slipCopy(enc, slip, copy);
  return Buffer.from(enc.encode());
}

/** The customer list as ESC/POS: each customer on four short lines, each copy cut. */
export function renderCustomerListEscPos(list: CustomerList): Buffer {
  const enc = encoder();
  for (const copy of list.copies) {
    heading(enc, list.hallName, list.title, copy);
    textLine(enc, list.heading);
    rule(enc);
    if (list.rows.length === 0) textLine(enc, list.empty);
    for (const row of list.rows) {
      const [index = '', accountNo = '', name = '', phone = '', address = '', meterNo = '', amount = '', note = ''] = row;
      const [, cAccount = '', , cPhone = '', , cMeter = '', cAmount = '', cNote = ''] = list.columns;
      enc.bold(true);
      textLine(enc, `${index}. ${name}  ${cAccount} ${accountNo}`);
      enc.bold(false);
      textLine(enc, `${cPhone} ${phone}  ${cMeter} ${meterNo}`);
      textLine(enc, `${address}  ${cAmount} ${amount}`);
      if (note !== '') textLine(enc, `${cNote}：${note}`);
      rule(enc);
    }
    textLine(enc, list.footer);
    enc.cut('partial');
  }
  return Buffer.from(enc.encode());
}
