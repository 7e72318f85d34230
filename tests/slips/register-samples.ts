/** Sample vouchers, obligations and cash drops for the register tests; amounts in fen. */
import type { CashDropView, ObligationView, PendingDepositsView, VoucherView } from '../../shared/contract/money-views';
import type { VoucherState } from '../../shared/vocabulary';

const BANKS = ['中国工商银行', '中国建设银行', '中国农业银行'] as const;
const STATES: readonly VoucherState[] = ['registered', 'partly_used', 'used_up'];

/** Voucher `i` (from 1): amounts 1,000.00 + i yuan, drawn on by state (nothing, 400.00, all). */
export function sampleVoucher(i: number, overrides: Partial<VoucherView> = {}): VoucherView {
  const state = STATES[(i - 1) % STATES.length]!;
  const amount = 100_000 + i * 100;
  const used = state === 'registered' ? 0 : state === 'partly_used' ? 40_000 : amount;
  return {
    id: i, bank: BANKS[(i - 1) % BANKS.length]!, payerAccount: `6222 0200 0000 ${String(i).padStart(4, '0')}`,
    referenceNo: `ZZ2026${String(i).padStart(6, '0')}`, payer: `幸福小区物业${i}号`, amount, used, remaining: amount - used,
    state, valueDate: '2026-11-20', accountId: i % 2 === 0 ? null : i, accountNo: i % 2 === 0 ? null : `H${String(i).padStart(8, '0')}`,
    hasImage: false, registeredBy: 2, registeredAt: '2026-11-20T01:30:00.000Z', ...overrides,
  };
}

export function sampleVouchers(count: number): VoucherView[] {
  return Array.from({ length: count }, (_, i) => sampleVoucher(i + 1));
}

/** Obligation `i` (from 1): 100.00 + i yuan; every third one overdue. */
export function sampleObligation(i: number, overrides: Partial<ObligationView> = {}): ObligationView {
  const overdue = i % 3 === 0;
  return {
    id: i, saleId: 100 + i, receiptNo: `A01-2026-${String(i).padStart(6, '0')}`, accountId: i, accountNo: `H${String(i).padStart(8, '0')}`,
    customerName: `张建国${i}`, clerkId: 3, clerkName: '王丽', shiftId: 7, amount: 10_000 + i * 100,
    businessDate: overdue ? '2026-10-03' : '2026-11-22', dueDate: overdue ? '2026-10-08' : '2026-11-24',
    state: overdue ? 'overdue' : 'pending', depositId: null, ...overrides,
  };
}

export function sampleDrop(i: number): CashDropView {
  return {
    id: i, shiftId: 7, clerkId: 3, clerkName: '王丽', receivedBy: 2, receivedByName: '李主管', amount: 500_000 + i * 100,
    at: '2026-11-22T08:15:00.000Z', depositId: null,
  };
}

/** A pending-deposits view whose overdue figures agree with its obligations. */
export function samplePending(obligations: number, drops: number): PendingDepositsView {
  const list = Array.from({ length: obligations }, (_, i) => sampleObligation(i + 1));
  const overdue = list.filter((o) => o.state === 'overdue');
  return {
    today: '2026-11-23', obligations: list, drops: Array.from({ length: drops }, (_, i) => sampleDrop(i + 1)),
    overdueCount: overdue.length, overdueAmount: overdue.reduce((sum, o) => sum + o.amount, 0),
    pendingAmount: list.reduce((sum, o) => sum + o.amount, 0),
  };
}
