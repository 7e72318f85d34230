// @vitest-environment jsdom
import '../meters/testShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardView } from '../../../shared/contract/card-views';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { ApprovalContext } from '../approval/useApprovalDialog';
import type { RequestApproval } from '../approval/useApprovalDialog';
import { cardView } from '../cards/fixtures';
import { fakeClient, Providers } from '../test/harness';
import { meterView } from '../test/views';
import { MeterCards } from './MeterCards';

afterEach(cleanup);

const ok = <T,>(value: T) => ({ ok: true as const, value });
const METER = meterView(5, { tariffId: 3 });
const LOST = cardView(1, { blacklisted: true, events: [{ kind: 'blacklisted', reason: '遗失', at: '2026-10-09T02:00:00.000Z', userId: 2 }] });

function mount(cards: () => readonly CardView[], answers: Parameters<typeof fakeClient>[0] = {}, approve: RequestApproval = async () => 77) {
  const { client, calls } = fakeClient({ 'cards.ofMeter': () => ok(cards()), ...answers });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  const onChanged = vi.fn();
  render(
    <ServicesProvider services={services}><Providers><ApprovalContext.Provider value={approve}>
      <MeterCards meter={METER} onChanged={onChanged} />
    </ApprovalContext.Provider></Providers></ServicesProvider>,
  );
  return { calls, onChanged, of: (method: string) => calls.filter((c) => c.method === method).map((c) => c.input) };
}

describe('a card meter\'s cards', () => {
  it('issues a card for a meter without one (cards.issue with the meter) and shows it', async () => {
    let cards: CardView[] = [];
    const { of, onChanged } = mount(() => cards, { 'cards.issue': () => { cards = [cardView(7)]; return ok(cards[0]); } });
    expect((await screen.findByTestId('meter-cards-none')).textContent).toBe('尚未发卡');
    fireEvent.click(screen.getByTestId('card-issue'));
    await waitFor(() => expect(screen.getByTestId('card-issue-done').textContent).toContain('10000007'));
    expect(of('cards.issue')).toEqual([{ meterId: 5 }]);
    await waitFor(() => expect(screen.getByTestId('meter-card-row').getAttribute('data-standing')).toBe('live'));
    expect(screen.queryByTestId('card-issue')).toBeNull();
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows the backend\'s refusal when no blank card is in the reader', async () => {
    mount(() => [], { 'cards.issue': () => ({ ok: false, error: { code: 'card-not-blank', message: '读卡器中不是空白卡' } }) });
    fireEvent.click(await screen.findByTestId('card-issue'));
    await waitFor(() => expect(screen.getByTestId('meter-cards-error').textContent).toBe('读卡器中不是空白卡'));
  });

  it('reports the live card lost with the reason', async () => {
    let cards: CardView[] = [cardView(1)];
    const { of } = mount(() => cards, { 'cards.reportLoss': () => { cards = [LOST]; return ok(LOST); } });
    fireEvent.click(await screen.findByTestId('card-report-loss'));
    fireEvent.click(screen.getByTestId('card-loss-submit'));
    expect(screen.getByTestId('card-loss-error').textContent).toBe('请填写挂失原因');
    fireEvent.change(screen.getByTestId('card-loss-reason'), { target: { value: '客户遗失' } });
    fireEvent.click(screen.getByTestId('card-loss-submit'));
    await waitFor(() => expect(screen.getByTestId('meter-card-row').getAttribute('data-standing')).toBe('blacklisted'));
    expect(of('cards.reportLoss')).toEqual([{ meterId: 5, reason: '客户遗失' }]);
    expect(screen.getByTestId('card-replace-open')).toBeTruthy();
  });

  it('replaces a lost card: the tariff\'s fee, the tendered cash, an approval, one key through a lost answer', async () => {
    let answers = 0;
    const replaced = { card: cardView(8, { replacesCardNo: '10000001' }), oldCardNo: '10000001', feeReceiptNo: 'A01-2026-000050', fee: 2000, change: 3000, writeId: 40, replayed: false };
    const approve = vi.fn(async () => 77);
    const { of } = mount(() => [LOST], {
      'tariffs.list': () => ok([{ id: 2, cardFee: 1000 }, { id: 3, cardFee: 2000 }]),
      'cards.replace': () => (++answers === 1 ? { ok: false, error: { code: 'network', message: '网络中断' } } : ok(replaced)),
    }, approve);
    fireEvent.click(await screen.findByTestId('card-replace-open'));
    await waitFor(() => expect(screen.getByTestId('card-replace-fee').textContent).toBe('¥20.00'));
    fireEvent.change(screen.getByTestId('card-replace-tendered'), { target: { value: '19.99' } });
    fireEvent.click(screen.getByTestId('card-replace-submit'));
    expect(screen.getByTestId('card-replace-error').textContent).toBe('实收不足补卡费 ¥20.00');
    expect(approve).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('card-replace-tendered'), { target: { value: '５０' } });
    expect(screen.getByTestId('card-replace-change-due').textContent).toBe('¥30.00');
    fireEvent.click(screen.getByTestId('card-replace-submit'));
    await waitFor(() => expect(screen.getByTestId('card-replace-error').textContent).toBe('网络中断'));
    fireEvent.click(screen.getByTestId('card-replace-submit'));
    await waitFor(() => expect(screen.getByTestId('card-replace-done').textContent).toContain('10000008'));
    expect(approve).toHaveBeenCalledTimes(1);
    expect(approve).toHaveBeenCalledWith({ kind: 'card_replacement', meterId: 5 }, `补卡：原卡已挂失（表 ${METER.meterNo}）`);
    const sent = of('cards.replace') as { idempotencyKey: string }[];
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({ meterId: 5, approvalId: 77, tendered: 5000, idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) as unknown });
    expect(sent[1]).toEqual(sent[0]);
    expect(screen.getByTestId('card-replace-receipt').textContent).toBe('A01-2026-000050');
    expect(screen.getByTestId('card-replace-change').textContent).toBe('¥30.00');
  });

  it('a rejected approval sends nothing', async () => {
    const { of } = mount(() => [LOST], { 'tariffs.list': () => ok([{ id: 3, cardFee: 2000 }]) }, async () => null);
    fireEvent.click(await screen.findByTestId('card-replace-open'));
    await waitFor(() => expect(screen.getByTestId('card-replace-fee').textContent).toBe('¥20.00'));
    fireEvent.click(screen.getByTestId('card-replace-submit'));
    await waitFor(() => expect(screen.getByTestId('card-replace-submit')).toBeTruthy());
    expect(of('cards.replace')).toEqual([]);
  });
});
