/**
 * Find the sale, then reverse it with an approval; one idempotency key per sale looked up. A card sale whose
 * purchase is on the card is refused by sales.reverse (reversal-card-on-card): the card must be in the reader,
 * and cards.reverseSale takes the purchase off it first, with the same approval, reason and key (issue 6 item 4).
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReversalView } from '../../../shared/contract/money-views';
import type { SaleView } from '../../../shared/contract/views';
import { useApi } from '../api/ApiContext';
import type { Outcome } from '../api/client';
import { useRequestApproval } from '../approval/useApprovalDialog';
import { newIdempotencyKey } from '../sale/attempt';

/** What cards.reverseSale needs again after sales.reverse sent the clerk to the card reader. */
export interface CardReversal {
  readonly saleId: number;
  readonly approvalId: number;
  readonly reason: string;
  readonly idempotencyKey: string;
}

export function useReversal(onReversed: () => void) {
  const { t } = useTranslation();
  const client = useApi();
  const approve = useRequestApproval();
  const [receiptText, setReceiptText] = useState('');
  const [sale, setSale] = useState<SaleView | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ReversalView | null>(null);
  const [onCard, setOnCard] = useState<CardReversal | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string | null>(null);
  const settle = (result: Outcome<ReversalView>) => {
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setOnCard(null);
    setDone(result.value);
    onReversed();
  };
  const find = async () => {
    setDone(null);
    setOnCard(null);
    const result = await client.call('sales.byReceipt', { receiptNo: receiptText.trim() });
    setSale(result.ok ? result.value : null);
    setError(result.ok ? null : result.error.message);
    key.current = null;
  };
  const reverse = async () => {
    if (!sale) return;
    if (!reason.trim()) return setError(t('reversal.reasonRequired'));
    const approvalId = await approve({ kind: 'reversal', saleId: sale.id }, reason.trim());
    if (approvalId === null) return;
    key.current ??= newIdempotencyKey();
    const input = { saleId: sale.id, approvalId, reason: reason.trim(), idempotencyKey: key.current };
    const result = await client.call('sales.reverse', input);
    if (!result.ok && result.error.code === 'reversal-card-on-card') {
      setError(null);
      return setOnCard(input);
    }
    settle(result);
  };
  /** The card is in the reader: take the purchase off it and reverse, with what sales.reverse was given. */
  const reverseOnCard = async () => {
    if (!onCard || busy) return;
    setBusy(true);
    const result = await client.call('cards.reverseSale', onCard);
    setBusy(false);
    settle(result);
  };
  return { receiptText, setReceiptText, sale, reason, setReason, error, done, find, reverse, onCard, reverseOnCard, busy };
}

export type ReversalModel = ReturnType<typeof useReversal>;
