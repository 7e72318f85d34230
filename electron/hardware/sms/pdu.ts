/**
 * SMS-SUBMIT PDUs for AT+CMGF=0 (3GPP TS 23.040 §9.2.2.2, TS 23.038 for the alphabets): GSM 7-bit default
 * alphabet when every character is in the basic subset we map, UCS-2 (DCS 0x08) otherwise — Chinese text.
 * A long message is split into parts with the concatenation information element (IEI 0x00, 8-bit reference,
 * 23.040 §9.2.3.24.1): 153 septets or 67 UCS-2 characters per part (160 / 70 for a single part).
 */

/** GSM 03.38 default alphabet positions that differ from ASCII; the rest of the subset is ASCII itself. */
const GSM_SPECIAL: Readonly<Record<string, number>> = { '@': 0x00, '$': 0x02, '_': 0x11 };
const GSM_ASCII = /^[A-Za-z0-9 \n\r!"#%&'()*+,\-./:;<=>?]$/;

export type SmsAlphabet = 'gsm7' | 'ucs2';

export function alphabetOf(text: string): SmsAlphabet {
  return [...text].every((ch) => ch in GSM_SPECIAL || GSM_ASCII.test(ch)) ? 'gsm7' : 'ucs2';
}

function septetsOf(text: string): number[] {
  return [...text].map((ch) => GSM_SPECIAL[ch] ?? ch.charCodeAt(0));
}

/** Packs septets LSB-first starting `fillBits` bits in (the fill after a UDH keeps septets aligned). */
export function packSeptets(septets: readonly number[], fillBits = 0): Buffer {
  const totalBits = fillBits + septets.length * 7;
  const out = Buffer.alloc(Math.ceil(totalBits / 8));
  septets.forEach((septet, i) => {
    const bit = fillBits + i * 7;
    const byte = bit >> 3;
    const shift = bit & 7;
    out[byte]! |= (septet << shift) & 0xff;
    if (shift > 1) out[byte + 1]! |= septet >> (8 - shift);
  });
  return out;
}

function ucs2(text: string): Buffer {
  const out = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i += 1) out.writeUInt16BE(text.charCodeAt(i), i * 2);
  return out;
}

/** Destination address: digit count, type (0x91 international with '+', 0x81 otherwise), swapped semi-octets. */
export function encodeAddress(phone: string): string {
  const international = phone.trim().startsWith('+');
  const digits = phone.replace(/[^0-9]/g, '');
  const padded = digits.length % 2 ? `${digits}F` : digits;
  let swapped = '';
  for (let i = 0; i < padded.length; i += 2) swapped += padded[i + 1]! + padded[i]!;
  return hex(digits.length) + (international ? '91' : '81') + swapped;
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

export interface SubmitPart {
  /** The whole PDU in hex, starting with the SMSC length octet ("00": the SIM's SMSC). */
  readonly pdu: string;
  /** The length AT+CMGS takes: the TPDU octets, without the SMSC part. */
  readonly tpduLength: number;
}

export interface Concat { readonly reference: number; readonly total: number; readonly seq: number }

/** One SMS-SUBMIT; `chunk` is already within a part's size. VP relative 0xAA (4 days). */
export function submitPdu(phone: string, chunk: string, alphabet: SmsAlphabet, concat: Concat | null): SubmitPart {
  const udh = concat ? Buffer.from([0x05, 0x00, 0x03, concat.reference & 0xff, concat.total, concat.seq]) : Buffer.alloc(0);
  let ud: Buffer;
  let udl: number;
  if (alphabet === 'gsm7') {
    const septets = septetsOf(chunk);
    const fill = udh.length ? (7 - ((udh.length * 8) % 7)) % 7 : 0;
    ud = Buffer.concat([udh, packSeptets(septets, fill)]);
    udl = septets.length + Math.ceil((udh.length * 8) / 7);
  } else {
    ud = Buffer.concat([udh, ucs2(chunk)]);
    udl = ud.length;
  }
  // First octet: SMS-SUBMIT (MTI 01), VPF relative (bit 4), UDHI (bit 6) when a header is present.
  const first = 0x11 | (concat ? 0x40 : 0);
  const tpdu = hex(first) + '00' + encodeAddress(phone) + '00' + (alphabet === 'gsm7' ? '00' : '08') + 'AA' + hex(udl) + ud.toString('hex').toUpperCase();
  return { pdu: `00${tpdu}`, tpduLength: tpdu.length / 2 };
}

/** Splits a text into parts: 160/153 septets (GSM 7-bit) or 70/67 UCS-2 code units. Never splits a surrogate pair. */
export function splitText(text: string, alphabet: SmsAlphabet): string[] {
  const [single, multi] = alphabet === 'gsm7' ? [160, 153] : [70, 67];
  if (text.length <= single) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    let cut = Math.min(multi, rest.length);
    const code = rest.charCodeAt(cut - 1);
    if (cut < rest.length && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return parts;
}

/** Every PDU of a message; `reference` (0–255) ties the parts of a long message together. */
export function encodeMessage(phone: string, text: string, reference: number): SubmitPart[] {
  const alphabet = alphabetOf(text);
  const chunks = splitText(text, alphabet);
  if (chunks.length > 255) throw new Error('message too long: more than 255 parts');
  return chunks.map((chunk, i) => submitPdu(phone, chunk, alphabet, chunks.length > 1 ? { reference, total: chunks.length, seq: i + 1 } : null));
}

export interface StatusReport { readonly reference: number; readonly delivered: boolean; readonly status: number }

/** An SMS-STATUS-REPORT (23.040 §9.2.2.3) as +CDS gives it in PDU mode: the message reference and its status. */
export function decodeStatusReport(pduHex: string): StatusReport {
  const b = Buffer.from(pduHex, 'hex');
  let i = 1 + b[0]!; // SMSC length octet and address
  i += 1; // first octet
  const reference = b[i]!;
  i += 1;
  const digits = b[i]!;
  i += 2 + Math.ceil(digits / 2) + 7 + 7; // RA length, type, digits, SCTS, DT
  const status = b[i] ?? 0xff;
  // TP-ST 0x00–0x1F: short message transaction completed (delivered); 23.040 §9.2.3.15.
  return { reference, delivered: status <= 0x1f, status };
}
