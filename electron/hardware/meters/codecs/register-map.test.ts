import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACREL_MAPS, DDSY1352, findRegisterMap } from './maps';
import { decodeBlock, validateRegisterMap, type RegisterMap } from './register-map';
import { pollBlock } from './test-helpers';

describe('built-in register maps', () => {
  it('are valid and keyed by model', () => {
    for (const map of ACREL_MAPS) expect(validateRegisterMap(map)).toEqual([]);
    expect(findRegisterMap('ddsy1352')?.model).toBe('DDSY1352');
    expect(findRegisterMap('DTSY1352', 'v2')?.model).toBe('DTSY1352');
    expect(findRegisterMap('ADF300L')?.verified).toBe(false);
    expect(findRegisterMap('XYZ')).toBeNull();
    expect(findRegisterMap('M', 'v2', [{ ...DDSY1352, model: 'M', firmware: 'v2', source: 'x' }, { ...DDSY1352, model: 'M' }])?.source).toBe('x');
  });
  it('decode the DDSY1352 poll block', () => {
    const reading = decodeBlock(DDSY1352, 0x0200, pollBlock());
    expect(reading).toMatchObject({ total: 1234567, remaining: 98765, purchaseCount: 3, relay: 'closed', overdraft: null, valve: null });
    expect(reading.flags).toEqual(['prepaid-enabled', 'arrears', 'relay-l1']);
    expect(reading.extra).toMatchObject({ modelCode: 7, ua: 220.5, ia: 5.12, pt: -0.002 });
    expect(decodeBlock(DDSY1352, 0x0200, pollBlock({ status: 0 })).relay).toBe('open');
    expect(decodeBlock(DDSY1352, 0x0000, [0, 100]).relay).toBeNull();
    expect(decodeBlock(DDSY1352, 0x0000, [0, 100]).extra).toEqual({ meteringTotal: 1 });
  });
});

describe('generic map format', () => {
  const base: RegisterMap = {
    model: 'X', firmware: '*', verified: false, source: 'test', blocks: { a: { start: 0, count: 6 } }, readBlocks: ['a'],
    fields: [
      { name: 'total', register: 0, type: 'uint32', wordOrder: 'low-first', scale: 0.1, role: 'total' },
      { name: 'bcd', register: 2, type: 'bcd', count: 2 },
      { name: 'signed', register: 4, type: 'int32' },
    ],
  };
  it('decodes word order, scale, bcd and int32', () => {
    const reading = decodeBlock(base, 0, [0x0001, 0x0000, 0x1234, 0x5678, 0xffff, 0xfffe]);
    expect(reading.total).toBe(10);
    expect(reading.extra).toEqual({ bcd: 12345678, signed: -2 });
    expect(decodeBlock(base, 0, [0, 0, 0xab00, 0, 0, 0]).extra).toEqual({ signed: 0 });
  });
  it('the validator reports problems', () => {
    const bad = {
      ...base, firmware: '', readBlocks: ['nope'], blocks: { a: { start: 0, count: 200 } },
      fields: [...base.fields, { name: 'o', register: 1, type: 'uint16' as const, bits: { x: 16 } }, { name: 'c', register: 9, type: 'uint16' as const, count: 2, role: 'total' as const }],
    };
    const problems = validateRegisterMap(bad);
    expect(problems.join('\n')).toMatch(/firmware/);
    expect(problems.join('\n')).toMatch(/count 1..125/);
    expect(problems.join('\n')).toMatch(/no block 'nope'/);
    expect(problems.join('\n')).toMatch(/overlap/);
    expect(problems.join('\n')).toMatch(/bit x/);
    expect(problems.join('\n')).toMatch(/count is for bcd/);
    expect(problems.join('\n')).toMatch(/role/);
    expect(validateRegisterMap(null as unknown as RegisterMap)).toEqual(['a map must be an object']);
  });
  it('decodeBlock never throws on any registers at any offset (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0x300 }), fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 125 }), (first, regs) => {
      for (const map of [...ACREL_MAPS, base]) decodeBlock(map, first, regs);
    }));
  });
});
