import { describe, expect, it } from 'vitest';
import type { VoucherView } from '../../../shared/contract/money-views';
import { usableVouchers } from './usePayment';

const voucher = (id: number, accountId: number | null, remaining: number) => ({ id, accountId, remaining } as VoucherView);

describe('vouchers a sale may draw on', () => {
  it('are the account\u2019s own and unassigned ones with something left', () => {
    const all = [voucher(1, 7, 100), voucher(2, null, 5), voucher(3, 8, 100), voucher(4, 7, 0), voucher(5, null, 0)];
    expect(usableVouchers(all, 7).map((v) => v.id)).toEqual([1, 2]);
    expect(usableVouchers(all, 8).map((v) => v.id)).toEqual([2, 3]);
  });
});
