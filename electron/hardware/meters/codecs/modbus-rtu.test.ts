import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendCrc, crc16Modbus, hasValidCrc } from './crc16';
import {
  decodeModbusReply, decodeRawReply, decodeReadReply, decodeWriteReply, encodeRawRequest, encodeReadHolding, encodeWriteMultiple,
  encodeWriteSingle, FC_ACREL_PREPAID_WRITE, modbusReplyLength,
} from './modbus-rtu';
import {
  encodeExceptionReplyFrame, encodeReadReplyFrame, encodeWriteMultipleReplyFrame, encodeWriteSingleReplyFrame,
  modbusRequestLength, parseModbusRequest,
} from './modbus-slave';
import { flip, fuzzFrames, hex, onlyProtocolErrors, protocolError, toHex } from './test-helpers';

describe('CRC-16/MODBUS (serial line V1.02 §6.2.2)', () => {
  it('matches the catalogue check value and the classic read fixture', () => {
    expect(crc16Modbus(new TextEncoder().encode('123456789'))).toBe(0x4b37);
    expect(toHex(appendCrc(hex('01 03 00 00 00 0A')))).toBe('01 03 00 00 00 0A C5 CD');
    expect(hasValidCrc(hex('01 03 00 00 00 0A C5 CD'))).toBe(true);
    expect(hasValidCrc(hex('01 03 00 00 00 0A CD C5'))).toBe(false);
    expect(hasValidCrc(hex('01 03'))).toBe(false);
  });
});

describe('Modbus master encoders', () => {
  it('FC03 read of the Acrel poll block 0x0200 × 48 (hardware.md §1.3)', () => {
    expect(toHex(encodeReadHolding(1, 0x0000, 10))).toBe('01 03 00 00 00 0A C5 CD');
    expect(toHex(encodeReadHolding(1, 0x0200, 48)).slice(0, 17)).toBe('01 03 02 00 00 30');
  });
  it('FC10 relay trip at 0x0057 {00 01 00 01} (hardware.md §1.4)', () => {
    const frame = encodeWriteMultiple(1, 0x0057, [1, 1]);
    expect(toHex(frame.subarray(0, 11))).toBe('01 10 00 57 00 02 04 00 01 00 01');
    expect(hasValidCrc(frame)).toBe(true);
  });
  it('FC06 and the raw 0xAA path', () => {
    expect(toHex(encodeWriteSingle(2, 0x000a, 0x1234).subarray(0, 6))).toBe('02 06 00 0A 12 34');
    const raw = encodeRawRequest(1, 0xaa, hex('00 46 00 01 02 00 05'));
    expect(toHex(raw.subarray(0, 9))).toBe('01 AA 00 46 00 01 02 00 05');
    expect(toHex(encodeWriteMultiple(1, 0x46, [5], FC_ACREL_PREPAID_WRITE))).toBe(toHex(raw));
  });
  it('rejects out-of-range arguments', () => {
    expect(() => encodeReadHolding(1, 0, 126)).toThrow(RangeError);
    expect(() => encodeWriteMultiple(1, 0, [0x10000])).toThrow(RangeError);
    expect(() => encodeReadHolding(256, 0, 1)).toThrow(RangeError);
  });
});

describe('Modbus reply decoding', () => {
  const request = encodeReadHolding(1, 0x0200, 2);
  it('decodes registers', () => {
    expect(decodeReadReply(request, encodeReadReplyFrame(1, 3, [0x0007, 0xabcd]))).toEqual([7, 0xabcd]);
  });
  it('exception replies throw exception with the code', () => {
    const error = protocolError(() => decodeReadReply(request, encodeExceptionReplyFrame(1, 3, 2)), 'exception');
    expect(error.detail['exceptionCode']).toBe(2);
  });
  it('every error path', () => {
    const good = encodeReadReplyFrame(1, 3, [1, 2]);
    const badCrc = flip(good, 3, 0xff);
    protocolError(() => decodeReadReply(request, badCrc), 'crc');
    protocolError(() => decodeReadReply(request, good.subarray(0, 3)), 'truncated');
    protocolError(() => decodeReadReply(request, encodeReadReplyFrame(2, 3, [1, 2])), 'wrong-address');
    protocolError(() => decodeReadReply(request, encodeReadReplyFrame(1, 4, [1, 2])), 'unexpected-reply');
    protocolError(() => decodeReadReply(request, encodeReadReplyFrame(1, 3, [1])), 'malformed');
    const write = encodeWriteMultiple(1, 0x57, [1, 1]);
    decodeWriteReply(write, encodeWriteMultipleReplyFrame(1, 0x10, 0x57, 2));
    protocolError(() => decodeWriteReply(write, encodeWriteMultipleReplyFrame(1, 0x10, 0x58, 2)), 'unexpected-reply');
    protocolError(() => decodeWriteReply(write, encodeReadReplyFrame(1, 0x10, [1, 2])), 'malformed');
    expect(decodeModbusReply(write, encodeWriteMultipleReplyFrame(1, 0x10, 0x57, 2)).functionCode).toBe(0x10);
    expect(toHex(decodeRawReply(hex('01 41 00 00'), appendCrc(hex('01 41 01 09'))))).toBe('01 09');
  });
});

describe('receive-side framing', () => {
  it('modbusReplyLength: normal, exception, partial, raw', () => {
    const len = modbusReplyLength(encodeReadHolding(1, 0, 10));
    const reply = encodeReadReplyFrame(1, 3, new Array(10).fill(0));
    expect(len(reply.subarray(0, 10))).toBeNull();
    expect(len(reply)).toBe(25);
    expect(len(encodeExceptionReplyFrame(1, 3, 2))).toBe(5);
    expect(modbusReplyLength(encodeWriteSingle(1, 0, 0))(encodeWriteSingleReplyFrame(1, 0, 0))).toBe(8);
    expect(modbusReplyLength(encodeRawRequest(1, 0x41, new Uint8Array(0)))(hex('01 41 02 AA BB 00 00'))).toBe(7);
  });
  it('modbusRequestLength and parse round-trip every request kind', () => {
    const requests = [encodeReadHolding(7, 0x200, 48), encodeWriteSingle(7, 0x0a, 9), encodeWriteMultiple(7, 0x46, [1, 2, 3], 0xaa)];
    for (const request of requests) expect(modbusRequestLength(request)).toBe(request.length);
    expect(parseModbusRequest(requests[0]!)).toEqual({ kind: 'read', unit: 7, functionCode: 3, start: 0x200, count: 48 });
    expect(parseModbusRequest(requests[1]!)).toEqual({ kind: 'write-single', unit: 7, functionCode: 6, register: 0x0a, value: 9 });
    expect(parseModbusRequest(requests[2]!)).toEqual({ kind: 'write-multiple', unit: 7, functionCode: 0xaa, start: 0x46, values: [1, 2, 3] });
    expect(parseModbusRequest(encodeRawRequest(7, 0x41, hex('01')))).toMatchObject({ kind: 'other', functionCode: 0x41 });
    protocolError(() => modbusRequestLength(hex('01 41 00')), 'malformed');
    protocolError(() => parseModbusRequest(hex('01 03 00 00 00 0A C5 CE')), 'crc');
    protocolError(() => parseModbusRequest(appendCrc(hex('01 03 00 00 00'))), 'malformed');
    protocolError(() => parseModbusRequest(appendCrc(hex('01 10 00 00 00 02 02 00 01'))), 'malformed');
  });
  it('master → slave → master round trip (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 247 }), fc.integer({ min: 0, max: 0xff00 }), fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 123 }), (unit, start, values) => {
      const write = encodeWriteMultiple(unit, start, values);
      const parsed = parseModbusRequest(write);
      expect(parsed).toEqual({ kind: 'write-multiple', unit, functionCode: 0x10, start, values });
      decodeWriteReply(write, encodeWriteMultipleReplyFrame(unit, 0x10, start, values.length));
      const read = encodeReadHolding(unit, start, Math.min(values.length, 125));
      expect(decodeReadReply(read, encodeReadReplyFrame(unit, 3, values.slice(0, 125)))).toEqual(values.slice(0, 125));
    }));
  });
});

describe('fuzzing (only ProtocolError, framing never over-claims)', () => {
  const request = encodeReadHolding(1, 0x200, 48);
  const valid = encodeReadReplyFrame(1, 3, new Array(48).fill(0).map((_, i) => i * 1000));
  const input = fuzzFrames(valid);
  it('decoders', () => {
    fc.assert(fc.property(input, (data) => {
      onlyProtocolErrors(() => decodeReadReply(request, data));
      onlyProtocolErrors(() => decodeWriteReply(encodeWriteMultiple(1, 0x57, [1, 1]), data));
      onlyProtocolErrors(() => parseModbusRequest(data));
    }), { numRuns: 2000 });
  });
  it('frame-length functions', () => {
    const replyLength = modbusReplyLength(request);
    fc.assert(fc.property(input, (data) => {
      for (const len of [replyLength, modbusRequestLength, modbusReplyLength(data)]) {
        onlyProtocolErrors(() => {
          const n = len(data);
          if (n !== null) expect(n).toBeGreaterThan(0);
          if (n !== null) expect(n).toBeLessThanOrEqual(data.length);
        });
      }
    }), { numRuns: 2000 });
  });
});
