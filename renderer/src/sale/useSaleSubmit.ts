import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../shared/contract/views';
import type { ApiClient } from '../api/client';
import { attemptFor } from './attempt';
import type { Attempt } from './attempt';
import { requestKey } from './request';
import type { SaleRequest } from './request';

/**
 * idle → sending → done, or back to idle with the backend's refusal, or "uncertain" when the answer was
 * lost: then the sale may or may not have happened, the entry is locked and only a retry with the SAME
 * idempotency key (F8) settles it — the backend answers the stored sale if the first call went through.
 */
export type SubmitPhase = 'idle' | 'sending' | 'uncertain' | 'done';

export interface SaleOrder {
  readonly meterId: number;
  readonly request: SaleRequest;
  readonly tendered: number;
  /** Paid by drawing on this bank-transfer voucher (tendered is then the payable). */
  readonly voucherId?: number;
  /** A supervisor's approval of holiday cash. */
  readonly approvalId?: number;
  /** A supervisor's approval to sell while the card's previous purchase has not reached the meter (issue 6). */
  readonly loadApprovalId?: number;
}

export function useSaleSubmit(client: ApiClient) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<SubmitPhase>('idle');
  const [sale, setSale] = useState<SaleView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const attempt = useRef<Attempt | null>(null);
  const lastOrder = useRef<SaleOrder | null>(null);
  const busy = useRef(false);

  const submit = useCallback(async (order: SaleOrder): Promise<SaleView | null> => {
    if (busy.current) return null;
    busy.current = true;
    lastOrder.current = order;
    const fingerprint = `${requestKey(order.meterId, order.request, order.tendered)}:v${order.voucherId ?? ''}:a${order.approvalId ?? ''}:l${order.loadApprovalId ?? ''}`;
    attempt.current = attemptFor(attempt.current, fingerprint);
    setPhase('sending');
    setError(null);
    setErrorCode(null);
    const result = await client.call('sales.sell', { ...order, idempotencyKey: attempt.current.key });
    busy.current = false;
    if (result.ok) {
      attempt.current = null;
      setSale(result.value);
      setPhase('done');
      return result.value;
    }
    // The database server went away under the sale: its COMMIT may or may not have landed, so, as for a lost
    // answer, the entry stays as typed and locked until the same key is sent again (or the clerk abandons).
    const away = result.error.code === 'database-unreachable';
    const lost = result.error.code === 'network' || away;
    setPhase(lost ? 'uncertain' : 'idle');
    setError(lost && !away ? t('sale.uncertain') : result.error.message);
    setErrorCode(result.error.code);
    return null;
  }, [client, t]);

  /** Sends the last order again, with its key: the way out of "uncertain". */
  const retry = useCallback(() => (lastOrder.current ? submit(lastOrder.current) : Promise.resolve(null)), [submit]);

  /** Sends the last (refused) order again with more in it, e.g. a supervisor's approval it lacked. */
  const retryWith = useCallback((extra: Pick<SaleOrder, 'loadApprovalId'>) => (lastOrder.current ? submit({ ...lastOrder.current, ...extra }) : Promise.resolve(null)), [submit]);

  const reset = useCallback(() => {
    attempt.current = null;
    lastOrder.current = null;
    setPhase('idle');
    setSale(null);
    setError(null);
    setErrorCode(null);
  }, []);

  return { phase, sale, error, errorCode, submit, retry, retryWith, reset, locked: phase === 'sending' || phase === 'uncertain' };
}

export type SaleSubmitModel = ReturnType<typeof useSaleSubmit>;
