// @vitest-environment jsdom
import '../meters/testShims';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardStatusView } from '../../../shared/contract/card-views';
import type { SaleView } from '../../../shared/contract/views';
import type { Role } from '../../../shared/vocabulary';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import type { ApiClient } from '../api/client';
import { useCardCounter } from '../counter/useCardCounter';
import type { CounterModel } from '../counter/useCounter';
import { fakeClient, Providers } from '../test/harness';
import { CardStrip } from './CardStrip';
import { cardInReader, cardStatus, cardWrite } from './fixtures';

const ok = <T,>(value: T) => ({ ok: true as const, value });
const refused = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

let status: CardStatusView;
const parts = { account: { reload: vi.fn(async () => null) }, drawer: { reload: vi.fn(async () => undefined) }, openAccount: vi.fn(async () => undefined) };
const modelWith = (sale: Partial<SaleView> | null) => ({ ...parts, sale: { submit: { sale } } }) as unknown as CounterModel;

function Harness({ model, role }: { model: CounterModel; role: Role }) {
  return <CardStrip cards={useCardCounter(model, true)} role={role} />;
}

function mount(answers: Record<string, (input: unknown) => unknown>, role: Role = 'clerk', model = modelWith(null)) {
  const { client, calls } = fakeClient({
    'cards.status': () => ok(status),
    'cards.demoFiles': () => refused('card-demo-only', '仅演示'),
    ...answers,
  } as Parameters<typeof fakeClient>[0]);
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  const view = (m: CounterModel) => <ServicesProvider services={services}><Providers><Harness model={m} role={role} /></Providers></ServicesProvider>;
  const { rerender } = render(view(model));
  return { calls, client: client as ApiClient, rerender: (m: CounterModel) => rerender(view(m)) };
}

const poll = () => act(() => vi.advanceTimersByTimeAsync(1500));
const named = (calls: { method: string; input: unknown }[], method: string) => calls.filter((c) => c.method === method);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  status = cardStatus();
  vi.clearAllMocks();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the card strip', () => {
  it('translates a missing reader and shows no demo picker off browser mode', async () => {
    status = cardStatus({ available: false, problem: 'card-reader-not-available' });
    mount({});
    await waitFor(() => expect(screen.getByTestId('card-reader').getAttribute('data-state')).toBe('problem'));
    expect(screen.getByTestId('card-reader').textContent).toBe('本机未配置读卡器');
    expect(screen.queryByTestId('card-demo')).toBeNull();
  });

  it('shows a blank card, then our card with its customer, count, load state and warnings', async () => {
    status = cardStatus({ card: cardInReader({ state: 'blank', cardNo: null, kind: null, accountId: null, customerName: null, purchaseCount: null, loaded: null, writeBack: null }) });
    mount({ 'cards.readBack': () => ok({}) });
    await waitFor(() => expect(screen.getByTestId('card-info').getAttribute('data-state')).toBe('blank'));
    expect(screen.getByTestId('card-state').textContent).toBe('空白卡');
    status = cardStatus({ card: cardInReader({ blacklisted: true, triesLeft: 2 }) });
    await poll();
    await waitFor(() => expect(screen.getByTestId('card-no').textContent).toBe('10000001'));
    expect(screen.getByTestId('card-customer').textContent).toBe('王秀英');
    expect(screen.getByTestId('card-count').textContent).toBe('3');
    expect(screen.getByTestId('card-loaded').getAttribute('data-loaded')).toBe('false');
    expect(screen.getByTestId('card-warning-blacklisted')).toBeTruthy();
    expect(screen.getByTestId('card-warning-tries').textContent).toContain('2');
    expect(parts.openAccount).not.toHaveBeenCalled(); // a blacklisted card opens nobody
  });

  it('opens the customer once per insertion and stores the meter\'s write-back once', async () => {
    status = cardStatus({ card: cardInReader({ writeBack: { remaining: 1200, total: 50_000, countLoaded: 2, status: 0 } }) });
    const { calls } = mount({ 'cards.readBack': () => ok({ meterId: 5, readingId: 1, remaining: 1200, total: 50_000, countLoaded: 2 }) });
    await waitFor(() => expect(parts.openAccount).toHaveBeenCalledWith(9, '320100000001'));
    await poll();
    await poll();
    expect(parts.openAccount).toHaveBeenCalledTimes(1);
    expect(named(calls, 'cards.readBack')).toHaveLength(1);
    status = cardStatus({ problem: 'card-no-card' });
    await poll();
    status = cardStatus({ card: cardInReader({ writeBack: { remaining: 1200, total: 50_000, countLoaded: 2, status: 0 } }) });
    await poll();
    await waitFor(() => expect(parts.openAccount).toHaveBeenCalledTimes(2));
    expect(named(calls, 'cards.readBack')).toHaveLength(2);
  });

  it('lets a supervisor clear the card with a reason', async () => {
    status = cardStatus({ card: cardInReader({ blacklisted: true }) });
    const { calls } = mount({ 'cards.clear': () => ok({}) }, 'supervisor');
    fireEvent.click(await screen.findByTestId('card-clear-open'));
    fireEvent.change(screen.getByTestId('card-clear-reason'), { target: { value: '收回挂失卡' } });
    fireEvent.click(screen.getByTestId('card-clear-submit'));
    await waitFor(() => expect(named(calls, 'cards.clear')).toEqual([{ method: 'cards.clear', input: { reason: '收回挂失卡' } }]));
  });

  it('puts card files in the simulated reader in browser mode', async () => {
    const demo = (files: string[], inReader: string | null = null) => ok({ reader: 'HallDesk 模拟读卡器', files: files.map((name) => ({ name, inReader: name === inReader })) });
    const { calls } = mount({
      'cards.demoFiles': () => demo(['blank-01.card.json']),
      'cards.demoNewBlank': () => demo(['blank-01.card.json', 'blank-02-x.card.json']),
      'cards.demoInsert': (input) => demo(['blank-01.card.json', 'blank-02-x.card.json'], (input as { file: string | null }).file),
    });
    fireEvent.click(await screen.findByTestId('card-demo-blank'));
    await waitFor(() => expect(screen.getByTestId('card-demo-file').textContent).toContain('blank-02-x.card.json'));
    fireEvent.click(screen.getByTestId('card-demo-insert'));
    await waitFor(() => expect(named(calls, 'cards.demoInsert')[0]?.input).toEqual({ file: 'blank-02-x.card.json' }));
    await waitFor(() => expect(screen.getByTestId('card-demo-remove')).toHaveProperty('disabled', false));
    fireEvent.click(screen.getByTestId('card-demo-remove'));
    await waitFor(() => expect(named(calls, 'cards.demoInsert')[1]?.input).toEqual({ file: null }));
  });
});

describe('a card sale\'s write', () => {
  const sold = (writeId: number) => modelWith({ id: 11, receiptNo: 'A01-2026-000011', cardWrite: { state: 'pending', writeId } });

  it('is written after the sale; interrupted, it is retried on the same write until verified', async () => {
    let attempts = 0;
    const { calls, rerender } = mount({
      'cards.write': () => (++attempts === 1 ? refused('card-write-interrupted', '写卡中断：卡被拔出') : ok(cardWrite(21, { state: 'completed', purchaseCount: 4 }))),
    });
    rerender(sold(21));
    await waitFor(() => expect(screen.getByTestId('card-recovery').getAttribute('data-code')).toBe('card-write-interrupted'));
    expect(screen.getByTestId('card-write-error').textContent).toBe('写卡中断：卡被拔出');
    fireEvent.click(screen.getByTestId('card-write-retry'));
    await waitFor(() => expect(screen.getByTestId('card-write').getAttribute('data-phase')).toBe('written'));
    expect(screen.getByTestId('card-write').textContent).toContain('已写卡并核对');
    expect(named(calls, 'cards.write').map((c) => c.input)).toEqual([{ writeId: 21 }, { writeId: 21 }]);
    expect(parts.account.reload).toHaveBeenCalled();
  });

  it('settled against a card that lacks it: voided, the sale reversed, the clerk told to give the money back', async () => {
    const { calls, rerender } = mount({
      'cards.write': () => refused('card-wrong-card', '读卡器中不是这张卡'),
      'cards.reconcile': () => ok({ cardNo: '10000001', completed: [], voided: [cardWrite(21, { state: 'voided' })], reversedReceipts: ['A01-2026-000012'] }),
    });
    rerender(sold(21));
    fireEvent.click(await screen.findByTestId('card-write-settle'));
    await waitFor(() => expect(screen.getByTestId('card-write-settled').getAttribute('data-outcome')).toBe('refund'));
    expect(screen.getByTestId('card-write-settled').textContent).toContain('请把钱退还客户');
    expect(screen.getByTestId('card-write-reversal').textContent).toBe('A01-2026-000012');
    expect(named(calls, 'cards.reconcile')).toEqual([{ method: 'cards.reconcile', input: {} }]);
  });

  it('an open write found on the card in the reader raises the same prompt; settled, it completes', async () => {
    status = cardStatus({ card: cardInReader(), openWrites: [cardWrite(30)] });
    mount({
      'cards.readBack': () => ok({}),
      'cards.reconcile': () => ok({ cardNo: '10000001', completed: [cardWrite(30, { state: 'completed' })], voided: [], reversedReceipts: [] }),
    });
    await waitFor(() => expect(screen.getByTestId('card-recovery').textContent).toContain('发现此卡有未完成的写卡'));
    status = cardStatus({ card: cardInReader() });
    fireEvent.click(screen.getByTestId('card-write-settle'));
    await waitFor(() => expect(screen.getByTestId('card-write-settled').getAttribute('data-outcome')).toBe('completed'));
  });
});
