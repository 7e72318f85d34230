// @vitest-environment jsdom
import '../meters/testShims';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountView } from '../../../shared/contract/views';
import type { Role } from '../../../shared/vocabulary';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import type { Outcome } from '../api/client';
import { ApprovalDialog } from '../approval/ApprovalDialog';
import { ApprovalContext, useApprovalDialog } from '../approval/useApprovalDialog';
import { fakeClient, Providers } from '../test/harness';
import { accountView, meterView } from '../test/views';
import { MeteringBasis } from './MeteringBasis';

afterEach(cleanup);

const ok = <T,>(value: T): Outcome<T> => ({ ok: true, value });
const hv = (remoteIsSettlement: boolean) => accountView([meterView(7, { creditKind: 'hall', creditVia: 'remote' })], { category: 'high_voltage', remoteIsSettlement });

function Harness({ account, role, onChanged }: { account: AccountView; role: Role; onChanged: () => void }) {
  const approval = useApprovalDialog();
  return (
    <ApprovalContext.Provider value={approval.request}>
      <MeteringBasis account={account} role={role} onChanged={onChanged} />
      <ApprovalDialog model={approval} />
    </ApprovalContext.Provider>
  );
}

function mount(account: AccountView, role: Role, onChanged = vi.fn()) {
  const { client, calls } = fakeClient({
    'accounts.setMeteringBasis': () => ok({ ...account, remoteIsSettlement: false }),
    'approvals.request': () => ok({ id: 42, state: 'pending' }),
    'approvals.decide': () => ok({ id: 42, state: 'approved' }),
    'readings.enterManual': () => ok({ readingId: 5, meterId: 7, readAt: '2026-10-01T00:00:00+08:00', total: 12_345_678, agreementRef: 'GY-17', approvedBy: 3 }),
  });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers><Harness account={account} role={role} onChanged={onChanged} /></Providers></ServicesProvider>);
  return calls;
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('high-voltage settlement', () => {
  it('a supervisor switches the settlement meter off the remote meter, with a reason', async () => {
    const onChanged = vi.fn();
    const calls = mount(hv(true), 'supervisor', onChanged);
    expect(screen.getByTestId('hv-basis').getAttribute('data-remote')).toBe('true');
    expect(screen.queryByTestId('hv-reading-open')).toBeNull();
    fireEvent.click(screen.getByTestId('hv-basis-change'));
    fireEvent.click(screen.getByText('按供用电协议抄见结算'));
    type('hv-basis-reason', '协议约定');
    await act(async () => { fireEvent.click(screen.getByTestId('hv-basis-save')); });
    expect(calls[0]).toEqual({ method: 'accounts.setMeteringBasis', input: { accountId: 9, remoteIsSettlement: false, reason: '协议约定' } });
    expect(onChanged).toHaveBeenCalled();
  });

  it('an agreement reading is approved for exactly its values and entered with that approval', async () => {
    const calls = mount(hv(false), 'clerk');
    expect(screen.queryByTestId('hv-basis-change')).toBeNull();
    fireEvent.click(screen.getByTestId('hv-reading-open'));
    type('hv-readAt', '2026-10-01 00:00');
    type('hv-total', '123456.789');
    type('hv-agreementRef', 'GY-17');
    await act(async () => { fireEvent.click(screen.getByTestId('hv-reading-submit')); });
    expect(screen.getByTestId('hv-reading-error').textContent).toContain('总示数 kWh格式不对');
    expect(calls).toEqual([]);
    type('hv-total', '123456.78');
    await act(async () => { fireEvent.click(screen.getByTestId('hv-reading-submit')); });
    await waitFor(() => expect(screen.getByTestId('approval-dialog')).toBeTruthy());
    type('approval-username', 'zhang.sup');
    type('approval-password', 'super1234');
    await act(async () => { fireEvent.click(screen.getByTestId('approval-submit')); });
    await waitFor(() => expect(screen.getByTestId('hv-reading-entered')).toBeTruthy());
    const subject = { kind: 'manual_reading', meterId: 7, readAt: '2026-10-01T00:00:00+08:00', total: 12_345_678 };
    expect(calls.find((c) => c.method === 'approvals.request')?.input).toEqual({ subject, reason: '供用电协议 GY-17 抄见读数' });
    expect(calls.find((c) => c.method === 'readings.enterManual')?.input).toEqual({
      meterId: 7, readAt: '2026-10-01T00:00:00+08:00', total: 12_345_678, periods: null, agreementRef: 'GY-17', approvalId: 42,
    });
  });

  it('shows nothing for other categories', () => {
    mount(accountView([meterView(1)]), 'supervisor');
    expect(screen.queryByTestId('hv-basis')).toBeNull();
  });
});
