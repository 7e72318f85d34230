// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { onStep, parseSaleRequest, requestKey } from './request';

describe('sale request', () => {
  it('money is fen, units are 0.01 units', () => {
    expect(parseSaleRequest('money', '100')).toEqual({ ok: true, request: { mode: 'money', amount: 10_000 } });
    expect(parseSaleRequest('units', '12.34')).toEqual({ ok: true, request: { mode: 'units', units: 1_234 } });
    expect(parseSaleRequest('units', '0')).toEqual({ ok: false, problem: 'zero' });
  });

  it('refuses units off the meter step before asking the backend', () => {
    expect(onStep(parseSaleRequest('units', '10.5'), 100)).toEqual({ ok: false, problem: 'step' });
    expect(onStep(parseSaleRequest('units', '10'), 100)).toEqual({ ok: true, request: { mode: 'units', units: 1_000 } });
    expect(onStep(parseSaleRequest('units', '10.5'), 1)).toEqual({ ok: true, request: { mode: 'units', units: 1_050 } });
    expect(onStep(parseSaleRequest('money', '10.55'), 100)).toEqual({ ok: true, request: { mode: 'money', amount: 1_055 } });
  });

  it('keys tell meters, modes and tenders apart', () => {
    expect(requestKey(1, { mode: 'money', amount: 100 })).not.toBe(requestKey(1, { mode: 'units', units: 100 }));
    expect(requestKey(1, { mode: 'money', amount: 100 }, 200)).not.toBe(requestKey(2, { mode: 'money', amount: 100 }, 200));
  });
});
