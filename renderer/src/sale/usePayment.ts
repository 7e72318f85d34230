import { useCallback, useEffect, useState } from 'react';
import type { VoucherView } from '../../../shared/contract/money-views';
import type { AccountView } from '../../../shared/contract/views';
import type { ApiClient } from '../api/client';

export type PayMethod = 'cash' | 'voucher';

/** Vouchers this account may draw on: its own, or unassigned ones, with something left. */
export function usableVouchers(vouchers: readonly VoucherView[], accountId: number): VoucherView[] {
  return vouchers.filter((v) => v.remaining > 0 && (v.accountId === null || v.accountId === accountId));
}

function merge(a: readonly VoucherView[], b: readonly VoucherView[]): VoucherView[] {
  const seen = new Set(a.map((v) => v.id));
  return [...a, ...b.filter((v) => !seen.has(v.id))];
}

/**
 * How the customer pays: cash, or a registered bank-transfer voucher (the account's own, listed when the
 * customer is picked, or an unassigned one found by its reference number).
 */
export function usePayment(client: ApiClient, account: AccountView | null) {
  const [method, setMethod] = useState<PayMethod>('cash');
  const [voucherId, setVoucherId] = useState<number | null>(null);
  const [vouchers, setVouchers] = useState<VoucherView[]>([]);
  const [refText, setRefText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const accountId = account?.id ?? null;

  const reload = useCallback(async () => {
    if (accountId === null) return setVouchers([]);
    const found = await client.call('vouchers.search', { accountId, limit: 50 });
    if (!found.ok) return setError(found.error.message);
    setVouchers((current) => merge(usableVouchers(found.value, accountId), usableVouchers(current, accountId)));
  }, [client, accountId]);

  useEffect(() => {
    setMethod('cash');
    setVoucherId(null);
    setVouchers([]);
    setRefText('');
    setError(null);
    void reload();
  }, [reload]);

  const findByRef = useCallback(async () => {
    const query = refText.trim();
    if (!query || accountId === null) return;
    const found = await client.call('vouchers.search', { query, limit: 20 });
    if (!found.ok) return setError(found.error.message);
    const usable = usableVouchers(found.value, accountId);
    setError(null);
    setVouchers((current) => merge(current, usable));
    if (usable[0]) setVoucherId(usable[0].id);
  }, [client, refText, accountId]);

  const voucher = vouchers.find((v) => v.id === voucherId) ?? null;
  const choose = (next: PayMethod) => {
    setMethod(next);
    if (next === 'voucher' && voucherId === null && vouchers[0]) setVoucherId(vouchers[0].id);
  };
  return { method, choose, voucherId, voucher, setVoucherId, vouchers, refText, setRefText, findByRef, reload, error };
}

export type PaymentModel = ReturnType<typeof usePayment>;
