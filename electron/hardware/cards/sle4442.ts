/**
 * SLE4442 through ACR38-class readers: the PC/SC pseudo-APDUs (hardware.md §4.1) as pure builders and reply
 * parsers. No I/O: every driver and every simulator uses these, so the bytes are written down once.
 *
 *   FF A4 00 00 01 06        select SLE4432/4442/5532/5542
 *   FF B0 00 aa nn           read nn bytes (00 = 256) from aa         → data 90 00
 *   FF D0 00 aa nn data      write nn bytes at aa                     → 90 00
 *   FF 20 00 00 03 psc       present the PSC                          → 90 EC (EC 07 = OK, 00 = locked)
 *   FF B1 00 00 00           read the error counter                   → EC p1 p2 p3 90 00 (p = PSC, 00 while locked)
 */
import { CardError } from './card-port';

export const SLE4442_SIZE = 256;
export const PSC_LENGTH = 3;
/** Bytes 0..31 can be write-protected for ever (protection memory); card layouts start after them. */
export const PROTECTED_AREA_END = 32;
/** The ATR of an SLE4442 as ACR38 readers report it (pcsc-tools' list; pcsc.md §2). */
export const SLE4442_ATR = Uint8Array.of(0x3b, 0x04, 0xa2, 0x13, 0x10, 0x91);
/** Bytes per FF D0 write: small enough that a removal leaves whole chunks, big enough to be quick. */
export const WRITE_CHUNK = 32;
/** A full error counter: three tries (3 bits, hardware.md §4.1). */
export const FULL_ERROR_COUNTER = 0x07;

export const SW_OK = 0x9000;

export const selectApdu = (): Uint8Array => Uint8Array.of(0xff, 0xa4, 0x00, 0x00, 0x01, 0x06);
export const readErrorCounterApdu = (): Uint8Array => Uint8Array.of(0xff, 0xb1, 0x00, 0x00, 0x00);

function checkRange(address: number, length: number, max: number): void {
  if (!Number.isInteger(address) || !Number.isInteger(length) || address < 0 || length < 1 || length > max || address + length > SLE4442_SIZE) {
    throw new RangeError(`SLE4442 range ${address}+${length} is outside 0..${SLE4442_SIZE - 1} (max ${max} bytes per APDU)`);
  }
}

export function readApdu(address: number, length: number): Uint8Array {
  checkRange(address, length, SLE4442_SIZE);
  return Uint8Array.of(0xff, 0xb0, 0x00, address, length === SLE4442_SIZE ? 0 : length);
}

export function writeApdu(address: number, data: Uint8Array): Uint8Array {
  checkRange(address, data.length, 255);
  return Uint8Array.of(0xff, 0xd0, 0x00, address, data.length, ...data);
}

export function presentPscApdu(psc: Uint8Array): Uint8Array {
  if (psc.length !== PSC_LENGTH) throw new RangeError(`an SLE4442 PSC is ${PSC_LENGTH} bytes, got ${psc.length}`);
  return Uint8Array.of(0xff, 0x20, 0x00, 0x00, PSC_LENGTH, ...psc);
}

/** Tries left for an error counter: its set bits among the low three (07 → 3, 03 → 2, 01 → 1, 00 → 0). */
export function triesLeft(errorCounter: number): number {
  return [1, 2, 4].filter((bit) => (errorCounter & bit) !== 0).length;
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();

export function statusWord(reply: Uint8Array): number {
  if (reply.length < 2) throw new CardError('transmit-failed', `reply too short (${reply.length} bytes): ${hex(reply)}`);
  return (reply[reply.length - 2]! << 8) | reply[reply.length - 1]!;
}

function expectOk(reply: Uint8Array, what: string): void {
  const sw = statusWord(reply);
  if (sw !== SW_OK) throw new CardError('transmit-failed', `${what}: status ${sw.toString(16).toUpperCase().padStart(4, '0')}`);
}

export function parseSelect(reply: Uint8Array): void {
  expectOk(reply, 'select card type');
}

export function parseWrite(reply: Uint8Array): void {
  expectOk(reply, 'write');
}

/** Data of a read; the reader may append 4 protection bytes (hardware.md §4.1), which are dropped. */
export function parseRead(reply: Uint8Array, length: number): Uint8Array {
  expectOk(reply, 'read');
  const data = reply.subarray(0, reply.length - 2);
  if (data.length !== length && data.length !== length + 4) {
    throw new CardError('transmit-failed', `read: expected ${length} bytes, got ${data.length}`);
  }
  return data.slice(0, length);
}

export function parseErrorCounter(reply: Uint8Array): number {
  expectOk(reply, 'read error counter');
  if (reply.length < 3) throw new CardError('transmit-failed', 'read error counter: no counter byte in the reply');
  return reply[0]!;
}

/** FF 20 answers 90 EC: EC 07 accepted; anything else refused, EC says the tries left. */
export function parsePresentPsc(reply: Uint8Array): { accepted: boolean; errorCounter: number } {
  if (reply.length !== 2 || reply[0] !== 0x90) {
    throw new CardError('transmit-failed', `present PSC: unexpected reply ${hex(reply)}`);
  }
  const errorCounter = reply[1]!;
  return { accepted: errorCounter === FULL_ERROR_COUNTER, errorCounter };
}
