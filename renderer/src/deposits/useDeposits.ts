import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepositView, PendingDepositsView } from '../../../shared/contract/money-views';
import type { ApiClient } from '../api/client';
import { NOTHING, selectedTotal, stillPending, validSlipRef } from './selection';
import type { DepositSelection } from './selection';

/** The deposits page: what waits to be banked, what was banked, and recording a bank deposit slip. */
export function useDeposits(client: ApiClient, today: string | null, onChanged: () => void) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<PendingDepositsView | null>(null);
  const [history, setHistory] = useState<readonly DepositView[]>([]);
  const [selection, setSelection] = useState<DepositSelection>(NOTHING);
  const [form, setForm] = useState({ bank: '', slipRef: '', depositDate: today ?? '' });
  const [error, setError] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<DepositView | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [p, h] = await Promise.all([client.call('deposits.pending', {}), client.call('deposits.list', { limit: 50 })]);
    if (p.ok) {
      setPending(p.value);
      setSelection((s) => stillPending(p.value.obligations, p.value.drops, s));
      setForm((f) => (f.depositDate ? f : { ...f, depositDate: p.value.today }));
    } else setError(p.error.message);
    if (h.ok) setHistory(h.value);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const total = pending ? selectedTotal(pending.obligations, pending.drops, selection) : 0;
  const record = async () => {
    if (total <= 0) return setError(t('deposits.selectFirst'));
    if (!form.bank.trim() || !validSlipRef(form.slipRef)) return setError(t('deposits.formIncomplete'));
    setBusy(true);
    const result = await client.call('deposits.record', {
      bank: form.bank.trim(), slipRef: form.slipRef.trim(), amount: total, depositDate: form.depositDate, obligationIds: [...selection.obligationIds], dropIds: [...selection.dropIds],
    });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setRecorded(result.value);
    setSelection(NOTHING);
    setForm((f) => ({ ...f, slipRef: '' }));
    await load();
    onChanged();
  };
  return { pending, history, selection, setSelection, form, setForm, total, error, recorded, busy, record, load };
}

export type DepositsModel = ReturnType<typeof useDeposits>;
