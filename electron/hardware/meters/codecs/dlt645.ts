/**
 * DL/T 645-2007 multi-function watt-hour meter communication protocol, frame and master side (hardware.md §2).
 * Frame (§2.1): [FE…] 68 A0..A5 68 C L DATA(each byte +33H) CS 16; address BCD low byte first; CS = sum mod 256
 * from the first 68 to the byte before CS. The slave side (for the simulator) is in dlt645-slave.ts.
 */
import { ProtocolError, type FrameLength } from '../meter-port';
import { addressToBytes, bcdToNumber, bytesToAddress, dateToBcd, preambleFrameLength, skipPreamble, sum8 } from './bcd';

export const DLT645_READ = 0x11;
export const DLT645_WRITE = 0x14;
export const DLT645_BROADCAST_TIME = 0x08;
export const DLT645_CONTROL = 0x1c;
export const DLT645_BROADCAST_ADDRESS = '999999999999';
export const DLT645_WILDCARD_ADDRESS = 'AAAAAAAAAAAA';
/** Control byte bits (§2.1): D7 direction (1 = slave reply), D6 abnormal reply, D5 follow-up frame. */
export const DLT645_REPLY_BIT = 0x80;
export const DLT645_ABNORMAL_BIT = 0x40;

/** Control-command N1 codes (hardware.md §2.3; pitfall §7.8: 1C is direct close, 2A is alarm). */
export const DLT645_N1 = {
  trip: 0x1a, closeAllowed: 0x1b, directClose: 0x1c, alarm: 0x2a, alarmRelease: 0x2b, keepPower: 0x3a, keepPowerRelease: 0x3b,
} as const;

/** Error information byte of an abnormal reply, bit by bit (DL/T 645-2007 §7, "错误信息字 SERR"). */
export const DLT645_ERROR_BITS = ['other', 'no-data', 'password', 'baud-rate', 'year-zones', 'day-periods', 'tariffs'] as const;

/** Data identifiers used by HallDesk (hardware.md §2.2): value length in bytes and decimals of the BCD value. */
export const DLT645_DI = {
  combinedActiveTotal: { di: 0x00000000, bytes: 4, decimals: 2, signed: true },
  forwardActiveTotal: { di: 0x00010000, bytes: 4, decimals: 2, signed: false },
  remainingAmount: { di: 0x00900200, bytes: 4, decimals: 2, signed: false },
  overdraftAmount: { di: 0x00900201, bytes: 4, decimals: 2, signed: false },
  /** "Total purchase count after the last purchase", XXXX (DL/T 645-2007 Appendix A, 0333 group). */
  purchaseCount: { di: 0x03330201, bytes: 2, decimals: 0, signed: false },
} as const;

export interface Dlt645Frame {
  /** 12 digits, most significant first as printed on the nameplate. */
  readonly address: string;
  readonly control: number;
  /** The data field with 33H already removed. */
  readonly data: Uint8Array;
}
export interface Dlt645Auth {
  /** PA P0 P1 P2 in wire order as 8 hex digits (PA = privilege level); default '02000000'. */
  readonly password?: string;
  /** C0..C3 operator code in wire order as 8 hex digits; default '00000000'. */
  readonly operator?: string;
}

const FIXED = 12; // 68 + A0..A5 + 68 + C + L + CS + 16
const MAX_PREAMBLE = 16; // the standard's master sends 4 FE; slaves 0..4 (§2.1); more is noise

/** Receive-side framing for requests and replies: skips any FE preamble (pitfall §7.8), total = FE + 12 + L. */
export const dlt645FrameLength: FrameLength = (received) => {
  const length = preambleFrameLength(received, 9, FIXED, MAX_PREAMBLE);
  const start = skipPreamble(received);
  if (received.length > start + 7 && received[start + 7] !== 0x68) {
    throw new ProtocolError('malformed', 'second 68 missing in DL/T 645 frame');
  }
  return length;
};

function hexBytes(text: string, name: string): Uint8Array {
  if (!/^[0-9A-Fa-f]{8}$/.test(text)) throw new RangeError(`${name} must be 8 hex digits`);
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** A data identifier in wire order (DI0 first, §2.2). */
export function diBytes(di: number): Uint8Array {
  return Uint8Array.of(di & 0xff, (di >>> 8) & 0xff, (di >>> 16) & 0xff, (di >>> 24) & 0xff);
}

export function readDi(data: Uint8Array): number {
  return ((data[0] ?? 0) | ((data[1] ?? 0) << 8) | ((data[2] ?? 0) << 16) | ((data[3] ?? 0) << 24)) >>> 0;
}

/** Builds a frame; `data` is given plain and sent +33H. */
export function encodeDlt645Frame(frame: Dlt645Frame, preamble = 4): Uint8Array {
  if (frame.data.length > 200) throw new RangeError('DL/T 645-2007 data field is at most 200 bytes');
  const bytes = new Uint8Array(preamble + FIXED + frame.data.length);
  bytes.fill(0xfe, 0, preamble);
  const s = preamble;
  bytes[s] = 0x68;
  bytes.set(addressToBytes(frame.address, 6), s + 1);
  bytes[s + 7] = 0x68;
  bytes[s + 8] = frame.control;
  bytes[s + 9] = frame.data.length;
  frame.data.forEach((byte, i) => { bytes[s + 10 + i] = (byte + 0x33) & 0xff; });
  bytes[s + 10 + frame.data.length] = sum8(bytes, s, s + 10 + frame.data.length);
  bytes[s + 11 + frame.data.length] = 0x16;
  return bytes;
}

/** Parses exactly one frame (FE preamble allowed); 'truncated' / 'malformed' / 'checksum' ProtocolErrors. */
export function parseDlt645Frame(bytes: Uint8Array): Dlt645Frame {
  const s = skipPreamble(bytes);
  if (bytes.length - s < FIXED) throw new ProtocolError('truncated', `DL/T 645 frame of ${bytes.length - s} bytes`);
  if (bytes[s] !== 0x68 || bytes[s + 7] !== 0x68) throw new ProtocolError('malformed', 'DL/T 645 frame without 68 … 68');
  const length = bytes[s + 9] ?? 0;
  const total = s + FIXED + length;
  if (bytes.length < total) throw new ProtocolError('truncated', `DL/T 645 frame needs ${total} bytes, got ${bytes.length}`);
  if (bytes.length > total) throw new ProtocolError('malformed', `${bytes.length - total} bytes after the DL/T 645 frame`);
  if (bytes[total - 1] !== 0x16) throw new ProtocolError('malformed', 'DL/T 645 frame does not end with 16');
  if (bytes[total - 2] !== sum8(bytes, s, total - 2)) throw new ProtocolError('checksum', 'DL/T 645 checksum mismatch');
  const data = bytes.slice(s + 10, s + 10 + length).map((byte) => (byte - 0x33) & 0xff);
  return { address: bytesToAddress(bytes.subarray(s + 1, s + 7)), control: bytes[s + 8] ?? 0, data };
}

function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) { out.set(part, offset); offset += part.length; }
  return out;
}

function authBytes(auth: Dlt645Auth = {}): Uint8Array {
  return concat(hexBytes(auth.password ?? '02000000', 'password'), hexBytes(auth.operator ?? '00000000', 'operator'));
}

/** Read data (C = 11H): data = DI (§2.1). */
export function encodeDlt645Read(address: string, di: number): Uint8Array {
  return encodeDlt645Frame({ address, control: DLT645_READ, data: diBytes(di) });
}

/** Write data (C = 14H): DI + password(PA P0 P1 P2) + operator(C0..C3) + value in wire order (§2.3). */
export function encodeDlt645Write(address: string, di: number, value: Uint8Array, auth?: Dlt645Auth): Uint8Array {
  return encodeDlt645Frame({ address, control: DLT645_WRITE, data: concat(diBytes(di), authBytes(auth), value) });
}

/** Broadcast time (C = 08H) to 99…99: ss mm hh DD MM YY; no reply (§2.1). */
export function encodeDlt645BroadcastTime(time: Date): Uint8Array {
  const data = dateToBcd(time, ['s', 'm', 'h', 'D', 'M', 'Y']);
  return encodeDlt645Frame({ address: DLT645_BROADCAST_ADDRESS, control: DLT645_BROADCAST_TIME, data });
}

/** Control (C = 1CH): password + operator + N1 + N2(00) + deadline ss mm hh DD MM YY; L = 16 (§2.3). */
export function encodeDlt645Control(address: string, n1: number, validUntil: Date, auth?: Dlt645Auth): Uint8Array {
  const deadline = dateToBcd(validUntil, ['s', 'm', 'h', 'D', 'M', 'Y']);
  return encodeDlt645Frame({ address, control: DLT645_CONTROL, data: concat(authBytes(auth), Uint8Array.of(n1, 0), deadline) });
}

/** Names of the bits set in an abnormal reply's error byte. */
export function dlt645ErrorNames(errorByte: number): string[] {
  return DLT645_ERROR_BITS.filter((_, bit) => errorByte & (1 << bit));
}

function isWildcard(address: string): boolean {
  return /A/.test(address);
}

/**
 * Checks a reply to `request`: direction bit, function, address (any address answers a wildcard request);
 * an abnormal reply (D6 set) throws ProtocolError('exception') with detail.error (the SERR byte).
 */
export function decodeDlt645Reply(request: Uint8Array, reply: Uint8Array): Dlt645Frame {
  const asked = parseDlt645Frame(request);
  const frame = parseDlt645Frame(reply);
  if (!(frame.control & DLT645_REPLY_BIT) || (frame.control & 0x1f) !== (asked.control & 0x1f)) {
    throw new ProtocolError('unexpected-reply', `control ${frame.control.toString(16)} does not answer ${asked.control.toString(16)}`);
  }
  if (!isWildcard(asked.address) && frame.address !== asked.address) {
    throw new ProtocolError('wrong-address', `reply from ${frame.address}, asked ${asked.address}`, { address: frame.address });
  }
  if (frame.control & DLT645_ABNORMAL_BIT) {
    const error = frame.data[0] ?? 0;
    throw new ProtocolError('exception', `DL/T 645 abnormal reply: ${dlt645ErrorNames(error).join(', ') || 'unspecified'}`, { error });
  }
  return frame;
}

/** The value bytes (after the DI, still in wire order) of a read reply, checked against the requested DI. */
export function decodeDlt645ReadReply(request: Uint8Array, reply: Uint8Array): Uint8Array {
  const asked = parseDlt645Frame(request);
  const frame = decodeDlt645Reply(request, reply);
  if (frame.data.length < 4 || readDi(frame.data) !== readDi(asked.data)) {
    throw new ProtocolError('unexpected-reply', 'read reply carries another data identifier');
  }
  return frame.data.slice(4);
}

/**
 * A BCD value (wire order, low byte first) as an integer in units of its last decimal (XXXXXX.XX → hundredths).
 * Signed formats carry the sign in the top bit of the most significant byte (DL/T 645-2007 Appendix A).
 */
export function decodeDlt645Value(value: Uint8Array, signed = false): number {
  if (!signed || value.length === 0 || !((value[value.length - 1] ?? 0) & 0x80)) return bcdToNumber(value);
  const magnitude = value.slice();
  magnitude[magnitude.length - 1] = (magnitude[magnitude.length - 1] ?? 0) & 0x7f;
  return -bcdToNumber(magnitude);
}
