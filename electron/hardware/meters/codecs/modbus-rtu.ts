/**
 * Modbus-RTU, master side (Modbus Application Protocol V1.1b3 "MAP" §6; Modbus over serial line V1.02 §2.5).
 * Pure: builds request frames and checks/decodes reply frames. The slave side (for the simulator) is in
 * modbus-slave.ts. Acrel's non-standard FC 0xAA goes through the raw path (hardware.md §1.3, §7.6).
 */
import { ProtocolError, type FrameLength } from '../meter-port';
import { appendCrc, hasValidCrc } from './crc16';

export const FC_READ_HOLDING = 0x03;
export const FC_READ_INPUT = 0x04;
export const FC_WRITE_SINGLE = 0x06;
export const FC_WRITE_MULTIPLE = 0x10;
/**
 * Acrel's prepaid-parameter write (hardware.md §1.3). [I] Laid out like FC 0x10 (start, quantity, byte count,
 * registers) and answered like FC 0x10 (unit, AA, start, quantity, CRC): confirm on a bench meter.
 */
export const FC_ACREL_PREPAID_WRITE = 0xaa;

/** Modbus exception codes (MAP §7). */
export const MODBUS_EXCEPTIONS: Readonly<Record<number, string>> = {
  1: 'illegal function', 2: 'illegal data address', 3: 'illegal data value', 4: 'server device failure',
  5: 'acknowledge', 6: 'server device busy', 8: 'memory parity error', 10: 'gateway path unavailable',
  11: 'gateway target failed to respond',
};

/** Function codes laid out like FC 0x10 (start, quantity, byte count, values). */
export function isWriteMultipleLayout(functionCode: number): boolean {
  return functionCode === FC_WRITE_MULTIPLE || functionCode === FC_ACREL_PREPAID_WRITE;
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} ${value} is outside ${min}..${max}`);
}

/** 0 = broadcast (MAP serial §2.2), 1..247 unicast; 248..255 are reserved but some gateways use them. */
function checkUnit(unit: number): void {
  checkRange('unit', unit, 0, 255);
}

/** Any function code: unit, fc, data, CRC (serial line §2.3). */
export function encodeRawRequest(unit: number, functionCode: number, data: Uint8Array): Uint8Array {
  checkUnit(unit);
  checkRange('function code', functionCode, 1, 0x7f | 0x80);
  if (data.length > 252) throw new RangeError('a Modbus RTU PDU carries at most 252 data bytes');
  const body = new Uint8Array(2 + data.length);
  body[0] = unit;
  body[1] = functionCode;
  body.set(data, 2);
  return appendCrc(body);
}

function words(...values: number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 2);
  values.forEach((value, i) => { bytes[i * 2] = value >>> 8; bytes[i * 2 + 1] = value & 0xff; });
  return bytes;
}

/** FC03 read holding registers (MAP §6.3) or FC04 read input registers (§6.4): 1..125 registers. */
export function encodeReadHolding(unit: number, start: number, count: number, functionCode = FC_READ_HOLDING): Uint8Array {
  checkRange('start', start, 0, 0xffff);
  checkRange('count', count, 1, 125);
  return encodeRawRequest(unit, functionCode, words(start, count));
}

/** FC06 write single register (MAP §6.6). */
export function encodeWriteSingle(unit: number, register: number, value: number): Uint8Array {
  checkRange('register', register, 0, 0xffff);
  checkRange('value', value, 0, 0xffff);
  return encodeRawRequest(unit, FC_WRITE_SINGLE, words(register, value));
}

/** FC10 write multiple registers (MAP §6.12): 1..123 registers; also FC 0xAA with the same layout. */
export function encodeWriteMultiple(unit: number, start: number, values: readonly number[], functionCode = FC_WRITE_MULTIPLE): Uint8Array {
  checkRange('start', start, 0, 0xffff);
  checkRange('count', values.length, 1, 123);
  values.forEach((value) => checkRange('value', value, 0, 0xffff));
  const data = new Uint8Array(5 + values.length * 2);
  data.set(words(start, values.length), 0);
  data[4] = values.length * 2;
  data.set(words(...values), 5);
  return encodeRawRequest(unit, functionCode, data);
}

/**
 * An exception reply carries fc | 0x80 (MAP §7). For a function code that already has bit 7 set (Acrel's 0xAA)
 * the two cannot be told apart, so its replies are never taken as exceptions [I].
 */
function isExceptionReply(requestFc: number, replyFc: number): boolean {
  return requestFc < 0x80 && replyFc === (requestFc | 0x80);
}

/** Length of a normal reply to `request`, or null when the layout is not known (raw function codes). */
function normalReplyLength(request: Uint8Array): number | null {
  const fc = request[1] ?? 0;
  if (fc === FC_READ_HOLDING || fc === FC_READ_INPUT) return 5 + 2 * (((request[4] ?? 0) << 8) | (request[5] ?? 0));
  if (fc === FC_WRITE_SINGLE || isWriteMultipleLayout(fc)) return 8;
  return null;
}

/**
 * Receive-side framing for the reply to `request`: an exception reply is 5 bytes (MAP §7), a normal one as its
 * function defines. Raw function codes of unknown layout: the byte after the function code is taken as a byte
 * count (the common "unit fc n data[n] crc" shape) [I].
 */
export function modbusReplyLength(request: Uint8Array): FrameLength {
  const expected = normalReplyLength(request);
  const requestFc = request[1] ?? 0;
  return (received) => {
    if (received.length < 2) return null;
    if (isExceptionReply(requestFc, received[1] ?? 0)) return received.length >= 5 ? 5 : null;
    if (expected !== null) return received.length >= expected ? expected : null;
    if (received.length < 3) return null;
    const length = 5 + (received[2] ?? 0);
    return received.length >= length ? length : null;
  };
}

export interface ModbusPdu { readonly unit: number; readonly functionCode: number; readonly data: Uint8Array }

/**
 * Checks CRC, unit and function code of a reply to `request` (serial line §2.4.1; MAP §7). An exception reply
 * (fc | 0x80) throws ProtocolError('exception') with detail.exceptionCode.
 */
export function decodeModbusReply(request: Uint8Array, reply: Uint8Array): ModbusPdu {
  if (reply.length < 4) throw new ProtocolError('truncated', `Modbus reply of ${reply.length} bytes is too short`);
  if (!hasValidCrc(reply)) throw new ProtocolError('crc', 'Modbus reply CRC mismatch');
  const unit = reply[0] ?? 0;
  const functionCode = reply[1] ?? 0;
  if (unit !== request[0]) throw new ProtocolError('wrong-address', `reply from unit ${unit}, asked ${request[0]}`, { unit });
  if (isExceptionReply(request[1] ?? 0, functionCode)) {
    const exceptionCode = reply[2] ?? 0;
    const name = MODBUS_EXCEPTIONS[exceptionCode] ?? 'unknown exception';
    throw new ProtocolError('exception', `Modbus exception ${exceptionCode} (${name})`, { exceptionCode });
  }
  if (functionCode !== request[1]) {
    throw new ProtocolError('unexpected-reply', `reply function ${functionCode}, asked ${request[1]}`, { functionCode });
  }
  return { unit, functionCode, data: reply.subarray(2, reply.length - 2) };
}

/** Registers of an FC03/FC04 reply (MAP §6.3): byte count must be 2 × the requested quantity. */
export function decodeReadReply(request: Uint8Array, reply: Uint8Array): number[] {
  const { data } = decodeModbusReply(request, reply);
  const count = ((request[4] ?? 0) << 8) | (request[5] ?? 0);
  if (data.length < 1 || data[0] !== count * 2 || data.length !== 1 + count * 2) {
    throw new ProtocolError('malformed', `read reply byte count ${data[0]} for ${count} registers`, { byteCount: data[0] });
  }
  const registers: number[] = [];
  for (let i = 0; i < count; i++) registers.push(((data[1 + i * 2] ?? 0) << 8) | (data[2 + i * 2] ?? 0));
  return registers;
}

/** Checks the echo of an FC06 write (value echoed) or FC10 / FC 0xAA write (start and quantity echoed). */
export function decodeWriteReply(request: Uint8Array, reply: Uint8Array): void {
  const { data } = decodeModbusReply(request, reply);
  if (data.length !== 4) throw new ProtocolError('malformed', `write reply carries ${data.length} bytes, expected 4`);
  for (let i = 0; i < 4; i++) {
    if (data[i] !== request[2 + i]) throw new ProtocolError('unexpected-reply', 'write reply does not echo the request');
  }
}

/** Data of a reply to a raw request (everything between the function code and the CRC). */
export function decodeRawReply(request: Uint8Array, reply: Uint8Array): Uint8Array {
  return decodeModbusReply(request, reply).data;
}
