// @vitest-environment jsdom
import '../testShims';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BalanceAlertView, HallBalanceView } from '../../../../shared/contract/balance-views';
import type { Role } from '../../../../shared/vocabulary';
import { ServicesProvider } from '../../api/ApiContext';
import type { AppServices } from '../../api/ApiContext';
import type { Outcome } from '../../api/client';
import { fakeClient, Providers } from '../../test/harness';
import { jobView } from '../controls/fixtures';
import { BalancesPanel } from './BalancesPanel';

afterEach(cleanup);

const ok = <T,>(value: T): Outcome<T> => ({ ok: true, value });
const alert = (id: number, level: BalanceAlertView['level'], balance: number): BalanceAlertView => ({
  id, meterId: id, meterNo: `M${id}`, accountId: 1, customerName: '王秀英', level, balance, at: '2026-10-09T02:00:00.000Z', open: true,
});
const BALANCE: HallBalanceView = {
  meterId: 2, meterNo: 'M2', accountId: 1, balance: -350, level: 'zero', relay: 'closed', remoteIsSettlement: true, lastChargedReadAt: '2026-10-09T02:00:00.000Z',
  charges: [{
    id: 5, meterId: 2, fromReadAt: '2026-10-09T01:00:00.000Z', toReadAt: '2026-10-09T02:00:00.000Z', units: 1250, charge: 611, balanceAfter: -350,
    detail: { tiers: [{ tier: 1, units: 1250, price: 4883, charge: 611 }], periods: [] }, source: 'meter', at: '2026-10-09T02:00:05.000Z',
  }],
  alerts: [], pendingJob: jobView(40, { automatic: true, state: 'scheduled', effectiveAt: '2026-10-10T00:30:00.000Z' }),
};
const SETTINGS = { alarm1: 5000, alarm2: 1000, overdraftLimit: 0, autoTrip: true, keepPower: { nightStart: '22:00', nightEnd: '07:00', nonWorkingDays: true } };

function mount(role: Role) {
  let charged = false;
  const { client, calls } = fakeClient({
    'balances.alerts': () => ok(charged ? [alert(1, 'alarm1', 4000), alert(2, 'zero', -350)] : []),
    'balances.chargeNow': () => { charged = true; return ok({ meters: 3, charges: 3, charged: 1833, alerts: 2, tripsRaised: 1 }); },
    'balances.ofMeter': () => ok(BALANCE),
    'balances.settings': () => ok(SETTINGS),
    'balances.setSettings': (input) => ok(input),
  });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers><BalancesPanel role={role} /></Providers></ServicesProvider>);
  return calls;
}

describe('hall-kept balances', () => {
  it('charge now shows the run and the alerts it raised, with their levels; a meter shows its balance and charges', async () => {
    mount('supervisor');
    await waitFor(() => expect(screen.getByTestId('alerts-empty')).toBeTruthy());
    expect(screen.queryByTestId('balance-settings')).toBeNull();
    await act(async () => { fireEvent.click(screen.getByTestId('charge-now')); });
    expect(screen.getByTestId('charge-run').textContent).toContain('¥18.33');
    await waitFor(() => expect(screen.getAllByTestId('balance-alert')).toHaveLength(2));
    expect(screen.getAllByTestId('balance-alert').map((r) => r.getAttribute('data-level'))).toEqual(['alarm1', 'zero']);
    expect(screen.getAllByTestId('balance-alert-level').map((e) => e.textContent)).toEqual(['一级报警', '余额为零']);
    await act(async () => { fireEvent.click(screen.getAllByTestId('balance-alert-open')[1]!); });
    await waitFor(() => expect(screen.getByTestId('balance-amount').textContent).toBe('-¥3.50'));
    expect(screen.getByTestId('balance-charge').textContent).toContain('12.50 × 0.4883 = ¥6.11');
    expect(screen.getByTestId('balance-pending-job').textContent).toContain('#40');
  });

  it('a clerk cannot charge; an administrator saves the settings exactly', async () => {
    cleanup();
    mount('clerk');
    await waitFor(() => expect(screen.getByTestId('alerts-empty')).toBeTruthy());
    expect(screen.queryByTestId('charge-now')).toBeNull();
    cleanup();
    const calls = mount('admin');
    await waitFor(() => expect(screen.getByTestId('balance-alarm1')).toBeTruthy());
    fireEvent.change(screen.getByTestId('balance-alarm1'), { target: { value: '30.05' } });
    fireEvent.change(screen.getByTestId('balance-overdraftLimit'), { target: { value: '0.5' } });
    await act(async () => { fireEvent.click(screen.getByTestId('balance-settings-save')); });
    expect(calls.find((c) => c.method === 'balances.setSettings')?.input).toEqual({ ...SETTINGS, alarm1: 3005, overdraftLimit: 50 });
    expect(screen.getByTestId('balance-settings-saved')).toBeTruthy();
    fireEvent.change(screen.getByTestId('balance-alarm2'), { target: { value: '40' } });
    await act(async () => { fireEvent.click(screen.getByTestId('balance-settings-save')); });
    expect(screen.getByTestId('balance-settings-error').textContent).toBe('报警金额 1 不能低于报警金额 2');
  });
});
