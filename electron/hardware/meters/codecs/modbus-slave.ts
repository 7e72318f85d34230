/**
 * Modbus-RTU, slave side, for the meter simulator (MAP V1.1b3 §6, §7; serial line V1.02 §2.5).
 */
import { ProtocolError, type FrameLength } from '../meter-port';
import { appendCrc, hasValidCrc } from './crc16';
import { FC_READ_HOLDING, FC_READ_INPUT, FC_WRITE_SINGLE, isWriteMultipleLayout } from './modbus-rtu';

export type ModbusRequest =
  | { readonly kind: 'read'; readonly unit: number; readonly functionCode: number; readonly start: number; readonly count: number }
  | { readonly kind: 'write-single'; readonly unit: number; readonly functionCode: number; readonly register: number; readonly value: number }
  /** FC 0x10, and Acrel's FC 0xAA with the same layout [I]. */
  | { readonly kind: 'write-multiple'; readonly unit: number; readonly functionCode: number; readonly start: number; readonly values: readonly number[] }
  /** Any other function code (answered with exception 01 by a well-behaved slave). */
  | { readonly kind: 'other'; readonly unit: number; readonly functionCode: number; readonly data: Uint8Array };

/**
 * Receive-side framing of a request: FC 03/04/06 are 8 bytes, FC 10/AA are 9 + byte count. Other function
 * codes have no length a slave can know, so they are 'malformed' (a real slave resyncs on t3.5 silence).
 */
export const modbusRequestLength: FrameLength = (received) => {
  if (received.length < 2) return null;
  const fc = received[1] ?? 0;
  if (fc === FC_READ_HOLDING || fc === FC_READ_INPUT || fc === FC_WRITE_SINGLE) return received.length >= 8 ? 8 : null;
  if (isWriteMultipleLayout(fc)) {
    if (received.length < 7) return null;
    const length = 9 + (received[6] ?? 0);
    return received.length >= length ? length : null;
  }
  throw new ProtocolError('malformed', `unsupported Modbus function code ${fc}`, { functionCode: fc });
};

function word(frame: Uint8Array, offset: number): number {
  return ((frame[offset] ?? 0) << 8) | (frame[offset + 1] ?? 0);
}

function parseWriteMultiple(frame: Uint8Array, unit: number, functionCode: number): ModbusRequest {
  const start = word(frame, 2);
  const count = word(frame, 4);
  const byteCount = frame[6] ?? 0;
  if (frame.length < 9 || byteCount !== count * 2 || frame.length !== 9 + byteCount) {
    throw new ProtocolError('malformed', `write of ${count} registers with byte count ${byteCount}`);
  }
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(word(frame, 7 + i * 2));
  return { kind: 'write-multiple', unit, functionCode, start, values };
}

/** Parses a request frame; CRC errors throw ProtocolError('crc'), bad layouts ProtocolError('malformed'). */
export function parseModbusRequest(frame: Uint8Array): ModbusRequest {
  if (frame.length < 4) throw new ProtocolError('truncated', `Modbus request of ${frame.length} bytes`);
  if (!hasValidCrc(frame)) throw new ProtocolError('crc', 'Modbus request CRC mismatch');
  const unit = frame[0] ?? 0;
  const functionCode = frame[1] ?? 0;
  if (isWriteMultipleLayout(functionCode)) return parseWriteMultiple(frame, unit, functionCode);
  const fixed = functionCode === FC_READ_HOLDING || functionCode === FC_READ_INPUT || functionCode === FC_WRITE_SINGLE;
  if (!fixed) return { kind: 'other', unit, functionCode, data: frame.slice(2, frame.length - 2) };
  if (frame.length !== 8) throw new ProtocolError('malformed', `function ${functionCode} request of ${frame.length} bytes`);
  if (functionCode === FC_WRITE_SINGLE) return { kind: 'write-single', unit, functionCode, register: word(frame, 2), value: word(frame, 4) };
  return { kind: 'read', unit, functionCode, start: word(frame, 2), count: word(frame, 4) };
}

function frameOf(...parts: readonly (number | readonly number[])[]): Uint8Array {
  return appendCrc(Uint8Array.from(parts.flat()));
}

const hiLo = (value: number): number[] => [(value >>> 8) & 0xff, value & 0xff];

/** FC03/04 reply: unit, fc, byte count, registers (MAP §6.3). */
export function encodeReadReplyFrame(unit: number, functionCode: number, registers: readonly number[]): Uint8Array {
  if (registers.length > 125) throw new RangeError('at most 125 registers per read reply');
  return frameOf(unit, functionCode, registers.length * 2, registers.flatMap(hiLo));
}

/** FC06 reply: an echo of the request (MAP §6.6). */
export function encodeWriteSingleReplyFrame(unit: number, register: number, value: number): Uint8Array {
  return frameOf(unit, FC_WRITE_SINGLE, hiLo(register), hiLo(value));
}

/** FC10 (and FC 0xAA [I]) reply: unit, fc, start, quantity (MAP §6.12). */
export function encodeWriteMultipleReplyFrame(unit: number, functionCode: number, start: number, count: number): Uint8Array {
  return frameOf(unit, functionCode, hiLo(start), hiLo(count));
}

/** Exception reply: unit, fc | 0x80, exception code (MAP §7). */
export function encodeExceptionReplyFrame(unit: number, functionCode: number, exceptionCode: number): Uint8Array {
  return frameOf(unit, (functionCode | 0x80) & 0xff, exceptionCode & 0xff);
}
