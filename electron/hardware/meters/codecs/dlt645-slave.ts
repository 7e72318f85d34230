/**
 * DL/T 645-2007, slave side for the meter simulator (hardware.md §2.1–2.3): parse a master's request and encode
 * normal (C | 80H) and abnormal (C | C0H, one error byte) replies.
 */
import { ProtocolError } from '../meter-port';
import { bcdToDate, numberToBcd } from './bcd';
import {
  DLT645_ABNORMAL_BIT, DLT645_BROADCAST_TIME, DLT645_CONTROL, DLT645_READ, DLT645_REPLY_BIT, DLT645_WRITE,
  diBytes, encodeDlt645Frame, parseDlt645Frame, readDi,
} from './dlt645';

export type Dlt645Request =
  | { readonly kind: 'read'; readonly address: string; readonly di: number }
  | { readonly kind: 'write'; readonly address: string; readonly di: number; readonly password: string; readonly operator: string; readonly value: Uint8Array }
  | { readonly kind: 'broadcast-time'; readonly address: string; readonly time: Date }
  | { readonly kind: 'control'; readonly address: string; readonly password: string; readonly operator: string; readonly n1: number; readonly validUntil: Date }
  | { readonly kind: 'other'; readonly address: string; readonly control: number; readonly data: Uint8Array };

const DATE_FIELDS = ['s', 'm', 'h', 'D', 'M', 'Y'] as const;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('').toUpperCase();
}

function need(data: Uint8Array, length: number, what: string, exact = true): void {
  if (exact ? data.length !== length : data.length < length) {
    throw new ProtocolError('malformed', `${what} with ${data.length} data bytes`);
  }
}

/** Parses a master's request frame (FE preamble allowed). A reply frame throws ProtocolError('unexpected-reply'). */
export function parseDlt645Request(bytes: Uint8Array): Dlt645Request {
  const { address, control, data } = parseDlt645Frame(bytes);
  if (control & DLT645_REPLY_BIT) throw new ProtocolError('unexpected-reply', 'a reply frame where a request was expected');
  switch (control) {
    case DLT645_READ:
      need(data, 4, 'read', false);
      return { kind: 'read', address, di: readDi(data) };
    case DLT645_WRITE:
      need(data, 12, 'write', false);
      return {
        kind: 'write', address, di: readDi(data), password: hex(data.subarray(4, 8)), operator: hex(data.subarray(8, 12)),
        value: data.slice(12),
      };
    case DLT645_BROADCAST_TIME:
      need(data, 6, 'broadcast time');
      return { kind: 'broadcast-time', address, time: bcdToDate(data, DATE_FIELDS) };
    case DLT645_CONTROL:
      need(data, 16, 'control');
      return {
        kind: 'control', address, password: hex(data.subarray(0, 4)), operator: hex(data.subarray(4, 8)),
        n1: data[8] ?? 0, validUntil: bcdToDate(data.subarray(10, 16), DATE_FIELDS),
      };
    default:
      return { kind: 'other', address, control, data };
  }
}

/** Normal reply: C = request C | 80H with `data` (plain; sent +33H). Write and control replies carry none. */
export function encodeDlt645Reply(address: string, requestControl: number, data: Uint8Array = new Uint8Array(0), preamble = 0): Uint8Array {
  return encodeDlt645Frame({ address, control: (requestControl | DLT645_REPLY_BIT) & 0xff, data }, preamble);
}

/** Read reply: DI + value (value in wire order: BCD low byte first). */
export function encodeDlt645ReadReply(address: string, di: number, value: Uint8Array, preamble = 0): Uint8Array {
  const data = new Uint8Array(4 + value.length);
  data.set(diBytes(di));
  data.set(value, 4);
  return encodeDlt645Reply(address, DLT645_READ, data, preamble);
}

/** Abnormal reply: C = request C | C0H, data = the error byte (SERR). */
export function encodeDlt645ErrorReply(address: string, requestControl: number, errorByte: number, preamble = 0): Uint8Array {
  const control = (requestControl | DLT645_REPLY_BIT | DLT645_ABNORMAL_BIT) & 0xff;
  return encodeDlt645Frame({ address, control, data: Uint8Array.of(errorByte & 0xff) }, preamble);
}

/** A value for a read reply: an integer in units of the DI's last decimal as `bytes` BCD bytes (sign in the top bit). */
export function encodeDlt645Value(value: number, bytes: number, signed = false): Uint8Array {
  const encoded = numberToBcd(Math.abs(value), bytes);
  if (!signed) return encoded;
  if ((encoded[bytes - 1] ?? 0) & 0x80) throw new RangeError(`${value} does not fit ${bytes} signed BCD bytes`);
  if (value < 0) encoded[bytes - 1] = (encoded[bytes - 1] ?? 0) | 0x80;
  return encoded;
}
