// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { MAX_SALE_FEN as CONTRACT_MAX_FEN, MAX_SALE_UNITS as CONTRACT_MAX_UNITS } from '../../../shared/contract/fields';
import { fen } from '../../../shared/money';
import { MAX_SALE_FEN, MAX_SALE_UNITS, changeDue, parseCashInput, parseMoneyInput, parseTender, parseUnitsInput } from './input';
import { remainingText, unitsText, yuan } from './format';

describe('typed money', () => {
  it.each([
    ['100', 10_000], ['99.5', 9_950], ['99.50', 9_950], ['0.01', 1], ['0.1', 10], [' 12.34 ', 1_234],
    ['１００', 10_000], ['100。5', 10_050], ['100．25', 10_025], ['1000000', 100_000_000],
  ])('"%s" is %i fen, exactly', (text, expected) => {
    expect(parseMoneyInput(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'], ['   ', 'empty'], ['0', 'zero'], ['0.00', 'zero'], ['abc', 'format'], ['1e3', 'format'], ['-5', 'format'],
    ['1.234', 'format'], ['1,000', 'format'], ['.5', 'format'], ['5.', 'format'], ['0x10', 'format'],
    ['1000000.01', 'too-large'], ['99999999999', 'too-large'], ['999999999.99', 'too-large'],
  ])('"%s" is refused (%s), never rounded', (text, problem) => {
    expect(parseMoneyInput(text)).toEqual({ ok: false, problem });
  });

  it('keeps the per-sale limits of the contract', () => {
    expect(MAX_SALE_FEN).toBe(CONTRACT_MAX_FEN);
    expect(MAX_SALE_UNITS).toBe(CONTRACT_MAX_UNITS);
  });

  it('0.1 + 0.2 style sums stay exact: every amount with two decimals round-trips', () => {
    for (let cents = 0; cents < 100; cents++) {
      const text = `12345.${String(cents).padStart(2, '0')}`;
      expect(parseMoneyInput(text)).toEqual({ ok: true, value: 1_234_500 + cents });
    }
  });
});

describe('typed units (kWh / m³, two decimals = 0.01 units)', () => {
  it.each([['50', 5_000], ['12.5', 1_250], ['0.01', 1], ['123.45', 12_345]])('"%s" is %i hundredths', (text, expected) => {
    expect(parseUnitsInput(text)).toEqual({ ok: true, value: expected });
  });
  it.each([['0', 'zero'], ['1.005', 'format'], ['kwh', 'format'], ['1000000.01', 'too-large']])('"%s" is refused (%s)', (text, problem) => {
    expect(parseUnitsInput(text)).toEqual({ ok: false, problem });
  });
});

describe('cash, tendered and change', () => {
  it('a float of 0 is allowed', () => {
    expect(parseCashInput('0')).toEqual({ ok: true, value: 0 });
  });

  it('change is tendered − payable in fen, exactly', () => {
    expect(changeDue(fen(20_000), fen(10_000))).toBe(10_000);
    expect(changeDue(fen(10_000), fen(9_999))).toBe(1);
    expect(changeDue(fen(30), fen(10))).toBe(20); // 0.3 − 0.1 = 0.2, not 0.19999999999999998
    expect(changeDue(fen(9_999), fen(10_000))).toBeNull();
  });

  it('tendered text: empty means exactly the payable', () => {
    expect(parseTender('', fen(12_345))).toEqual({ ok: true, tendered: 12_345, change: 0 });
    expect(parseTender('200', fen(10_000))).toEqual({ ok: true, tendered: 20_000, change: 10_000 });
    expect(parseTender('100.30', fen(10_010))).toEqual({ ok: true, tendered: 10_030, change: 20 });
    expect(parseTender('50', fen(10_000))).toEqual({ ok: false, problem: 'short' });
    expect(parseTender('abc', fen(10_000))).toEqual({ ok: false, problem: 'format' });
    expect(parseTender('2000000', fen(10_000))).toEqual({ ok: false, problem: 'too-large' });
  });
});

describe('display', () => {
  it('groups and signs yuan', () => {
    expect(yuan(123_456_789)).toBe('¥1,234,567.89');
    expect(yuan(-5)).toBe('-¥0.05');
    expect(yuan(0)).toBe('¥0.00');
  });
  it('shows units with the meter unit, and remaining by credit kind', () => {
    expect(unitsText(123_456, 'electricity')).toBe('1,234.56 kWh');
    expect(unitsText(250, 'water')).toBe('2.50 m³');
    expect(remainingText(5_000, 'energy', 'water')).toBe('50.00 m³');
    expect(remainingText(5_000, 'money', 'electricity')).toBe('¥50.00');
  });
});
