import { describe, expect, it } from 'vitest';
import { isCardError } from './card-port';
import {
  hex, parseErrorCounter, parsePresentPsc, parseRead, parseSelect, presentPscApdu, readApdu, readErrorCounterApdu, selectApdu, triesLeft, writeApdu,
} from './sle4442';

describe('SLE4442 pseudo-APDUs (hardware.md §4.1)', () => {
  it('builds the ACR38 commands', () => {
    expect(hex(selectApdu())).toBe('FFA4000001' + '06');
    expect(hex(readApdu(0x20, 16))).toBe('FFB0002010');
    expect(hex(readApdu(0, 256))).toBe('FFB0000000');
    expect(hex(writeApdu(0x40, Uint8Array.of(1, 2)))).toBe('FFD00040020102');
    expect(hex(presentPscApdu(Uint8Array.of(0xff, 0xff, 0xff)))).toBe('FF20000003FFFFFF');
    expect(hex(readErrorCounterApdu())).toBe('FFB1000000');
    expect(() => readApdu(250, 10)).toThrow(RangeError);
    expect(() => presentPscApdu(Uint8Array.of(1, 2))).toThrow(RangeError);
  });

  it('parses replies, dropping the 4 protection bytes a reader may append', () => {
    expect(() => parseSelect(Uint8Array.of(0x90, 0x00))).not.toThrow();
    expect(parseRead(Uint8Array.of(1, 2, 0x90, 0x00), 2)).toEqual(Uint8Array.of(1, 2));
    expect(parseRead(Uint8Array.of(1, 2, 9, 9, 9, 9, 0x90, 0x00), 2)).toEqual(Uint8Array.of(1, 2));
    expect(parseErrorCounter(Uint8Array.of(0x07, 0, 0, 0, 0x90, 0x00))).toBe(7);
    expect(parsePresentPsc(Uint8Array.of(0x90, 0x07))).toEqual({ accepted: true, errorCounter: 7 });
    expect(parsePresentPsc(Uint8Array.of(0x90, 0x03))).toEqual({ accepted: false, errorCounter: 3 });
    let error: unknown;
    try { parseSelect(Uint8Array.of(0x6a, 0x81)); } catch (e) { error = e; }
    expect(isCardError(error, 'transmit-failed')).toBe(true);
  });

  it('counts the tries left from the error counter bits', () => {
    expect([0x07, 0x03, 0x01, 0x00, 0x06].map(triesLeft)).toEqual([3, 2, 1, 0, 2]);
  });
});
