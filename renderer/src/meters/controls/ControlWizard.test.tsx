// @vitest-environment jsdom
import '../testShims';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../shared/vocabulary';
import { ServicesProvider } from '../../api/ApiContext';
import type { AppServices } from '../../api/ApiContext';
import type { Outcome } from '../../api/client';
import { ApprovalDialog } from '../../approval/ApprovalDialog';
import { ApprovalContext, useApprovalDialog } from '../../approval/useApprovalDialog';
import { fakeClient, Providers } from '../../test/harness';
import { accountView, meterView } from '../../test/views';
import { ControlsPanel } from './ControlsPanel';
import { jobDetail, jobView, previewMeter, target } from './fixtures';

afterEach(cleanup);

type Answers = Parameters<typeof fakeClient>[0];
const ok = <T,>(value: T): Outcome<T> => ({ ok: true, value });

const BOARD = [{ meterId: 5, meterNo: '320100000005', label: 'GW-1' }];
const HIT = { customerId: 1, customerNo: 'C1', name: '王秀英', phone: null, accountId: 9, accountNo: 'H00000009', accountStatus: 'open', roomKey: '', area: '东区', matched: 'name', meterNo: null };
const PREVIEW = {
  action: 'set_prices', supported: 1, unsupported: 1,
  meters: [previewMeter(7), previewMeter(8, { supported: false, reason: 'no-bus', busCode: null })],
};

function answers(extra: Answers = {}): Answers {
  return {
    'controlJobs.list': () => ok([]),
    'controlJobs.retryQueue': () => ok([]),
    'customers.search': () => ok([HIT]),
    'accounts.get': () => ok(accountView([meterView(7), meterView(8), meterView(9, { status: 'removed' })])),
    'controlJobs.preview': () => ok(PREVIEW),
    'controlJobs.create': () => ok(jobView(31, { action: 'set_prices' })),
    'approvals.request': () => ok({ id: 42, state: 'pending' }),
    'approvals.decide': () => ok({ id: 42, state: 'approved' }),
    'controlJobs.submit': () => ok(jobView(31, { state: 'scheduled', approvalId: 42 })),
    'controlJobs.get': () => ok(jobDetail(31, [target(7)], { state: 'done' })),
    ...extra,
  };
}

function Harness({ role }: { role: Role }) {
  const approval = useApprovalDialog();
  return (
    <ApprovalContext.Provider value={approval.request}>
      <ControlsPanel role={role} boardMeters={BOARD} />
      <ApprovalDialog model={approval} />
    </ApprovalContext.Provider>
  );
}

function mount(extra: Answers = {}, role: Role = 'clerk') {
  const { client, calls } = fakeClient(answers(extra));
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers><Harness role={role} /></Providers></ServicesProvider>);
  return calls;
}

const wizard = () => screen.getByTestId('control-wizard');
const press = async (key: 'Enter' | 'Escape', on: Element = document.activeElement ?? wizard()) => {
  await act(async () => { fireEvent.keyDown(wizard().contains(on) ? on : wizard(), { key }); });
};
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

async function pickCustomerMeters() {
  type('control-customer-search', '王秀英');
  await act(async () => { fireEvent.keyDown(screen.getByTestId('control-customer-search'), { key: 'Enter' }); });
  await act(async () => { fireEvent.click(await screen.findByTestId('control-customer-hit')); });
  await waitFor(() => expect(screen.getAllByTestId('control-picked-meter')).toHaveLength(2));
}

async function toPreview() {
  await pickCustomerMeters();
  await press('Enter');
  expect(wizard().getAttribute('data-step')).toBe('command');
  fireEvent.click(screen.getByTestId('control-action-set_prices'));
  type('control-price-spike', '1.2');
  type('control-price-peak', '0.8883');
  type('control-price-flat', '0.5283');
  type('control-price-valley', '0.2883');
  await press('Enter', screen.getByTestId('control-price-valley'));
  await waitFor(() => expect(wizard().getAttribute('data-step')).toBe('preview'));
}

async function approveAtCounter() {
  await waitFor(() => expect(screen.getByTestId('approval-dialog')).toBeTruthy());
  type('approval-username', 'zhang.sup');
  type('approval-password', 'super1234');
  await act(async () => { fireEvent.click(screen.getByTestId('approval-submit')); });
}

describe('the control-job wizard', () => {
  it('selection → command → preview → create → approval → submit, with the exact inputs', async () => {
    const calls = mount();
    await press('Enter', wizard());
    expect(screen.getByTestId('control-error').textContent).toBe('请至少选择一块表');
    await toPreview();
    expect(screen.getByTestId('control-preview-counts').getAttribute('data-supported')).toBe('1');
    const rows = screen.getAllByTestId('control-preview-meter');
    expect(rows.map((r) => r.classList.contains('row-unsupported'))).toEqual([false, true]);
    expect(screen.getByTestId('control-preview-reason').textContent).toBe('营业厅未接入该表（无总线）');
    await press('Enter');
    expect(wizard().getAttribute('data-step')).toBe('schedule');
    type('control-reason', '调整分时电价');
    await press('Enter', screen.getByTestId('control-reason'));
    await approveAtCounter();
    await waitFor(() => expect(screen.getByTestId('control-submitted').getAttribute('data-job-id')).toBe('31'));

    const selection = { by: 'meters', meterIds: [7, 8] };
    const command = { action: 'set_prices', prices: { spike: 12_000, peak: 8883, flat: 5283, valley: 2883 } };
    const byMethod = (m: string) => calls.filter((c) => c.method === m).map((c) => c.input);
    expect(byMethod('accounts.get')).toEqual([{ accountId: 9 }]);
    expect(byMethod('controlJobs.preview')).toEqual([{ selection, command }]);
    expect(byMethod('controlJobs.create')).toEqual([{ selection, command, effectiveAt: null, reason: '调整分时电价' }]);
    expect(byMethod('approvals.request')).toEqual([{ subject: { kind: 'control_job', jobId: 31 }, reason: '调整分时电价' }]);
    expect(byMethod('controlJobs.submit')).toEqual([{ jobId: 31, approvalId: 42 }]);
  });

  it('refuses a bad price before any call; Esc goes back a step', async () => {
    const calls = mount();
    await pickCustomerMeters();
    await press('Enter');
    fireEvent.click(screen.getByTestId('control-action-set_prices'));
    type('control-price-spike', '1.23456');
    await press('Enter', screen.getByTestId('control-price-spike'));
    expect(screen.getByTestId('control-error').textContent).toContain('尖时电价格式不对');
    expect(calls.some((c) => c.method === 'controlJobs.preview')).toBe(false);
    await press('Escape', screen.getByTestId('control-price-spike'));
    expect(wizard().getAttribute('data-step')).toBe('selection');
    expect(screen.getAllByTestId('control-picked-meter')).toHaveLength(2);
  });

  it('a building and a later effective time; a refused approval keeps the draft and asks again for the same job', async () => {
    let decisions = 0;
    const calls = mount({
      'controlJobs.preview': () => ok({ action: 'relay_trip', supported: 1, unsupported: 0, meters: [previewMeter(7)] }),
      'approvals.decide': () => ok({ id: 42, state: ++decisions === 1 ? 'rejected' : 'approved' }),
    });
    fireEvent.click(screen.getByTestId('control-by-building'));
    type('control-area', '东区');
    type('control-building', '3');
    await press('Enter', screen.getByTestId('control-building'));
    await press('Enter');
    await waitFor(() => expect(wizard().getAttribute('data-step')).toBe('preview'));
    await press('Enter');
    fireEvent.click(screen.getByTestId('control-when-at'));
    type('control-at', '2026-10-10 09:00');
    type('control-reason', '欠费停电');
    await press('Enter', screen.getByTestId('control-reason'));
    await approveAtCounter();
    await waitFor(() => expect(screen.getByTestId('approval-rejected')).toBeTruthy());
    fireEvent.click(screen.getByTestId('approval-cancel'));
    await waitFor(() => expect(screen.getByTestId('control-error').textContent).toContain('#31'));
    expect(screen.getByTestId('control-draft')).toBeTruthy();
    await press('Enter', screen.getByTestId('control-reason'));
    await approveAtCounter();
    await waitFor(() => expect(screen.getByTestId('control-submitted')).toBeTruthy());
    const creates = calls.filter((c) => c.method === 'controlJobs.create');
    expect(creates.map((c) => c.input)).toEqual([{
      selection: { by: 'building', area: '东区', building: '3' }, command: { action: 'relay_trip' }, effectiveAt: '2026-10-10T09:00:00+08:00', reason: '欠费停电',
    }]);
    expect(calls.filter((c) => c.method === 'approvals.request')).toHaveLength(2);
  });

  it('an administrator sees the jobs but no wizard', async () => {
    mount({}, 'admin');
    await waitFor(() => expect(screen.getByTestId('jobs-list')).toBeTruthy());
    expect(screen.queryByTestId('control-wizard')).toBeNull();
  });
});
