/**
 * 补卡: the fee (the meter's tariff cardFee, tariffs.list), the cash tendered, a supervisor's approval
 * (subject card_replacement), then cards.replace. One idempotency key per attempt (same meter, approval and
 * tendered): a retry after a lost answer answers the stored replacement instead of charging twice.
 */
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardReplacementView } from '../../../shared/contract/card-views';
import type { MeterView } from '../../../shared/contract/views';
import { fen } from '../../../shared/money';
import type { Fen } from '../../../shared/money';
import type { ApiClient } from '../api/client';
import { ApprovalContext } from '../approval/useApprovalDialog';
import { attemptFor } from '../sale/attempt';
import type { Attempt } from '../sale/attempt';
import { yuan } from '../money/format';
import { replacementTender } from './meterCards';

function useCardFee(client: ApiClient, meter: MeterView): Fen | null {
  const [fee, setFee] = useState<Fen | null>(null);
  useEffect(() => {
    let live = true;
    void client.call('tariffs.list', { utility: meter.utility }).then((result) => {
      const tariff = result.ok ? result.value.find((x) => x.id === meter.tariffId) : undefined;
      if (live) setFee(tariff ? fen(tariff.cardFee) : null);
    });
    return () => {
      live = false;
    };
  }, [client, meter.utility, meter.tariffId]);
  return fee;
}

export function useReplaceCard(client: ApiClient, meter: MeterView, onReplaced: (view: CardReplacementView) => void) {
  const { t } = useTranslation();
  const approve = useContext(ApprovalContext);
  const fee = useCardFee(client, meter);
  const [tenderedText, setTenderedText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<CardReplacementView | null>(null);
  const approvalId = useRef<number | null>(null);
  const attempt = useRef<Attempt | null>(null);
  const tender = replacementTender(tenderedText, fee);

  const submit = useCallback(async () => {
    if (busy || done) return;
    if (!tender.ok) return setError(t(`cards.replace.tender.${tender.problem}`, { fee: fee === null ? '' : yuan(fee) }));
    if (!approve) return setError(t('cards.replace.noApproval'));
    approvalId.current ??= await approve({ kind: 'card_replacement', meterId: meter.id }, t('cards.replace.approvalReason', { meterNo: meter.meterNo }));
    if (approvalId.current === null) return;
    attempt.current = attemptFor(attempt.current, `${meter.id}:${approvalId.current}:${tender.tendered}`);
    setBusy(true);
    setError(null);
    const result = await client.call('cards.replace', { meterId: meter.id, approvalId: approvalId.current, tendered: tender.tendered, idempotencyKey: attempt.current.key });
    setBusy(false);
    if (!result.ok) {
      // A spent, expired or refused approval cannot be used again: the next try asks anew.
      if (result.error.code.startsWith('approval-')) approvalId.current = null;
      return setError(result.error.message);
    }
    setDone(result.value);
    onReplaced(result.value);
  }, [busy, done, tender, fee, approve, meter.id, client, onReplaced, t]);

  return { fee, tenderedText, setTenderedText, tender, error, busy, done, submit };
}

export type ReplaceCardModel = ReturnType<typeof useReplaceCard>;
