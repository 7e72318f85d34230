// @vitest-environment jsdom
import './testShims';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardMeterView, ReadingBoardView } from '../../../shared/contract/meter-views';
import type { Role } from '../../../shared/vocabulary';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { fakeClient, Providers } from '../test/harness';
import { MetersPage } from './MetersPage';

afterEach(cleanup);


const meter = (meterId: number, o: Partial<BoardMeterView> = {}): BoardMeterView => ({
  meterId, meterNo: `32010000000${meterId}`, accountId: 1, address: `32010000000${meterId}`, protocol: 'dlt645',
  lastGoodAt: '2026-10-09T02:00:00.000Z', lastAttemptAt: '2026-10-09T02:00:00.000Z', missed: false, stale: false, lastError: null, ...o,
});

const board: ReadingBoardView = {
  at: '2026-10-09T02:05:00.000Z', intervalMinutes: 15, latestSweep: null, latestScheduledSweep: null,
  running: { sweepId: 4, kind: 'scheduled', startedAt: '2026-10-09T02:04:00.000Z', done: 1, total: 4, failed: 1 },
  buses: [{
    busId: 1, code: 'GW-1', name: '一号网关', kind: 'tcp-raw', endpoint: '10.0.0.5:4001', active: true, missed: 1, stale: 1, unreachable: false,
    meters: [meter(1), meter(2, { missed: true, lastError: { code: 'timeout', message: 'no reply', at: '2026-10-09T02:04:30.000Z' } }), meter(3, { stale: true }), meter(4, { lastGoodAt: null })],
  }],
};

function mount(role: Role) {
  const { client, calls } = fakeClient({
    'readings.board': () => ({ ok: true, value: board }),
    'buses.list': () => ({ ok: true, value: [] }),
    'recharges.pending': () => ({ ok: true, value: [] }),
  });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers><MetersPage role={role} /></Providers></ServicesProvider>);
  return calls;
}

describe('the meters page', () => {
  it('flags each meter row, sums the bus up and shows the running sweep', async () => {
    mount('supervisor');
    await waitFor(() => expect(screen.getAllByTestId('board-meter')).toHaveLength(4));
    expect(screen.getAllByTestId('board-meter').map((r) => r.getAttribute('data-flags'))).toEqual(['ok', 'missed', 'stale', 'never']);
    expect(screen.getAllByTestId('board-meter').map((r) => r.classList.contains('row-overdue'))).toEqual([false, true, true, true]);
    expect(screen.getByTestId('meter-last-error').textContent).toContain('timeout · no reply');
    expect(screen.getByTestId('board-bus').getAttribute('data-state')).toBe('missing');
    expect(screen.getByTestId('sweep-progress').textContent).toContain('1 / 4');
    expect(screen.getByTestId('sweep-now')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('tab-buses')).toBeTruthy();
  });

  it('a clerk sees the board without the sweep button or the bus settings', async () => {
    mount('clerk');
    await waitFor(() => expect(screen.getAllByTestId('board-meter')).toHaveLength(4));
    expect(screen.queryByTestId('sweep-now')).toBeNull();
    expect(screen.queryByTestId('tab-buses')).toBeNull();
    expect(screen.queryByTestId('board-meter-comm')).toBeNull();
  });
});
