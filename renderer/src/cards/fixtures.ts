/** Test data for the card components: contract views with every field filled, overridden per test. */
import type { CardInReaderView, CardStatusView, CardView, CardWriteView } from '../../../shared/contract/card-views';

export function cardInReader(over: Partial<CardInReaderView> = {}): CardInReaderView {
  return {
    state: 'ours', cardNo: '10000001', kind: 'user', profile: 'halldesk-v1', meterId: 5, meterNo: '320100000001', accountId: 9,
    customerName: '王秀英', purchaseCount: 3, purchaseAmount: 5000, writeBack: { remaining: 0, total: 0, countLoaded: 0, status: 0 },
    loaded: false, blacklisted: false, issuedAt: '2026-10-09T02:00:00.000Z', triesLeft: 3, ...over,
  };
}

export function cardStatus(over: Partial<CardStatusView> = {}): CardStatusView {
  return { available: true, problem: null, readers: ['HallDesk 模拟读卡器'], card: null, openWrites: [], ...over };
}

export function cardWrite(id: number, over: Partial<CardWriteView> = {}): CardWriteView {
  return {
    id, cardId: 1, cardNo: '10000001', meterId: 5, saleId: 11, receiptNo: 'A01-2026-000011', kind: 'purchase', purchaseCount: 3, amount: 5000,
    state: 'sent', createdAt: '2026-10-09T02:00:00.000Z', lastEventAt: '2026-10-09T02:00:00.000Z', lastError: null, ...over,
  };
}

export function cardView(id: number, over: Partial<CardView> = {}): CardView {
  return {
    id, cardNo: String(10000000 + id), kind: 'user', meterId: 5, profile: 'halldesk-v1', issuedAt: '2026-10-09T02:00:00.000Z', issuedBy: 2,
    replacesCardNo: null, blacklisted: false, events: [], writes: [], ...over,
  };
}
