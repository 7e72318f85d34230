import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractOutput } from '../../../shared/contract/methods';
import type { AccountView } from '../../../shared/contract/views';
import type { ApiClient } from '../api/client';
import type { RequestApproval } from '../approval/useApprovalDialog';
import { closableMeters, closePlan, hasOverdraft } from './closePlan';
import type { Residual } from './closePlan';

export type ClosedAccount = ContractOutput<'accounts.close'>;

export interface AccountCloseOptions {
  readonly approve: RequestApproval;
  readonly shiftOpen: boolean;
  readonly onClosed: (closed: ClosedAccount) => void;
}

interface Order {
  readonly accountId: number;
  readonly residuals: readonly Residual[];
  readonly reason: string;
  readonly total: number;
}

/**
 * The supervisor's approval for a refund of `total` on the account, asked once: a close the backend
 * refused for another reason (a residual over its cap, say) may be retried with the same approval as
 * long as the amount is unchanged.
 */
function useRefundApproval(approve: RequestApproval) {
  const granted = useRef<{ accountId: number; amount: number; id: number } | null>(null);
  const forOrder = useCallback(async (order: Order): Promise<number | null> => {
    const g = granted.current;
    if (g && g.accountId === order.accountId && g.amount === order.total) return g.id;
    const id = await approve({ kind: 'refund', accountId: order.accountId, amount: order.total }, order.reason);
    granted.current = id === null ? null : { accountId: order.accountId, amount: order.total, id };
    return id;
  }, [approve]);
  const forget = useCallback(() => { granted.current = null; }, []);
  return { forOrder, forget };
}

/** What stops the close before anything is asked, in the clerk's language; null when it may go on. */
function useOrder(account: AccountView | null, texts: Record<number, string>, reason: string, shiftOpen: boolean) {
  const { t } = useTranslation();
  return (): Order | string => {
    if (!account) return t('closeAccount.noAccount');
    const meters = closableMeters(account);
    const plan = closePlan(meters, texts);
    if (!plan.ok) {
      const meterNo = meters.find((m) => m.id === plan.meterId)?.meterNo ?? '';
      return t('closeAccount.badResidual', { meterNo, problem: t(`input.${plan.problem}.money`) });
    }
    if (hasOverdraft(meters)) return t('closeAccount.overdraft');
    if (!reason.trim()) return t('closeAccount.reasonRequired');
    if (plan.total > 0 && !shiftOpen) return t('closeAccount.noShift');
    return { accountId: account.id, residuals: plan.residuals, reason: reason.trim(), total: plan.total };
  };
}

/** accounts.close itself, and what it answered: the closed account, or the translated refusal. */
function useCloseCall(client: ApiClient, forgetApproval: () => void, onClosed: (closed: ClosedAccount) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ClosedAccount | null>(null);
  const send = async (o: Order, approvalId: number | null) => {
    setBusy(true);
    const input = { accountId: o.accountId, residuals: [...o.residuals], reason: o.reason };
    const closed = await client.call('accounts.close', approvalId === null ? input : { ...input, approvalId });
    setBusy(false);
    if (!closed.ok) {
      // An approval that expired or was used cannot be offered again: the next try asks anew.
      if (closed.error.code.startsWith('approval-')) forgetApproval();
      return setError(closed.error.message);
    }
    setError(null);
    setResult(closed.value);
    onClosed(closed.value);
  };
  const reset = () => {
    setError(null);
    setResult(null);
  };
  return { busy, error, setError, result, send, reset };
}

/**
 * 销户 at the counter: the dialog's state (residuals typed per meter, the reason), the supervisor's
 * approval when money goes back, then accounts.close and its result (refund total, receipt number).
 */
export function useAccountClose(client: ApiClient, account: AccountView | null, options: AccountCloseOptions) {
  const [open, setOpen] = useState(false);
  const [texts, setTexts] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [approving, setApproving] = useState(false);
  const approval = useRefundApproval(options.approve);
  const call = useCloseCall(client, approval.forget, options.onClosed);
  const order = useOrder(account, texts, reason, options.shiftOpen);

  const start = () => {
    if (!account || account.status !== 'open') return;
    approval.forget();
    call.reset();
    setTexts({});
    setReason('');
    setOpen(true);
  };
  const cancel = () => { if (!call.busy && !approving) setOpen(false); };
  const submit = async () => {
    if (call.busy || approving || call.result) return;
    const o = order();
    if (typeof o === 'string') return call.setError(o);
    call.setError(null);
    if (o.total === 0) return call.send(o, null);
    setApproving(true);
    const approvalId = await approval.forOrder(o);
    setApproving(false);
    if (approvalId !== null) await call.send(o, approvalId);
  };
  const plan = account ? closePlan(closableMeters(account), texts) : null;
  return {
    open, account, texts, reason, setReason, approving, start, cancel, submit,
    busy: call.busy, error: call.error, result: call.result,
    setResidual: (meterId: number, text: string) => setTexts((all) => ({ ...all, [meterId]: text })),
    total: plan?.ok ? plan.total : null,
  };
}

export type AccountCloseModel = ReturnType<typeof useAccountClose>;
