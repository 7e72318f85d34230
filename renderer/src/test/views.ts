/** Test data: contract views with every field filled, overridden per test. */
import type { AccountView, MeterView } from '../../../shared/contract/views';

export function meterView(id: number, over: Partial<MeterView> = {}): MeterView {
  return {
    id, meterNo: `5101000000${id}`, utility: 'electricity', model: 'DDSY', serialNo: `S${id}`, commAddress: '', creditKind: 'energy', creditVia: 'card',
    unitStep: 1, creditCap: null, cardNo: null, status: 'active', tariffId: 1, tariffName: '居民', credit: 0, remaining: 0, overdraft: 0,
    unitsThisPeriod: 0, currentTier: 1, lastSales: [], monthlyUnits: [], ...over,
  };
}

export function accountView(meters: readonly MeterView[], over: Partial<AccountView> = {}): AccountView {
  return {
    id: 9, accountNo: 'H00000009', status: 'open', category: 'residential', openedAt: '2025-01-01T00:00:00Z', closedAt: null,
    customer: { name: '王秀英' } as AccountView['customer'], premises: { area: '东区' } as AccountView['premises'], meters, settlement: 'cash', remoteIsSettlement: true, ...over,
  };
}
