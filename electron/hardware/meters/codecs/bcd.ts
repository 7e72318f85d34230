/**
 * BCD and checksum helpers shared by DL/T 645-2007 (hardware.md §2.1) and CJ/T 188-2004 (§3.1): values are
 * packed BCD sent low byte first; CS is the byte sum mod 256 from the first 68H to the byte before CS.
 */
import { ProtocolError } from '../meter-port';

/** Sum mod 256 of bytes[start, end). */
export function sum8(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum = (sum + (bytes[i] ?? 0)) & 0xff;
  return sum;
}

/** Unsigned packed BCD, low byte first, to a number. Invalid nibbles throw ProtocolError('malformed'). */
export function bcdToNumber(bytes: Uint8Array): number {
  let value = 0;
  for (let i = bytes.length - 1; i >= 0; i--) {
    const byte = bytes[i] ?? 0;
    const hi = byte >>> 4;
    const lo = byte & 0x0f;
    if (hi > 9 || lo > 9) throw new ProtocolError('malformed', `byte ${byte.toString(16)} is not BCD`, { byte });
    value = value * 100 + hi * 10 + lo;
  }
  return value;
}

/** A non-negative integer as `length` bytes of packed BCD, low byte first. */
export function numberToBcd(value: number, length: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 100 ** length) {
    throw new RangeError(`${value} does not fit ${length} BCD bytes`);
  }
  const bytes = new Uint8Array(length);
  let rest = value;
  for (let i = 0; i < length; i++) {
    const pair = rest % 100;
    bytes[i] = ((Math.floor(pair / 10)) << 4) | (pair % 10);
    rest = Math.floor(rest / 100);
  }
  return bytes;
}

/** A meter address printed as digits (most significant first) to wire bytes (low byte first). */
export function addressToBytes(address: string, length: number): Uint8Array {
  const digits = address.trim();
  if (!new RegExp(`^[0-9A-Fa-f]{${length * 2}}$`).test(digits)) {
    throw new RangeError(`address '${address}' must be ${length * 2} digits`);
  }
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[length - 1 - i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Wire bytes (low byte first) to the printed address (most significant first, upper-case hex digits). */
export function bytesToAddress(bytes: Uint8Array): string {
  let text = '';
  for (let i = bytes.length - 1; i >= 0; i--) text += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return text.toUpperCase();
}

/** A date as BCD bytes in the given field order (e.g. ['s','m','h','D','M','Y']), Y = two-digit year. */
export function dateToBcd(time: Date, fields: readonly DateField[]): Uint8Array {
  const values: Record<DateField, number> = {
    s: time.getSeconds(), m: time.getMinutes(), h: time.getHours(), D: time.getDate(), M: time.getMonth() + 1,
    Y: time.getFullYear() % 100, C: Math.floor(time.getFullYear() / 100), W: time.getDay(),
  };
  return Uint8Array.from(fields.map((field) => numberToBcd(values[field], 1)[0] ?? 0));
}

/** C = century (the "20" of 2024), W = weekday 0..6. */
export type DateField = 's' | 'm' | 'h' | 'D' | 'M' | 'Y' | 'C' | 'W';

/** BCD bytes in the given field order to a local Date; impossible dates throw ProtocolError('malformed'). */
export function bcdToDate(bytes: Uint8Array, fields: readonly DateField[]): Date {
  const v: Partial<Record<DateField, number>> = {};
  fields.forEach((field, i) => { v[field] = bcdToNumber(bytes.subarray(i, i + 1)); });
  const year = (v.C ?? 20) * 100 + (v.Y ?? 0);
  const date = new Date(year, (v.M ?? 1) - 1, v.D ?? 1, v.h ?? 0, v.m ?? 0, v.s ?? 0);
  if (date.getMonth() !== (v.M ?? 1) - 1 || date.getDate() !== (v.D ?? 1) || (v.h ?? 0) > 23 || (v.m ?? 0) > 59 || (v.s ?? 0) > 59) {
    throw new ProtocolError('malformed', 'BCD date out of range');
  }
  return date;
}

/**
 * Receive-side framing shared by DL/T 645 and CJ/T 188: skips up to `maxPreamble` FE bytes, expects 68H, reads
 * L at `lengthOffset` (from the 68H) and answers preamble + fixed + L. Never claims more than it has seen.
 */
export function preambleFrameLength(received: Uint8Array, lengthOffset: number, fixed: number, maxPreamble = 16): number | null {
  let n = 0;
  while (n < received.length && received[n] === 0xfe) {
    n++;
    if (n > maxPreamble) throw new ProtocolError('malformed', `more than ${maxPreamble} FE preamble bytes`);
  }
  if (n >= received.length) return null;
  if (received[n] !== 0x68) throw new ProtocolError('malformed', `frame starts with ${(received[n] ?? 0).toString(16)}, not 68`);
  if (received.length <= n + lengthOffset) return null;
  const total = n + fixed + (received[n + lengthOffset] ?? 0);
  return received.length >= total ? total : null;
}

/** Index of the first 68H after the FE preamble (the frame start). */
export function skipPreamble(bytes: Uint8Array): number {
  let n = 0;
  while (n < bytes.length && bytes[n] === 0xfe) n++;
  return n;
}
