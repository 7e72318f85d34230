import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { businessDate, businessYear, periodKey } from './business-time';

const at = (iso: string) => new Date(iso);

describe('businessDate (Beijing, UTC+8)', () => {
  it('turns the day at 16:00 UTC', () => {
    expect(businessDate(at('2026-03-31T15:59:59.999Z'))).toBe('2026-03-31');
    expect(businessDate(at('2026-03-31T16:00:00.000Z'))).toBe('2026-04-01');
    expect(businessDate(at('2026-03-31T00:00:00.000Z'))).toBe('2026-03-31');
  });

  it('handles the turn of the year and leap days', () => {
    expect(businessDate(at('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31');
    expect(businessDate(at('2025-12-31T16:00:00.000Z'))).toBe('2026-01-01');
    expect(businessDate(at('2024-02-28T16:00:00.000Z'))).toBe('2024-02-29');
    expect(businessDate(at('2024-02-29T16:00:00.000Z'))).toBe('2024-03-01');
  });

  it('does not depend on the offset written in the input', () => {
    expect(businessDate(at('2026-01-01T00:30:00+08:00'))).toBe('2026-01-01');
    expect(businessDate(at('2025-12-31T11:30:00-05:00'))).toBe('2026-01-01'); // 16:30 UTC
  });

  it('refuses an invalid date', () => {
    expect(() => businessDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('agrees with the Asia/Shanghai time zone since 1992 (property)', () => {
    const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(businessDate(new Date(ms))).toBe(shanghai.format(new Date(ms)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('businessYear', () => {
  it('is the Beijing calendar year', () => {
    expect(businessYear(at('2025-12-31T15:59:59.999Z'))).toBe(2025);
    expect(businessYear(at('2025-12-31T16:00:00.000Z'))).toBe(2026);
  });
});

describe('periodKey', () => {
  it('keys annual and flat tariffs by year, monthly tiers by month', () => {
    expect(periodKey('year', '2026-03-15')).toBe('Y2026');
    expect(periodKey('none', '2026-03-15')).toBe('Y2026');
    expect(periodKey('month', '2026-03-15')).toBe('M2026-03');
    expect(periodKey('month', '2026-12-31')).toBe('M2026-12');
  });

  it('changes exactly when the business date crosses a month or year', () => {
    const before = businessDate(at('2026-01-31T15:59:59.999Z'));
    const after = businessDate(at('2026-01-31T16:00:00.000Z'));
    expect([periodKey('month', before), periodKey('month', after)]).toEqual(['M2026-01', 'M2026-02']);
    expect([periodKey('year', before), periodKey('year', after)]).toEqual(['Y2026', 'Y2026']);
  });
});
