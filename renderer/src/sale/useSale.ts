import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, SaleView } from '../../../shared/contract/views';
import { fen, formatUnits, units } from '../../../shared/money';
import type { ApiClient } from '../api/client';
import type { FocusControl } from '../keys/focus';
import { parseTender } from '../money/input';
import type { Tender } from '../money/input';
import { unitLabel, yuan } from '../money/format';
import { saleBlocker } from './blocker';
import type { Blocker } from './blocker';
import { onStep, parseSaleRequest } from './request';
import type { ParsedRequest } from './request';
import { useQuote } from './useQuote';
import { useSaleEntry } from './useSaleEntry';
import type { SaleEntryModel } from './useSaleEntry';
import { useSaleSubmit } from './useSaleSubmit';
import type { SaleSubmitModel } from './useSaleSubmit';

export interface SaleOptions {
  readonly shiftOpen: boolean;
  readonly focus: FocusControl['focus'];
  readonly onSold: (sale: SaleView) => void;
}

/** The messages under the amount and tendered fields, in the clerk's language. */
function useSaleMessages(entry: SaleEntryModel, parsed: ParsedRequest, tender: Tender | null, payable: number | null, attempted: boolean) {
  const { t } = useTranslation();
  const step = {
    step: formatUnits(units(entry.meter?.unitStep ?? 1)).replace(/\.00$/, ''),
    unit: entry.meter ? unitLabel(entry.meter.utility) : '',
  };
  const amountError = !parsed.ok && (parsed.problem !== 'empty' || attempted) ? t(`input.${parsed.problem}.${entry.mode}`, step) : null;
  const tenderError = tender && !tender.ok && payable !== null ? t(`input.${tender.problem}.tendered`, { payable: yuan(payable) }) : null;
  return { amountError, tenderError };
}

interface ConfirmParts {
  readonly submit: SaleSubmitModel;
  readonly blocker: Blocker;
  readonly parsed: ParsedRequest;
  readonly tender: Tender | null;
  readonly meterId: number | null;
  readonly options: SaleOptions;
  readonly touch: () => void;
}

/** F8 / Enter on the tender: retry an uncertain sale, send the clerk to what is missing, or sell. */
function confirmSale({ submit, blocker, parsed, tender, meterId, options, touch }: ConfirmParts): Promise<void> | void {
  const { focus, onSold } = options;
  const settle = (sale: SaleView | null) => {
    if (!sale) return;
    onSold(sale);
    focus('next-sale');
  };
  if (submit.phase === 'uncertain') return submit.retry().then(settle);
  touch();
  if (blocker === 'amount' || blocker === 'quote' || blocker === 'no-meter') return focus('amount', true);
  if (blocker === 'tender') return focus('tendered', true);
  if (blocker === 'no-shift') return focus('float');
  if (blocker !== null || !parsed.ok || !tender?.ok || meterId === null) return;
  return submit.submit({ meterId, request: parsed.request, tendered: tender.tendered }).then(settle);
}

/** The sell panel's whole state: entry, live quote, tender and change, and the confirmed sale. */
export function useSale(client: ApiClient, account: AccountView | null, options: SaleOptions) {
  const entry = useSaleEntry(account);
  const submit = useSaleSubmit(client);
  const [revision, setRevision] = useState(0);
  const [attempted, setAttempted] = useState(false);
  const parsed = onStep(parseSaleRequest(entry.mode, entry.amountText), entry.meter?.unitStep ?? 1);
  const quote = useQuote(client, entry.meterId, parsed.ok ? parsed.request : null, revision);
  const payable = quote.quote ? fen(quote.quote.payable) : null;
  const tender = payable === null ? null : parseTender(entry.tenderedText, payable);
  const blocker = saleBlocker({
    phase: submit.phase, shiftOpen: options.shiftOpen, meterId: entry.meterId, parsed, quotePending: quote.pending, quoteOk: !!quote.quote, tender,
  });
  const messages = useSaleMessages(entry, parsed, tender, payable, attempted);
  const restart = () => {
    submit.reset();
    setAttempted(false);
    setRevision((r) => r + 1);
  };
  return {
    entry, quote, submit, tender, blocker, ...messages,
    confirm: async () => confirmSale({ submit, blocker, parsed, tender, meterId: entry.meterId, options, touch: () => setAttempted(true) }),
    /** Enter in the amount field: on to the tendered cash, or show why not. */
    advanceFromAmount: () => {
      setAttempted(true);
      if (parsed.ok && entry.meterId !== null) options.focus('tendered', true);
    },
    /** Ready for the next sale: nothing typed, a fresh quote, a fresh idempotency key. */
    next: () => {
      restart();
      entry.clearAmounts();
    },
    /** A customer was picked: sell to the meter the search matched (or the first one). */
    begin: (next: AccountView, meterNo: string | null) => {
      if (submit.locked) return;
      restart();
      entry.begin(next, meterNo);
    },
  };
}

export type SaleModel = ReturnType<typeof useSale>;
