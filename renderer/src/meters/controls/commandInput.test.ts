import { describe, expect, it } from 'vitest';
import { EMPTY_COMMAND_TEXTS, buildCommand, parseAmountInput, parseBeijingDateTime, parsePriceInput } from './commandInput';

describe('TOU prices typed in yuan', () => {
  it.each([
    ['0.4883', 4883], ['1', 10_000], ['0.5', 5000], ['0.0001', 1], ['1000', 10_000_000], ['１.２３４５', 12_345], [' 0.30 ', 3000],
  ])('%s yuan → %i (1/10000 yuan), exactly', (text, expected) => {
    expect(parsePriceInput(text)).toEqual({ ok: true, value: expected });
  });
  it.each([
    ['', 'empty'], ['abc', 'format'], ['0.12345', 'format'], ['12345', 'too-large'], ['-1', 'format'], ['1e3', 'format'], ['0.1.2', 'format'],
    ['0', 'zero'], ['0.0000', 'zero'], ['1000.0001', 'too-large'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parsePriceInput(text)).toEqual({ ok: false, problem });
  });
});

describe('alarm amounts typed in yuan', () => {
  it('parses to exact fen, zero allowed, more than two decimals refused', () => {
    expect(parseAmountInput('20.05')).toEqual({ ok: true, value: 2005 });
    expect(parseAmountInput('0')).toEqual({ ok: true, value: 0 });
    expect(parseAmountInput('0.001')).toEqual({ ok: false, problem: 'format' });
    expect(parseAmountInput('')).toEqual({ ok: false, problem: 'empty' });
  });
});

describe('the command', () => {
  const prices = { spike: '1.2000', peak: '0.8883', flat: '0.5283', valley: '0.2883' };
  it('a relay or valve action carries no parameters', () => {
    expect(buildCommand('relay_trip', EMPTY_COMMAND_TEXTS)).toEqual({ ok: true, command: { action: 'relay_trip' } });
    expect(buildCommand('valve_close', { ...EMPTY_COMMAND_TEXTS, alarm1: 'junk' })).toEqual({ ok: true, command: { action: 'valve_close' } });
  });
  it('set prices: the four periods in price units', () => {
    expect(buildCommand('set_prices', { ...EMPTY_COMMAND_TEXTS, prices })).toEqual({
      ok: true, command: { action: 'set_prices', prices: { spike: 12_000, peak: 8883, flat: 5283, valley: 2883 } },
    });
  });
  it('set prices: names the first bad period', () => {
    expect(buildCommand('set_prices', { ...EMPTY_COMMAND_TEXTS, prices: { ...prices, flat: '0.52831' } }))
      .toEqual({ ok: false, error: { field: 'flat', problem: 'format' } });
  });
  it('set alarms: fen, alarm 1 not below alarm 2', () => {
    expect(buildCommand('set_alarms', { ...EMPTY_COMMAND_TEXTS, alarm1: '50', alarm2: '10.5' }))
      .toEqual({ ok: true, command: { action: 'set_alarms', alarm1: 5000, alarm2: 1050 } });
    expect(buildCommand('set_alarms', { ...EMPTY_COMMAND_TEXTS, alarm1: '10', alarm2: '10.01' }))
      .toEqual({ ok: false, error: { field: 'alarm2', problem: 'order' } });
    expect(buildCommand('set_alarms', { ...EMPTY_COMMAND_TEXTS, alarm1: '', alarm2: '1' }))
      .toEqual({ ok: false, error: { field: 'alarm1', problem: 'empty' } });
  });
});

describe('the effective time', () => {
  it('Beijing wall-clock text becomes an instant with +08:00', () => {
    expect(parseBeijingDateTime('2026-10-09 14:30')).toBe('2026-10-09T14:30:00+08:00');
    expect(parseBeijingDateTime(' 2026-1-9T7:05 ')).toBe('2026-01-09T07:05:00+08:00');
  });
  it.each(['', '2026-02-30 10:00', '2026-10-09 24:00', '2026-10-09', 'tomorrow', '2026-10-09 14:60'])('refuses %j', (text) => {
    expect(parseBeijingDateTime(text)).toBeNull();
  });
});
