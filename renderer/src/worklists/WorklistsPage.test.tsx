// @vitest-environment jsdom
import '../meters/testShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorklistRowView, WorklistView } from '../../../shared/contract/worklist-views';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { fakeClient, Providers } from '../test/harness';
import { WorklistsPage } from './WorklistsPage';

afterEach(cleanup);

const row = (meterId: number, o: Partial<WorklistRowView> = {}): WorklistRowView => ({
  meterId, accountId: meterId * 10, accountNo: `H0000${meterId}`, customerName: `客户${meterId}`, phone: '13800001234', address: '幸福小区 1-1-101',
  area: '幸福小区', meterNo: `32010000${meterId}`, utility: 'electricity', creditKind: 'money', reason: 'belowAlarm', balance: 1234, measure: 'fen',
  overdraft: 0, daysLeft: 3, lastSaleDate: '2026-06-01', daysSinceSale: 14, lastContact: null, ...o,
});

const view = (kind: WorklistView['kind'], rows: WorklistRowView[]): WorklistView => ({ kind, today: '2026-06-15', total: rows.length, rows });

function mount() {
  const { client, calls } = fakeClient({
    'worklists.list': (input) => {
      const kind = (input as { kind: WorklistView['kind'] }).kind;
      return { ok: true, value: kind === 'arrears' ? view('arrears', [row(3, { reason: 'negative', balance: -500, creditKind: 'hall' })]) : view(kind, [row(1), row(2, { measure: 'units', creditKind: 'energy', balance: 4095 })]) };
    },
    'worklists.logContact': (input) => ({ ok: true, value: { id: 1, accountId: 10, kind: 'lowBalance', promisedDate: null, note: null, user: '李', at: '2026-06-15T02:00:00.000Z', ...(input as object) } }),
    'sms.send': () => ({ ok: true, value: { sent: 2, failed: 0, rateLimited: 0, noPhone: [], messages: [] } }),
  });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers><WorklistsPage today="2026-06-15" /></Providers></ServicesProvider>);
  return calls;
}

describe('the worklists page', () => {
  it('lists the low-balance customers with balance in their measure, and switches tabs', async () => {
    const calls = mount();
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(2));
    expect(screen.getAllByTestId('worklist-balance').map((e) => e.textContent)).toEqual(['12.34', '40.95']);
    fireEvent.click(screen.getByTestId('tab-arrears'));
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(1));
    expect(calls.filter((c) => c.method === 'worklists.list').map((c) => (c.input as { kind: string }).kind)).toEqual(['lowBalance', 'arrears']);
  });

  it('logs a promise from the keyboard: Enter on a row, 4 picks "promised", Enter saves', async () => {
    const calls = mount();
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(2));
    fireEvent.keyDown(screen.getAllByTestId('worklist-row')[0]!, { key: 'Enter' });
    const dialog = await screen.findByTestId('contact-dialog');
    fireEvent.keyDown(dialog, { key: '4' });
    fireEvent.change(await screen.findByTestId('contact-promised'), { target: { value: '2026-06-20' } });
    fireEvent.keyDown(dialog, { key: 'Enter' });
    await waitFor(() => expect(calls.some((c) => c.method === 'worklists.logContact')).toBe(true));
    expect(calls.find((c) => c.method === 'worklists.logContact')?.input).toEqual({ meterId: 1, outcome: 'promised', promisedDate: '2026-06-20', kind: 'lowBalance' });
  });

  it('sends an SMS to the selected rows by the list template', async () => {
    const calls = mount();
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(2));
    expect(screen.getByTestId('worklist-sms')).toHaveProperty('disabled', true);
    for (const box of screen.getAllByRole('checkbox').slice(1)) fireEvent.click(box);
    fireEvent.click(screen.getByTestId('worklist-sms'));
    await waitFor(() => expect(screen.getByTestId('worklist-sms-result').textContent).toContain('2'));
    expect(calls.find((c) => c.method === 'sms.send')?.input).toEqual({ accountIds: [10, 20], template: 'lowBalance', kind: 'lowBalance' });
  });
});
