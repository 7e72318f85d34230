// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { yearTotal } from './MeterCard';
import { barFractions, PurchaseChart } from './PurchaseChart';

afterEach(cleanup);

const MONTHS = [38_900, 0, 34_400, 55_200, 0, 0, 63_700, 32_800, 16_400, 20_400, 26_600, 0];

describe('monthly purchase chart', () => {
  it('scales bars to the tallest month; an empty year is flat', () => {
    expect(barFractions([0, 50, 100])).toEqual([0, 0.5, 1]);
    expect(barFractions(new Array(12).fill(0))).toEqual(new Array(12).fill(0));
  });

  it('draws twelve bars with a tooltip each, labelled in whole units', () => {
    const { container } = render(<PurchaseChart monthly={MONTHS} unit="kWh" title="t" monthLabel={(m) => `${m}月`} testId="chart" />);
    expect(container.querySelectorAll('rect')).toHaveLength(12);
    expect(container.querySelector('rect title')?.textContent).toBe('1月: 389.00 kWh');
    expect([...container.querySelectorAll('.chart-value')].map((n) => n.textContent)).toEqual(['389', '344', '552', '637', '328', '164', '204', '266']);
  });

  it('adds up the year exactly', () => {
    expect(yearTotal(MONTHS)).toBe(288_400);
  });
});
