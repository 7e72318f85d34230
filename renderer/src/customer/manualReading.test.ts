import { describe, expect, it } from 'vitest';
import { parseManualReading, parseReadingUnits } from './manualReading';

const texts = { meterId: 7, readAt: '2026-10-01 00:00', total: '123456.78', periods: { spike: '', peak: '', flat: '', valley: '' }, agreementRef: 'GY-2026-017' };

describe('an agreement reading as typed', () => {
  it('the total in kWh becomes exact 0.01 units', () => {
    expect(parseReadingUnits('123456.78')).toBe(12_345_678);
    expect(parseReadingUnits('0.1')).toBe(10);
    expect(parseReadingUnits('0')).toBe(0);
    expect(parseReadingUnits('1.005')).toBeNull();
    expect(parseReadingUnits('1,000')).toBeNull();
  });
  it('parses the reading, without or with all four periods', () => {
    expect(parseManualReading(texts)).toEqual({
      ok: true, value: { meterId: 7, readAt: '2026-10-01T00:00:00+08:00', total: 12_345_678, periods: null, agreementRef: 'GY-2026-017' },
    });
    const periods = { spike: '1', peak: '2.5', flat: '3.05', valley: '0' };
    expect(parseManualReading({ ...texts, periods })).toMatchObject({ ok: true, value: { periods: { spike: 100, peak: 250, flat: 305, valley: 0 } } });
  });
  it('names what is wrong', () => {
    expect(parseManualReading({ ...texts, meterId: null })).toEqual({ ok: false, field: 'meter', problem: 'empty' });
    expect(parseManualReading({ ...texts, readAt: '10/01' })).toEqual({ ok: false, field: 'readAt', problem: 'format' });
    expect(parseManualReading({ ...texts, total: '12.345' })).toEqual({ ok: false, field: 'total', problem: 'format' });
    expect(parseManualReading({ ...texts, periods: { spike: '1', peak: '', flat: '', valley: '' } })).toEqual({ ok: false, field: 'peak', problem: 'empty' });
    expect(parseManualReading({ ...texts, agreementRef: ' ' })).toEqual({ ok: false, field: 'agreementRef', problem: 'empty' });
  });
});
