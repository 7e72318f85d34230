/**
 * CJ/T 188-2004 household meter data transmission (water meters), both sides (hardware.md §3.1).
 * Frame: [FE…] 68 T A0..A6 C L DI(2, low byte first) SER DATA CS 16; total = L + 13 from the 68; CS = sum mod 256
 * from 68 to the byte before CS; the data field is NOT +33H-scrambled (unlike DL/T 645).
 */
import { ProtocolError, type FrameLength, type MeterReading } from '../meter-port';
import { addressToBytes, bcdToDate, bcdToNumber, bytesToAddress, dateToBcd, numberToBcd, preambleFrameLength, skipPreamble, sum8 } from './bcd';

export const CJT188_READ = 0x01;
export const CJT188_WRITE = 0x04;
export const CJT188_DI_METERING = 0x901f;
export const CJT188_DI_VALVE = 0xa017;
/** T: 10 cold water, 11 domestic hot water, 12 drinking water, 13 reclaimed water (§3.1). */
export const CJT188_COLD_WATER = 0x10;
export const CJT188_WILDCARD_ADDRESS = 'AAAAAAAAAAAAAA';
/** Valve data byte of A017 (§3.1). */
export const CJT188_VALVE_OPEN = 0x55;
export const CJT188_VALVE_CLOSE = 0x99;
/** Unit codes (§3.1): 2C m³, 29 L, 35 m³/h. */
export const CJT188_UNIT_M3 = 0x2c;
export const CJT188_UNIT_L = 0x29;

export interface Cjt188Frame {
  readonly meterType: number;
  /** 14 digits, most significant first. */
  readonly address: string;
  readonly control: number;
  readonly di: number;
  readonly ser: number;
  /** Data after DI and SER (for abnormal replies: the bytes after SER, i.e. ST). */
  readonly payload: Uint8Array;
}

const FIXED = 13;
const MAX_PREAMBLE = 16;

/** Receive-side framing for requests and replies: skips FE, total = FE + 13 + L. */
export const cjt188FrameLength: FrameLength = (received) => preambleFrameLength(received, 10, FIXED, MAX_PREAMBLE);

/** Builds a frame. Abnormal replies (C bit 6) carry SER + payload without a DI. */
export function encodeCjt188Frame(frame: Cjt188Frame, preamble = 2): Uint8Array {
  const abnormal = (frame.control & 0x40) !== 0;
  const head = abnormal ? [frame.ser & 0xff] : [frame.di & 0xff, (frame.di >>> 8) & 0xff, frame.ser & 0xff];
  const data = Uint8Array.from([...head, ...frame.payload]);
  if (data.length > 255) throw new RangeError('CJ/T 188 data field too long');
  const bytes = new Uint8Array(preamble + FIXED + data.length);
  bytes.fill(0xfe, 0, preamble);
  const s = preamble;
  bytes[s] = 0x68;
  bytes[s + 1] = frame.meterType;
  bytes.set(addressToBytes(frame.address, 7), s + 2);
  bytes[s + 9] = frame.control;
  bytes[s + 10] = data.length;
  bytes.set(data, s + 11);
  bytes[s + 11 + data.length] = sum8(bytes, s, s + 11 + data.length);
  bytes[s + 12 + data.length] = 0x16;
  return bytes;
}

/** Parses exactly one frame (FE preamble allowed): 'truncated' / 'malformed' / 'checksum' ProtocolErrors. */
export function parseCjt188Frame(bytes: Uint8Array): Cjt188Frame {
  const s = skipPreamble(bytes);
  if (bytes.length - s < FIXED) throw new ProtocolError('truncated', `CJ/T 188 frame of ${bytes.length - s} bytes`);
  if (bytes[s] !== 0x68) throw new ProtocolError('malformed', 'CJ/T 188 frame without 68');
  const length = bytes[s + 10] ?? 0;
  const total = s + FIXED + length;
  if (bytes.length < total) throw new ProtocolError('truncated', `CJ/T 188 frame needs ${total} bytes, got ${bytes.length}`);
  if (bytes.length > total) throw new ProtocolError('malformed', `${bytes.length - total} bytes after the CJ/T 188 frame`);
  if (bytes[total - 1] !== 0x16) throw new ProtocolError('malformed', 'CJ/T 188 frame does not end with 16');
  if (bytes[total - 2] !== sum8(bytes, s, total - 2)) throw new ProtocolError('checksum', 'CJ/T 188 checksum mismatch');
  const control = bytes[s + 9] ?? 0;
  const data = bytes.slice(s + 11, s + 11 + length);
  const base = { meterType: bytes[s + 1] ?? 0, address: bytesToAddress(bytes.subarray(s + 2, s + 9)), control };
  if (control & 0x40) {
    if (data.length < 1) throw new ProtocolError('malformed', 'CJ/T 188 abnormal reply without SER');
    return { ...base, di: 0, ser: data[0] ?? 0, payload: data.slice(1) };
  }
  if (data.length < 3) throw new ProtocolError('malformed', `CJ/T 188 data field of ${data.length} bytes has no DI and SER`);
  return { ...base, di: (data[0] ?? 0) | ((data[1] ?? 0) << 8), ser: data[2] ?? 0, payload: data.slice(3) };
}

/** Read data (C = 01): DI + SER. */
export function encodeCjt188Read(meterType: number, address: string, di = CJT188_DI_METERING, ser = 0): Uint8Array {
  return encodeCjt188Frame({ meterType, address, control: CJT188_READ, di, ser, payload: new Uint8Array(0) });
}

/** Valve control (C = 04, DI A017): 55 open, 99 close. */
export function encodeCjt188Valve(meterType: number, address: string, action: 'open' | 'close', ser = 0): Uint8Array {
  const payload = Uint8Array.of(action === 'open' ? CJT188_VALVE_OPEN : CJT188_VALVE_CLOSE);
  return encodeCjt188Frame({ meterType, address, control: CJT188_WRITE, di: CJT188_DI_VALVE, ser, payload });
}

/**
 * Checks a reply to `request`: C = request C | 80H, address (any for a wildcard request), DI and SER. An abnormal
 * reply (C | C0H, data SER + ST [I]) throws ProtocolError('exception') with detail.status.
 */
export function decodeCjt188Reply(request: Uint8Array, reply: Uint8Array): Cjt188Frame {
  const asked = parseCjt188Frame(request);
  const frame = parseCjt188Frame(reply);
  if ((frame.control & 0xbf) !== ((asked.control | 0x80) & 0xbf)) {
    throw new ProtocolError('unexpected-reply', `control ${frame.control.toString(16)} does not answer ${asked.control.toString(16)}`);
  }
  if (!/A/.test(asked.address) && frame.address !== asked.address) {
    throw new ProtocolError('wrong-address', `reply from ${frame.address}, asked ${asked.address}`, { address: frame.address });
  }
  if (frame.control & 0x40) {
    const status = (frame.payload[0] ?? 0) | ((frame.payload[1] ?? 0) << 8);
    throw new ProtocolError('exception', `CJ/T 188 abnormal reply, status ${status.toString(16)}`, { status });
  }
  if (frame.di !== asked.di || frame.ser !== asked.ser) {
    throw new ProtocolError('unexpected-reply', 'CJ/T 188 reply carries another DI or SER');
  }
  return frame;
}

/** ST word (§3.1): D0–D1 valve 00 open / 01 closed / 11 abnormal; D2 battery low. Vendor bits kept raw. */
export function decodeCjt188Status(status: number): { valve: 'open' | 'closed' | 'unknown'; flags: string[] } {
  const bits = status & 0x03;
  const valve = bits === 0 ? 'open' : bits === 1 ? 'closed' : 'unknown';
  const flags: string[] = [];
  if (bits === 3) flags.push('valve-fault');
  if (status & 0x04) flags.push('battery-low');
  return { valve, flags };
}

export function encodeCjt188Status(valve: 'open' | 'closed' | 'fault', batteryLow = false): number {
  return (valve === 'open' ? 0 : valve === 'closed' ? 1 : 3) | (batteryLow ? 0x04 : 0);
}

/** A flow value (XXXXXX.XX + unit) in 0.01 m³; null for units other than m³ and L. */
function flowHundredthsM3(value: number, unit: number): number | null {
  if (unit === CJT188_UNIT_M3) return value;
  if (unit === CJT188_UNIT_L) return Math.round(value / 1000);
  return null;
}

/** [I] The 7-byte clock is taken low byte first like every CJ/T 188 value: ss mm hh DD MM YY CC. */
const CLOCK_FIELDS = ['s', 'm', 'h', 'D', 'M', 'Y', 'C'] as const;

/** Decodes the 901F payload (after DI and SER): flow(4)+unit, settlement flow(4)+unit, clock(7), ST(2). */
export function decodeCjt188Metering(payload: Uint8Array): MeterReading {
  if (payload.length < 19) throw new ProtocolError('malformed', `901F data of ${payload.length} bytes, expected 19`);
  const total = flowHundredthsM3(bcdToNumber(payload.subarray(0, 4)), payload[4] ?? 0);
  const settlement = flowHundredthsM3(bcdToNumber(payload.subarray(5, 9)), payload[9] ?? 0);
  const status = (payload[17] ?? 0) | ((payload[18] ?? 0) << 8);
  const { valve, flags } = decodeCjt188Status(status);
  const extra: Record<string, number> = { status, unit: payload[4] ?? 0 };
  if (settlement !== null) extra['settlementTotal'] = settlement;
  try {
    extra['clock'] = bcdToDate(payload.subarray(10, 17), CLOCK_FIELDS).getTime();
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    flags.push('clock-invalid');
  }
  return { total, remaining: null, overdraft: null, purchaseCount: null, relay: null, valve, flags, extra };
}

export interface Cjt188MeteringValues {
  /** 0.01 m³. */
  readonly total: number;
  readonly settlementTotal: number;
  readonly clock: Date;
  readonly status: number;
}

/** Encodes the 901F payload (slave side), in m³. */
export function encodeCjt188Metering(values: Cjt188MeteringValues): Uint8Array {
  return Uint8Array.from([
    ...numberToBcd(values.total, 4), CJT188_UNIT_M3, ...numberToBcd(values.settlementTotal, 4), CJT188_UNIT_M3,
    ...dateToBcd(values.clock, CLOCK_FIELDS), values.status & 0xff, (values.status >>> 8) & 0xff,
  ]);
}

export type Cjt188Request =
  | { readonly kind: 'read'; readonly meterType: number; readonly address: string; readonly di: number; readonly ser: number }
  | { readonly kind: 'write'; readonly meterType: number; readonly address: string; readonly di: number; readonly ser: number; readonly value: Uint8Array }
  | { readonly kind: 'other'; readonly meterType: number; readonly address: string; readonly control: number; readonly di: number; readonly ser: number; readonly value: Uint8Array };

/** Parses a master's request (slave side). A reply frame throws ProtocolError('unexpected-reply'). */
export function parseCjt188Request(bytes: Uint8Array): Cjt188Request {
  const frame = parseCjt188Frame(bytes);
  if (frame.control & 0x80) throw new ProtocolError('unexpected-reply', 'a reply frame where a request was expected');
  const base = { meterType: frame.meterType, address: frame.address, di: frame.di, ser: frame.ser };
  if (frame.control === CJT188_READ) return { kind: 'read', ...base };
  if (frame.control === CJT188_WRITE) return { kind: 'write', ...base, value: frame.payload };
  return { kind: 'other', ...base, control: frame.control, value: frame.payload };
}

/** Normal reply: C | 80H, DI + SER + payload. A valve write's reply payload is ST (2 bytes). */
export function encodeCjt188Reply(meterType: number, address: string, requestControl: number, di: number, ser: number, payload: Uint8Array, preamble = 0): Uint8Array {
  return encodeCjt188Frame({ meterType, address, control: (requestControl | 0x80) & 0xbf, di, ser, payload }, preamble);
}

/** Abnormal reply [I]: C | C0H, SER + ST. */
export function encodeCjt188ErrorReply(meterType: number, address: string, requestControl: number, ser: number, status: number, preamble = 0): Uint8Array {
  const payload = Uint8Array.of(status & 0xff, (status >>> 8) & 0xff);
  return encodeCjt188Frame({ meterType, address, control: (requestControl | 0xc0) & 0xff, di: 0, ser, payload }, preamble);
}
