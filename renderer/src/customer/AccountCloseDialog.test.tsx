// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountView } from '../../../shared/contract/views';
import type { ApiClient } from '../api/client';
import type { RequestApproval } from '../approval/useApprovalDialog';
import { fakeClient, Providers } from '../test/harness';
import { accountView, meterView } from '../test/views';
import { AccountCloseDialog } from './AccountCloseDialog';
import { useAccountClose } from './useAccountClose';

afterEach(cleanup);

const held = accountView([meterView(1, { credit: 105, remaining: 1450 }), meterView(2, { creditKind: 'hall', creditVia: 'remote', credit: 29_000 })]);
const empty = accountView([meterView(3)]);

function Harness({ client, account, approve, shiftOpen = true, onClosed = vi.fn() }: {
  client: ApiClient; account: AccountView; approve: RequestApproval; shiftOpen?: boolean; onClosed?: () => void;
}) {
  const model = useAccountClose(client, account, { approve, shiftOpen, onClosed });
  return <><button type="button" onClick={model.start}>start</button><AccountCloseDialog model={model} /></>;
}

const closedAnswer = (input: unknown) => ({ ok: true as const, value: { ...held, status: 'closed', refunded: 30_339, receiptNo: 'A01-2026-000123', input } });

function mount(props: Parameters<typeof Harness>[0]) {
  render(<Providers><Harness {...props} /></Providers>);
  fireEvent.click(screen.getByText('start'));
}

async function confirm() {
  await act(async () => { fireEvent.click(screen.getByTestId('close-confirm')); });
}

describe('the account close dialog', () => {
  it('shows each meter\'s held credit and the total, which the residuals add to', () => {
    mount({ client: fakeClient({}).client, account: held, approve: vi.fn() });
    expect(screen.getAllByTestId('close-held').map((e) => e.textContent)).toEqual(['¥1.05', '¥290.00']);
    expect(screen.getAllByTestId('close-residual')).toHaveLength(1); // the hall-kept meter has none
    expect(screen.getByTestId('close-total').textContent).toBe('¥291.05');
    fireEvent.change(screen.getByTestId('close-residual'), { target: { value: '12.34' } });
    expect(screen.getByTestId('close-total').textContent).toBe('¥303.39');
    fireEvent.change(screen.getByTestId('close-residual'), { target: { value: '1.234' } });
    expect(screen.getByTestId('close-total').textContent).toBe('—');
  });

  it('asks the reason, then the supervisor\'s refund approval, then closes with it and shows the receipt', async () => {
    const { client, calls } = fakeClient({ 'accounts.close': closedAnswer });
    const approve = vi.fn<RequestApproval>().mockResolvedValue(77);
    const onClosed = vi.fn();
    mount({ client, account: held, approve, onClosed });
    fireEvent.change(screen.getByTestId('close-residual'), { target: { value: '12.34' } });
    await confirm();
    expect(screen.getByTestId('close-error').textContent).toBe('请填写销户原因');
    expect(approve).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('close-reason'), { target: { value: '房屋出售' } });
    await confirm();
    expect(approve).toHaveBeenCalledWith({ kind: 'refund', accountId: 9, amount: 30_339 }, '房屋出售');
    expect(calls).toEqual([{ method: 'accounts.close', input: { accountId: 9, residuals: [{ meterId: 1, refund: 1234 }], reason: '房屋出售', approvalId: 77 } }]);
    await waitFor(() => expect(screen.getByTestId('close-receipt-no').textContent).toBe('A01-2026-000123'));
    expect(screen.getByTestId('close-refunded').textContent).toBe('¥303.39');
    expect(onClosed).toHaveBeenCalledTimes(1);
  });

  it('closes without an approval when nothing goes back', async () => {
    const { client, calls } = fakeClient({ 'accounts.close': closedAnswer });
    const approve = vi.fn<RequestApproval>();
    mount({ client, account: empty, approve, shiftOpen: false });
    expect(screen.getByTestId('close-total').textContent).toBe('¥0.00');
    fireEvent.change(screen.getByTestId('close-reason'), { target: { value: '用户迁出' } });
    await confirm();
    expect(approve).not.toHaveBeenCalled();
    expect(calls[0]!.input).toEqual({ accountId: 9, residuals: [], reason: '用户迁出' });
  });

  it('a cancelled approval closes nothing; a refusal keeps the approval for the retry of the same amount', async () => {
    let answer = 0;
    const { client, calls } = fakeClient({
      'accounts.close': (input) => (++answer === 1
        ? { ok: false as const, error: { code: 'residual-too-large' as const, message: '退还的表内剩余超过该表可退上限 5.00 元' } }
        : closedAnswer(input)),
    });
    const approve = vi.fn<RequestApproval>().mockResolvedValueOnce(null).mockResolvedValue(78);
    mount({ client, account: held, approve });
    fireEvent.change(screen.getByTestId('close-reason'), { target: { value: '销户' } });
    await confirm();
    expect(calls).toEqual([]);
    fireEvent.change(screen.getByTestId('close-residual'), { target: { value: '0' } });
    await confirm();
    await waitFor(() => expect(screen.getByTestId('close-error').textContent).toContain('5.00'));
    await confirm();
    expect(approve).toHaveBeenCalledTimes(2);
    expect(calls.map((c) => (c.input as { approvalId: number }).approvalId)).toEqual([78, 78]);
  });

  it('refuses before asking anyone: an overdraft, or a refund without an open shift', async () => {
    const approve = vi.fn<RequestApproval>();
    mount({ client: fakeClient({}).client, account: held, approve, shiftOpen: false });
    fireEvent.change(screen.getByTestId('close-reason'), { target: { value: '销户' } });
    await confirm();
    expect(screen.getByTestId('close-error').textContent).toBe('退款须从钱箱付出，请先开班');
    cleanup();
    mount({ client: fakeClient({}).client, account: accountView([meterView(4, { overdraft: 500 })]), approve });
    fireEvent.change(screen.getByTestId('close-reason'), { target: { value: '销户' } });
    await confirm();
    expect(screen.getByTestId('close-error').textContent).toContain('透支');
    expect(approve).not.toHaveBeenCalled();
  });
});
