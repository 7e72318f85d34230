import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DLT645_DI, DLT645_N1, decodeDlt645ReadReply, decodeDlt645Reply, decodeDlt645Value, dlt645ErrorNames, dlt645FrameLength,
  encodeDlt645BroadcastTime, encodeDlt645Control, encodeDlt645Frame, encodeDlt645Read, encodeDlt645Write, parseDlt645Frame,
} from './dlt645';
import { encodeDlt645ErrorReply, encodeDlt645ReadReply, encodeDlt645Reply, encodeDlt645Value, parseDlt645Request } from './dlt645-slave';
import { flip, frameLengthIsSafe, fuzzFrames, hex, onlyProtocolErrors, protocolError, toHex } from './test-helpers';

const ADDR = '123456789012';

describe('DL/T 645-2007 frames (hardware.md §2.1)', () => {
  it('the well-known read-address and read-energy broadcast frames', () => {
    expect(toHex(encodeDlt645Frame({ address: 'AAAAAAAAAAAA', control: 0x13, data: new Uint8Array(0) })))
      .toBe('FE FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16');
    expect(toHex(encodeDlt645Read('AAAAAAAAAAAA', 0x00000000))).toBe('FE FE FE FE 68 AA AA AA AA AA AA 68 11 04 33 33 33 33 AD 16');
  });
  it('address low byte first, DI0 first, +33H', () => {
    const frame = encodeDlt645Read(ADDR, DLT645_DI.remainingAmount.di);
    expect(toHex(frame.subarray(4, 18))).toBe('68 12 90 78 56 34 12 68 11 04 33 35 C3 33');
    expect(parseDlt645Frame(frame)).toEqual({ address: ADDR, control: 0x11, data: hex('00 02 90 00') });
  });
  it('control 1CH: L = 16, N1, N2 = 00, deadline ss mm hh DD MM YY (§2.3)', () => {
    const frame = parseDlt645Frame(encodeDlt645Control(ADDR, DLT645_N1.trip, new Date(2025, 0, 31, 23, 59, 59), { password: '02123456', operator: '01020304' }));
    expect(frame.control).toBe(0x1c);
    expect(toHex(frame.data)).toBe('02 12 34 56 01 02 03 04 1A 00 59 59 23 31 01 25');
    expect(DLT645_N1).toMatchObject({ directClose: 0x1c, alarm: 0x2a, closeAllowed: 0x1b, keepPower: 0x3a, keepPowerRelease: 0x3b });
  });
  it('write 14H and broadcast time 08H', () => {
    const write = parseDlt645Frame(encodeDlt645Write(ADDR, 0x04001001, hex('00 10 00 00')));
    expect(toHex(write.data)).toBe('01 10 00 04 02 00 00 00 00 00 00 00 00 10 00 00');
    const time = parseDlt645Frame(encodeDlt645BroadcastTime(new Date(2024, 11, 31, 8, 30, 5)));
    expect(time).toMatchObject({ address: '999999999999', control: 0x08 });
    expect(toHex(time.data)).toBe('05 30 08 31 12 24');
  });
  it('frame length skips a variable FE preamble and works for requests and replies', () => {
    for (const preamble of [0, 1, 4, 7]) {
      const reply = encodeDlt645ReadReply(ADDR, 0x00900200, hex('45 23 01 00'), preamble);
      expect(dlt645FrameLength(reply)).toBe(reply.length);
      expect(dlt645FrameLength(reply.subarray(0, reply.length - 1))).toBeNull();
    }
    expect(dlt645FrameLength(hex('FE FE'))).toBeNull();
    protocolError(() => dlt645FrameLength(hex('FE 69')), 'malformed');
    protocolError(() => dlt645FrameLength(hex('68 00 00 00 00 00 00 67 11 00')), 'malformed');
    protocolError(() => dlt645FrameLength(new Uint8Array(20).fill(0xfe)), 'malformed');
  });
});

describe('DL/T 645 replies', () => {
  const request = encodeDlt645Read(ADDR, DLT645_DI.remainingAmount.di);
  it('decodes a read reply value (XXXXXX.XX → fen)', () => {
    const value = decodeDlt645ReadReply(request, encodeDlt645ReadReply(ADDR, 0x00900200, encodeDlt645Value(1234567, 4), 2));
    expect(decodeDlt645Value(value)).toBe(1234567);
    expect(decodeDlt645Value(encodeDlt645Value(-12345, 4, true), true)).toBe(-12345);
  });
  it('abnormal reply → exception with the error byte', () => {
    const error = protocolError(() => decodeDlt645ReadReply(request, encodeDlt645ErrorReply(ADDR, 0x11, 0x02)), 'exception');
    expect(error.detail['error']).toBe(2);
    expect(dlt645ErrorNames(0x05)).toEqual(['other', 'password']);
  });
  it('every error path', () => {
    const good = encodeDlt645ReadReply(ADDR, 0x00900200, hex('00 00 00 00'));
    const badSum = flip(good, -2);
    protocolError(() => decodeDlt645ReadReply(request, badSum), 'checksum');
    const badEnd = good.slice(); badEnd[good.length - 1] = 0x17;
    protocolError(() => decodeDlt645ReadReply(request, badEnd), 'malformed');
    protocolError(() => decodeDlt645ReadReply(request, good.subarray(0, good.length - 3)), 'truncated');
    protocolError(() => decodeDlt645ReadReply(request, hex('68 00 00 00 00 00 00 68 91 00 00 00 16')), 'malformed');
    protocolError(() => decodeDlt645ReadReply(request, encodeDlt645ReadReply('000000000001', 0x00900200, hex('00 00 00 00'))), 'wrong-address');
    protocolError(() => decodeDlt645ReadReply(request, encodeDlt645ReadReply(ADDR, 0x00900201, hex('00 00 00 00'))), 'unexpected-reply');
    protocolError(() => decodeDlt645ReadReply(request, encodeDlt645Reply(ADDR, 0x14)), 'unexpected-reply');
    protocolError(() => decodeDlt645ReadReply(request, request), 'unexpected-reply');
    protocolError(() => decodeDlt645ReadReply(request, encodeDlt645ReadReply(ADDR, 0x00900200, hex('AB 00 00 00'))).valueOf() && decodeDlt645Value(hex('AB')), 'malformed');
    protocolError(() => parseDlt645Frame(new Uint8Array([...good, 0x00])), 'malformed');
    expect(decodeDlt645Reply(encodeDlt645Read('AAAAAAAAAAAA', 0), encodeDlt645ReadReply(ADDR, 0, hex('00 00 00 00'))).address).toBe(ADDR);
  });
});

describe('slave side round trips', () => {
  it('parses every request kind', () => {
    expect(parseDlt645Request(encodeDlt645Read(ADDR, 0x03330201))).toEqual({ kind: 'read', address: ADDR, di: 0x03330201 });
    expect(parseDlt645Request(encodeDlt645Write(ADDR, 0x04001001, hex('01 02')))).toMatchObject({ kind: 'write', di: 0x04001001, password: '02000000', value: hex('01 02') });
    const until = new Date(2025, 5, 1, 12, 0, 0);
    expect(parseDlt645Request(encodeDlt645Control(ADDR, 0x3a, until))).toMatchObject({ kind: 'control', n1: 0x3a, validUntil: until });
    const time = new Date(2024, 1, 29, 0, 0, 1);
    expect(parseDlt645Request(encodeDlt645BroadcastTime(time))).toEqual({ kind: 'broadcast-time', address: '999999999999', time });
    expect(parseDlt645Request(encodeDlt645Frame({ address: ADDR, control: 0x13, data: new Uint8Array(0) }))).toMatchObject({ kind: 'other', control: 0x13 });
    protocolError(() => parseDlt645Request(encodeDlt645Reply(ADDR, 0x11)), 'unexpected-reply');
    protocolError(() => parseDlt645Request(encodeDlt645Frame({ address: ADDR, control: 0x1c, data: new Uint8Array(3) })), 'malformed');
    protocolError(() => parseDlt645Request(encodeDlt645Frame({ address: ADDR, control: 0x08, data: hex('00 00 00 32 13 24') })), 'malformed');
  });
  it('value round trip (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 4 }), (value, preamble) => {
      const request = encodeDlt645Read(ADDR, 0x00000000);
      const reply = encodeDlt645ReadReply(ADDR, 0, encodeDlt645Value(value % 80_000_000, 4, true), preamble);
      expect(dlt645FrameLength(reply)).toBe(reply.length);
      expect(decodeDlt645Value(decodeDlt645ReadReply(request, reply), true)).toBe(value % 80_000_000);
    }));
  });
});

describe('fuzzing (only ProtocolError, framing never over-claims)', () => {
  const request = encodeDlt645Read(ADDR, 0x00900200);
  const valid = encodeDlt645ReadReply(ADDR, 0x00900200, hex('45 23 01 00'), 3);
  const input = fuzzFrames(valid);
  it('decoders', () => {
    fc.assert(fc.property(input, (data) => {
      onlyProtocolErrors(() => decodeDlt645Value(decodeDlt645ReadReply(request, data), true));
      onlyProtocolErrors(() => parseDlt645Request(data));
    }), { numRuns: 3000 });
  });
  it('frame length', () => {
    fc.assert(fc.property(input, (data) => frameLengthIsSafe(dlt645FrameLength, data)), { numRuns: 3000 });
  });
});
