// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalSubject } from '../../../shared/contract/money-views';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import type { ApiClient } from '../api/client';
import { fakeClient, Providers } from '../test/harness';
import { ApprovalDialog } from './ApprovalDialog';
import { useApprovalDialog } from './useApprovalDialog';

afterEach(cleanup);

const SUBJECT: ApprovalSubject = { kind: 'holiday_cash', meterId: 7, amount: 10_000 };

function Harness({ onResult }: { onResult: (id: number | null) => void }) {
  const model = useApprovalDialog();
  return (
    <>
      <button type="button" onClick={() => void model.request(SUBJECT, '国庆节现金').then(onResult)}>ask</button>
      <ApprovalDialog model={model} />
    </>
  );
}

function mount(client: ApiClient, onResult: (id: number | null) => void) {
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<Providers><ServicesProvider services={services}><Harness onResult={onResult} /></ServicesProvider></Providers>);
  fireEvent.click(screen.getByText('ask'));
}

function typeCredentials(password: string) {
  fireEvent.change(screen.getByTestId('approval-username'), { target: { value: 'zhang.sup' } });
  fireEvent.change(screen.getByTestId('approval-password'), { target: { value: password } });
}

const approval = (state: string) => ({ ok: true as const, value: { id: 42, state } });

describe('the supervisor approval dialog', () => {
  it('requests once, lets a wrong password be retyped, and resolves with the approval id', async () => {
    let attempts = 0;
    const { client, calls } = fakeClient({
      'approvals.request': () => approval('pending'),
      'approvals.decide': () => (++attempts === 1
        ? { ok: false as const, error: { code: 'bad-credentials' as const, message: '用户名或密码不对' } }
        : approval('approved')),
    });
    const onResult = vi.fn();
    mount(client, onResult);
    expect(screen.getByTestId('approval-dialog').textContent).toContain('¥100.00');
    typeCredentials('wrong');
    await act(async () => { fireEvent.click(screen.getByTestId('approval-submit')); });
    await waitFor(() => expect(screen.getByTestId('approval-error').textContent).toBe('用户名或密码不对'));
    expect(onResult).not.toHaveBeenCalled();
    typeCredentials('super1234');
    await act(async () => { fireEvent.click(screen.getByTestId('approval-submit')); });
    await waitFor(() => expect(onResult).toHaveBeenCalledWith(42));
    expect(calls.map((c) => c.method)).toEqual(['approvals.request', 'approvals.decide', 'approvals.decide']);
    expect(calls[0]!.input).toEqual({ subject: SUBJECT, reason: '国庆节现金' });
    expect(calls[2]!.input).toEqual({ approvalId: 42, decision: 'approve', note: null, approver: { username: 'zhang.sup', password: 'super1234' } });
  });

  it('a rejection is shown and resolves with null when the dialog closes', async () => {
    const { client } = fakeClient({ 'approvals.request': () => approval('pending'), 'approvals.decide': () => approval('rejected') });
    const onResult = vi.fn();
    mount(client, onResult);
    typeCredentials('super1234');
    await act(async () => { fireEvent.click(screen.getByTestId('approval-submit')); });
    await waitFor(() => expect(screen.getByTestId('approval-rejected')).toBeTruthy());
    fireEvent.click(screen.getByTestId('approval-cancel'));
    await waitFor(() => expect(onResult).toHaveBeenCalledWith(null));
  });

  it('asks for the reason and the credentials before calling', async () => {
    const { client, calls } = fakeClient({});
    mount(client, vi.fn());
    fireEvent.change(screen.getByTestId('approval-reason'), { target: { value: ' ' } });
    await act(async () => { fireEvent.click(screen.getByTestId('approval-submit')); });
    expect(screen.getByTestId('approval-error').textContent).toBe('请填写事由');
    fireEvent.change(screen.getByTestId('approval-reason'), { target: { value: '节假日' } });
    await act(async () => { fireEvent.click(screen.getByTestId('approval-submit')); });
    expect(screen.getByTestId('approval-error').textContent).toBe('请主管输入用户名和密码');
    expect(calls).toEqual([]);
  });
  it('sent to the Approvals page, waits until a supervisor there approves, then resolves with the id', async () => {
    let polls = 0;
    const { client, calls } = fakeClient({
      'approvals.request': () => approval('pending'),
      'approvals.get': () => approval(++polls < 2 ? 'pending' : 'approved'),
    });
    const onResult = vi.fn();
    mount(client, onResult);
    await act(async () => { fireEvent.click(screen.getByTestId('approval-send')); });
    expect(screen.getByTestId('approval-waiting').textContent).toContain('#42');
    await waitFor(() => expect(onResult).toHaveBeenCalledWith(42), { timeout: 6_000 });
    expect(calls.map((c) => c.method)).toEqual(['approvals.request', 'approvals.get', 'approvals.get']);
  });

  it('a request rejected on the Approvals page is shown as rejected', async () => {
    const { client } = fakeClient({ 'approvals.request': () => approval('pending'), 'approvals.get': () => approval('rejected') });
    mount(client, vi.fn());
    await act(async () => { fireEvent.click(screen.getByTestId('approval-send')); });
    await waitFor(() => expect(screen.getByTestId('approval-rejected')).toBeTruthy(), { timeout: 4_000 });
  });
});
