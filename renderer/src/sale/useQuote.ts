import { useEffect, useState } from 'react';
import type { ContractOutput } from '../../../shared/contract/methods';
import type { ApiClient } from '../api/client';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { requestKey } from './request';
import type { SaleRequest } from './request';

/** A quote with the cash rules in force for this meter today. */
export type SaleQuote = ContractOutput<'sales.quote'>;

interface Answer {
  readonly key: string | null;
  readonly quote: SaleQuote | null;
  readonly error: string | null;
}

export const QUOTE_DEBOUNCE_MS = 150;

/**
 * The live quote (sales.quote) for what is typed, after a short pause. A quote is only ever shown for the
 * request it was made for: while a newer request is on its way the quote is "pending", never stale.
 * `revision` changes whenever the meter's state may have changed (after a sale), so an earlier quote for
 * the same text is never reused.
 */
export function useQuote(client: ApiClient, meterId: number | null, request: SaleRequest | null, revision = 0, delay = QUOTE_DEBOUNCE_MS) {
  const key = meterId !== null && request ? `${revision}|${requestKey(meterId, request)}` : null;
  const wanted = useDebouncedValue(key, delay);
  const [asked, setAsked] = useState<{ key: string; meterId: number; request: SaleRequest } | null>(null);
  const [answer, setAnswer] = useState<Answer>({ key: null, quote: null, error: null });

  if (wanted === key && (asked?.key ?? null) !== wanted) {
    setAsked(wanted !== null && meterId !== null && request ? { key: wanted, meterId, request } : null);
  }

  useEffect(() => {
    if (!asked) return undefined;
    let stale = false;
    void client.call('sales.quote', { meterId: asked.meterId, request: asked.request }).then((r) => {
      if (!stale) setAnswer({ key: asked.key, quote: r.ok ? r.value : null, error: r.ok ? null : r.error.message });
    });
    return () => { stale = true; };
  }, [client, asked]);

  const current = key !== null && answer.key === key;
  return {
    quote: current ? answer.quote : null,
    error: current ? answer.error : null,
    pending: key !== null && !current,
    /** For display only: the latest answer, shown dimmed while a newer one is pending (no jumping layout). */
    shown: key !== null ? answer.quote : null,
  };
}

export type QuoteModel = ReturnType<typeof useQuote>;
