import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, SaleView } from '../../../shared/contract/views';
import { fen, formatUnits, units } from '../../../shared/money';
import type { ApiClient } from '../api/client';
import type { RequestApproval } from '../approval/useApprovalDialog';
import type { FocusControl } from '../keys/focus';
import { parseTender } from '../money/input';
import type { Tender } from '../money/input';
import { unitLabel, yuan } from '../money/format';
import { saleBlocker } from './blocker';
import type { Blocker } from './blocker';
import { onStep, parseSaleRequest } from './request';
import type { ParsedRequest } from './request';
import { usePayment } from './usePayment';
import type { PaymentModel } from './usePayment';
import { useQuote } from './useQuote';
import type { SaleQuote } from './useQuote';
import { useSaleEntry } from './useSaleEntry';
import type { SaleEntryModel } from './useSaleEntry';
import { useSaleSubmit } from './useSaleSubmit';
import type { SaleOrder, SaleSubmitModel } from './useSaleSubmit';

export interface SaleOptions {
  readonly shiftOpen: boolean;
  readonly focus: FocusControl['focus'];
  readonly onSold: (sale: SaleView) => void;
  /** Opens the supervisor approval dialog (holiday cash on a bank-transfer-only account). */
  readonly approve?: RequestApproval;
  /** False while the shared database server cannot be reached (system.databaseStatus): selling is paused. */
  readonly databaseReachable?: boolean;
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
  readonly quote: SaleQuote | null;
  readonly payment: PaymentModel;
}

/** The order to send: by voucher (tendered = payable), or cash, with a supervisor's approval where the rules need one. */
async function orderFor(p: ConfirmParts, meterId: number, tendered: number): Promise<SaleOrder | null> {
  if (!p.parsed.ok || !p.quote) return null;
  const base = { meterId, request: p.parsed.request, tendered };
  if (p.payment.method === 'voucher') return p.payment.voucherId === null ? null : { ...base, voucherId: p.payment.voucherId };
  if (p.quote.cashRule.cash !== 'needs-approval') return base;
  if (!p.options.approve) return null;
  const approvalId = await p.options.approve({ kind: 'holiday_cash', meterId, amount: p.quote.payable });
  return approvalId === null ? null : { ...base, approvalId };
}

/** F8 / Enter on the tender: retry an uncertain sale, send the clerk to what is missing, or sell. */
async function confirmSale(p: ConfirmParts): Promise<void> {
  const { submit, blocker, tender, meterId, options } = p;
  if (blocker === 'offline') return;
  const settle = (sale: SaleView | null) => {
    if (!sale) return;
    options.onSold(sale);
    void p.payment.reload();
    options.focus('next-sale');
  };
  if (submit.phase === 'uncertain') return submit.retry().then(settle);
  p.touch();
  if (blocker === 'amount' || blocker === 'quote' || blocker === 'no-meter') return options.focus('amount', true);
  if (blocker === 'tender') return options.focus('tendered', true);
  if (blocker === 'no-shift') return options.focus('float');
  if (blocker !== null || !tender?.ok || meterId === null) return;
  const order = await orderFor(p, meterId, tender.tendered);
  if (order) await submit.submit(order).then(settle);
}

function paymentProblem(payment: PaymentModel, quote: SaleQuote | null): 'voucher' | 'cash-refused' | null {
  if (payment.method === 'voucher') return payment.voucherId === null ? 'voucher' : null;
  return quote?.cashRule.cash === 'refused' ? 'cash-refused' : null;
}

/** When the database server is back, the quote that failed while it was away is asked again, by itself. */
function useRequoteOnReturn(reachable: boolean, setRevision: (update: (r: number) => number) => void): void {
  const was = useRef(reachable);
  useEffect(() => {
    if (reachable && !was.current) setRevision((r) => r + 1);
    was.current = reachable;
  }, [reachable, setRevision]);
}

/** The sell panel's whole state: entry, live quote, payment, tender and change, and the confirmed sale. */
export function useSale(client: ApiClient, account: AccountView | null, options: SaleOptions) {
  const entry = useSaleEntry(account);
  const submit = useSaleSubmit(client);
  const payment = usePayment(client, account);
  const [revision, setRevision] = useState(0);
  const [attempted, setAttempted] = useState(false);
  const parsed = onStep(parseSaleRequest(entry.mode, entry.amountText), entry.meter?.unitStep ?? 1);
  const quote = useQuote(client, entry.meterId, parsed.ok ? parsed.request : null, revision);
  const payable = quote.quote ? fen(quote.quote.payable) : null;
  const byVoucher = payment.method === 'voucher';
  const tender: Tender | null = payable === null ? null : byVoucher ? { ok: true, tendered: payable, change: fen(0) } : parseTender(entry.tenderedText, payable);
  const blocker = saleBlocker({
    phase: submit.phase, shiftOpen: options.shiftOpen, meterId: entry.meterId, parsed, quotePending: quote.pending, quoteOk: !!quote.quote, tender,
    payment: paymentProblem(payment, quote.quote), offline: options.databaseReachable === false,
  });
  useRequoteOnReturn(options.databaseReachable !== false, setRevision);
  const messages = useSaleMessages(entry, parsed, tender, payable, attempted);
  const restart = () => {
    submit.reset();
    setAttempted(false);
    setRevision((r) => r + 1);
  };
  const parts = { submit, blocker, parsed, tender, meterId: entry.meterId, options, touch: () => setAttempted(true), quote: quote.quote, payment };
  return {
    entry, quote, submit, tender, blocker, payment, attempted, ...messages,
    confirm: async () => confirmSale(parts),
    /** Enter in the amount field: on to the tendered cash, or show why not. */
    advanceFromAmount: () => {
      setAttempted(true);
      if (parsed.ok && entry.meterId !== null) options.focus(byVoucher ? 'confirm' : 'tendered', true);
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
