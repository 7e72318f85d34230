// @vitest-environment jsdom
import '../meters/testShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DayCloseView, ExportFileView, TierView } from '../../../shared/contract/report-views';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { fakeClient, Providers } from '../test/harness';
import { ReportsPage } from './ReportsPage';
import { mergeTiers } from './useChunkedTiers';

afterEach(cleanup);
beforeAll(() => {
  URL.createObjectURL = vi.fn(() => 'blob:x');
  URL.revokeObjectURL = vi.fn();
  HTMLAnchorElement.prototype.click = vi.fn();
});

const group = (key: string, amount: number) => ({ key, label: key, count: 1, amount, charge: amount, units: 100 });
const day: DayCloseView = {
  date: '2026-06-15', sales: { count: 2, amount: 15_000, charge: 15_000, units: 200 }, reversals: { count: 1, amount: 5_000 }, cardFees: { count: 0, amount: 0 },
  net: 10_000, byClerk: [group('张三', 10_000), group('李四', 5_000)], byMethod: [group('cash', 15_000)], byTariff: [group('RES-E', 15_000)], byArea: [group('幸福小区', 15_000)],
  voided: [{ receiptNo: 'A01-2026-000001', reversalReceiptNo: 'A01-2026-000002', amount: 5_000, reason: '输错', clerkName: '张三', at: '2026-06-15T02:00:00.000Z', saleBusinessDate: '2026-06-15' }],
  reprints: [], firstReceipt: 'A01-2026-000001', lastReceipt: 'A01-2026-000003',
  trend: [{ date: '2026-06-14', amount: 3_000, count: 1 }, { date: '2026-06-15', amount: 15_000, count: 2 }],
};
const file: ExportFileView = { fileName: 'day-close-2026-06-15.xlsx', mime: 'application/x', base64: Buffer.from('PK').toString('base64'), bytes: 2, rows: 5 };
const tier = (period: string): TierView => ({ period, rows: [{ utility: 'electricity', tier: 1, units: 100, charge: 49, sales: 1 }], totals: { units: 100, charge: 49 } });

function mount() {
  const { client, calls } = fakeClient({
    'reports.dayClose': () => ({ ok: true, value: day }),
    'reports.export': () => ({ ok: true, value: file }),
    'reports.tiers': (input) => ({ ok: true, value: tier((input as { period: string }).period) }),
  });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers><ReportsPage today="2026-06-15" /></Providers></ServicesProvider>);
  return calls;
}

describe('the reports page', () => {
  it('shows the day close with its groups, voided serials and trend chart', async () => {
    const calls = mount();
    fireEvent.click(screen.getByTestId('day-load'));
    await waitFor(() => expect(screen.getByTestId('day-net').textContent).toBe('¥100.00'));
    expect(calls).toContainEqual({ method: 'reports.dayClose', input: { date: '2026-06-15' } });
    expect(screen.getByTestId('day-by-clerk').textContent).toContain('张三');
    expect(screen.getByTestId('day-voided').textContent).toContain('A01-2026-000001');
    expect(screen.getAllByTestId('day-trend-bar').map((b) => b.getAttribute('data-value'))).toEqual(['3000', '15000']);
  });

  it('exports with a progress bar that reaches 100 %', async () => {
    const calls = mount();
    fireEvent.click(screen.getByTestId('export-xlsx'));
    await waitFor(() => expect(screen.getByTestId('export-done').textContent).toContain('day-close-2026-06-15.xlsx'));
    expect(screen.getByTestId('export-progress').getAttribute('data-percent')).toBe('100');
    // The call names its job, so reports.exportProgress can be asked how far it has got.
    expect(calls).toContainEqual({ method: 'reports.export', input: { report: 'dayClose', params: { date: '2026-06-15' }, format: 'xlsx', jobId: expect.stringMatching(/^export-[0-9a-f]{32}$/) } });
    expect(URL.createObjectURL).toHaveBeenCalled();
  });

  it('loads a year of tiers month by month and sums them exactly', async () => {
    const calls = mount();
    fireEvent.click(screen.getByTestId('tab-tiers'));
    fireEvent.click(await screen.findByTestId('tiers-load'));
    await waitFor(() => expect(screen.getByTestId('tiers-total').textContent).toContain('¥5.88'));
    expect(calls.filter((c) => c.method === 'reports.tiers').map((c) => (c.input as { period: string }).period)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(screen.getByTestId('tiers-progress').getAttribute('data-percent')).toBe('100');
  });

  it('merges tier months in integers', () => {
    expect(mergeTiers('2026', [tier('2026-01'), tier('2026-02')]).totals).toEqual({ units: 200, charge: 98 });
  });
});
