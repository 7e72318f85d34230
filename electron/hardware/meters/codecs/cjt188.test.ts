import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cjt188FrameLength, decodeCjt188Metering, decodeCjt188Reply, encodeCjt188ErrorReply, encodeCjt188Frame, encodeCjt188Metering,
  encodeCjt188Read, encodeCjt188Reply, encodeCjt188Status, encodeCjt188Valve, parseCjt188Frame, parseCjt188Request,
} from './cjt188';
import { sum8 } from './bcd';
import { flip, frameLengthIsSafe, fuzzFrames, hex, onlyProtocolErrors, protocolError, toHex } from './test-helpers';

const ADDR = '00000012345678';

describe('CJ/T 188-2004 frames (hardware.md §3.1)', () => {
  it('close-valve frame: FE FE 68 10 A0..A6 04 04 17 A0 SER 99 CS 16', () => {
    const frame = encodeCjt188Valve(0x10, ADDR, 'close', 0x01);
    const cs = sum8(frame, 2, frame.length - 2);
    expect(toHex(frame)).toBe(`FE FE 68 10 78 56 34 12 00 00 00 04 04 17 A0 01 99 ${cs.toString(16).toUpperCase().padStart(2, '0')} 16`);
    expect(frame.length).toBe(2 + 4 + 13);
    expect(encodeCjt188Valve(0x10, ADDR, 'open')[16]).toBe(0x55);
  });
  it('read 901F: C = 01, L = 03, DI low byte first', () => {
    expect(toHex(encodeCjt188Read(0x10, ADDR).subarray(11, 16))).toBe('01 03 1F 90 00');
  });
  it('frame length with a variable preamble', () => {
    for (const preamble of [0, 2, 5]) {
      const frame = encodeCjt188Frame({ meterType: 0x10, address: ADDR, control: 0x81, di: 0x901f, ser: 0, payload: new Uint8Array(19) }, preamble);
      expect(cjt188FrameLength(frame)).toBe(frame.length);
      expect(cjt188FrameLength(frame.subarray(0, frame.length - 1))).toBeNull();
    }
    protocolError(() => cjt188FrameLength(hex('FE 00')), 'malformed');
  });
});

describe('901F metering reply', () => {
  const clock = new Date(2024, 6, 15, 10, 20, 30);
  const payload = encodeCjt188Metering({ total: 123456, settlementTotal: 120000, clock, status: encodeCjt188Status('closed', true) });
  it('layout: flow(4)+2C, settlement(4)+2C, clock(7), ST(2)', () => {
    expect(toHex(payload)).toBe('56 34 12 00 2C 00 00 12 00 2C 30 20 10 15 07 24 20 05 00');
  });
  it('decodes total, valve, flags and extras', () => {
    const reading = decodeCjt188Metering(payload);
    expect(reading).toMatchObject({ total: 123456, valve: 'closed', relay: null, flags: ['battery-low'] });
    expect(reading.extra).toMatchObject({ settlementTotal: 120000, clock: clock.getTime(), status: 5 });
    const litres = payload.slice(); litres.set([0x29], 4);
    expect(decodeCjt188Metering(litres).total).toBe(123);
    const badClock = payload.slice(); badClock.set([0x13], 14);
    expect(decodeCjt188Metering(badClock).flags).toContain('clock-invalid');
    expect(decodeCjt188Metering(encodeCjt188Metering({ total: 0, settlementTotal: 0, clock, status: 3 })).valve).toBe('unknown');
  });
  it('master ↔ slave round trip and error paths', () => {
    const request = encodeCjt188Read(0x10, ADDR, 0x901f, 7);
    const parsed = parseCjt188Request(request);
    expect(parsed).toEqual({ kind: 'read', meterType: 0x10, address: ADDR, di: 0x901f, ser: 7 });
    const reply = encodeCjt188Reply(0x10, ADDR, 0x01, 0x901f, 7, payload, 2);
    expect(decodeCjt188Metering(decodeCjt188Reply(request, reply).payload).total).toBe(123456);
    const error = protocolError(() => decodeCjt188Reply(request, encodeCjt188ErrorReply(0x10, ADDR, 0x01, 7, 0x0003)), 'exception');
    expect(error.detail['status']).toBe(3);
    const bad = flip(reply, -2);
    protocolError(() => decodeCjt188Reply(request, bad), 'checksum');
    protocolError(() => decodeCjt188Reply(request, reply.subarray(0, 10)), 'truncated');
    protocolError(() => decodeCjt188Reply(request, encodeCjt188Reply(0x10, '00000000000001', 0x01, 0x901f, 7, payload)), 'wrong-address');
    protocolError(() => decodeCjt188Reply(request, encodeCjt188Reply(0x10, ADDR, 0x01, 0x901f, 8, payload)), 'unexpected-reply');
    protocolError(() => decodeCjt188Reply(request, encodeCjt188Reply(0x10, ADDR, 0x04, 0x901f, 7, payload)), 'unexpected-reply');
    protocolError(() => decodeCjt188Metering(payload.subarray(0, 10)), 'malformed');
    protocolError(() => parseCjt188Request(reply), 'unexpected-reply');
    const endless = reply.slice(); endless[endless.length - 1] = 0;
    protocolError(() => parseCjt188Frame(endless), 'malformed');
    protocolError(() => parseCjt188Frame(new Uint8Array([...reply, 0])), 'malformed');
  });
  it('valve write round trip', () => {
    const request = encodeCjt188Valve(0x10, ADDR, 'open', 3);
    expect(parseCjt188Request(request)).toEqual({ kind: 'write', meterType: 0x10, address: ADDR, di: 0xa017, ser: 3, value: hex('55') });
    decodeCjt188Reply(request, encodeCjt188Reply(0x10, ADDR, 0x04, 0xa017, 3, hex('00 00')));
  });
});

describe('fuzzing (only ProtocolError, framing never over-claims)', () => {
  const request = encodeCjt188Read(0x10, ADDR);
  const valid = encodeCjt188Reply(0x10, ADDR, 0x01, 0x901f, 0, encodeCjt188Metering({ total: 1, settlementTotal: 2, clock: new Date(2024, 0, 1), status: 0 }), 2);
  const input = fuzzFrames(valid);
  it('decoders', () => {
    fc.assert(fc.property(input, (data) => {
      onlyProtocolErrors(() => decodeCjt188Metering(decodeCjt188Reply(request, data).payload));
      onlyProtocolErrors(() => parseCjt188Request(data));
      onlyProtocolErrors(() => decodeCjt188Metering(data));
    }), { numRuns: 3000 });
  });
  it('frame length', () => {
    fc.assert(fc.property(input, (data) => frameLengthIsSafe(cjt188FrameLength, data)), { numRuns: 3000 });
  });
});
