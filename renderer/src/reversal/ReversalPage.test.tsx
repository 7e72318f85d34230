// @vitest-environment jsdom
import '../meters/testShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { ApprovalContext } from '../approval/useApprovalDialog';
import { fakeClient, Providers } from '../test/harness';
import { ReversalPage } from './ReversalPage';

afterEach(cleanup);

const SALE = { id: 11, receiptNo: 'A01-2026-000011', createdAt: '2026-10-09T02:00:00.000Z', payable: 5000, paymentMethod: 'cash', reversal: null };
const REVERSAL = { id: 3, receiptNo: 'A01-2026-000012', amount: 5000 };

describe('reversing a card sale', () => {
  it('sends the clerk to the card reader, then cards.reverseSale with the same approval, reason and key', async () => {
    const { client, calls } = fakeClient({
      'sales.byReceipt': () => ({ ok: true, value: SALE }),
      'sales.reverse': () => ({ ok: false, error: { code: 'reversal-card-on-card', message: '此笔购电在卡上' } }),
      'cards.reverseSale': () => ({ ok: true, value: REVERSAL }),
    });
    const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
    const approve = vi.fn(async () => 55);
    const onReversed = vi.fn();
    render(<ServicesProvider services={services}><Providers><ApprovalContext.Provider value={approve}>
      <ReversalPage onReversed={onReversed} />
    </ApprovalContext.Provider></Providers></ServicesProvider>);
    fireEvent.change(screen.getByTestId('reversal-receipt'), { target: { value: 'A01-2026-000011' } });
    fireEvent.keyDown(screen.getByTestId('reversal-receipt'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.change(await screen.findByTestId('reversal-reason'), { target: { value: '客户多买' } });
    fireEvent.click(screen.getByTestId('reversal-submit'));
    expect((await screen.findByTestId('reversal-card-on-card')).textContent).toContain('请客户把卡插入读卡器');
    fireEvent.click(screen.getByTestId('reversal-card-submit'));
    await waitFor(() => expect(screen.getByTestId('reversal-receipt-no').textContent).toBe('A01-2026-000012'));
    const reverse = calls.find((c) => c.method === 'sales.reverse')?.input as Record<string, unknown>;
    const onCard = calls.find((c) => c.method === 'cards.reverseSale')?.input;
    expect(reverse).toMatchObject({ saleId: 11, approvalId: 55, reason: '客户多买' });
    expect(onCard).toEqual(reverse);
    expect(approve).toHaveBeenCalledTimes(1);
    expect(onReversed).toHaveBeenCalled();
  });
});
