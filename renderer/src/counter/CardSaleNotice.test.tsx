// @vitest-environment jsdom
import '../meters/testShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { useApi } from '../api/ApiContext';
import { cardView } from '../cards/fixtures';
import { useCardIssue } from '../cards/useCardIssue';
import { fakeClient, Providers } from '../test/harness';
import { CardSaleNotice } from './CardSaleNotice';
import type { CardCounterModel } from './useCardCounter';
import type { CounterModel } from './useCounter';

afterEach(cleanup);

function fakeModel(errorCode: string, approvalId: number | null) {
  const retryWith = vi.fn(async () => ({ id: 12 }));
  const request = vi.fn(async () => approvalId);
  const model = {
    sale: { submit: { phase: 'idle', errorCode, retryWith }, entry: { meterId: 5 } },
    approval: { request }, account: { reload: vi.fn(async () => null) }, drawer: { reload: vi.fn(async () => undefined) },
  } as unknown as CounterModel;
  return { model, retryWith, request };
}

function Harness({ model }: { model: CounterModel }) {
  const issue = useCardIssue(useApi());
  return <CardSaleNotice model={model} cards={{ issue } as unknown as CardCounterModel} />;
}

function mount(model: CounterModel) {
  const { client, calls } = fakeClient({ 'cards.issue': () => ({ ok: true, value: cardView(9) }) });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers><Harness model={model} /></Providers></ServicesProvider>);
  return calls;
}

describe('a card sale refused for the card', () => {
  it('previous purchase not loaded: a supervisor approves and the sale goes again with loadApprovalId', async () => {
    const { model, retryWith, request } = fakeModel('card-purchase-not-loaded', 31);
    mount(model);
    fireEvent.click(screen.getByTestId('card-not-loaded-approve'));
    await waitFor(() => expect(retryWith).toHaveBeenCalledWith({ loadApprovalId: 31 }));
    expect(request).toHaveBeenCalledWith({ kind: 'card_unloaded', meterId: 5 }, '上次购电尚未插表，客户再次购电');
  });

  it('without an approval the sale is not sent again', async () => {
    const { model, retryWith, request } = fakeModel('card-purchase-not-loaded', null);
    mount(model);
    fireEvent.click(screen.getByTestId('card-not-loaded-approve'));
    await waitFor(() => expect(request).toHaveBeenCalled());
    expect(retryWith).not.toHaveBeenCalled();
  });

  it('no card issued: 发卡 for the sale\'s meter, then confirm again', async () => {
    const { model } = fakeModel('card-not-issued', null);
    const calls = mount(model);
    fireEvent.click(screen.getByTestId('card-not-issued-issue'));
    await waitFor(() => expect(screen.getByTestId('card-not-issued').textContent).toContain('已发卡 10000009'));
    expect(calls).toEqual([{ method: 'cards.issue', input: { meterId: 5 } }]);
  });
});
