/**
 * The counter's cards (issue 6 items 3 and 7): the reader polled while the counter is shown, a card of ours
 * put in the reader opens its customer (and stores the meter's write-back once per insertion), a card sale's
 * journaled write delivered right after sales.sell, and the recovery prompt for any write left open.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { CardInReaderView, CardStatusView } from '../../../shared/contract/card-views';
import { useApi } from '../api/ApiContext';
import { useReaderHolds } from '../cards/cardBusy';
import { cardToOpen, insertionOf, openWriteOf } from '../cards/cardState';
import { useCardDemo } from '../cards/useCardDemo';
import { useCardIssue } from '../cards/useCardIssue';
import { useCardStatus } from '../cards/useCardStatus';
import { useCardWrite } from '../cards/useCardWrite';
import type { CounterModel } from './useCounter';

/** The meter has written something back to the card (a fresh card carries zeros, which are no reading). */
export function hasWriteBack(card: CardInReaderView): boolean {
  const wb = card.writeBack;
  return wb !== null && (wb.countLoaded > 0 || wb.total > 0 || wb.remaining > 0);
}

export function useCardCounter(model: CounterModel, active: boolean) {
  const client = useApi();
  const { account, drawer, openAccount } = model;
  const reloadAfterWrite = useCallback(() => {
    void account.reload();
    void drawer.reload();
  }, [account, drawer]);
  const writer = useCardWrite(client, reloadAfterWrite);
  const issue = useCardIssue(client, () => void account.reload());
  const lastInsertion = useRef<string | null>(null);
  const started = useRef(new Set<number>());

  const openCard = async (card: CardInReaderView) => {
    const open = cardToOpen(card);
    if (!open) return;
    if (hasWriteBack(card)) await client.call('cards.readBack', {});
    await openAccount(open.accountId, open.meterNo);
  };
  const onStatus = (status: CardStatusView) => {
    const insertion = insertionOf(status);
    if (insertion !== null && insertion !== lastInsertion.current) {
      lastInsertion.current = insertion;
      if (insertion !== '' && status.card) void openCard(status.card);
    }
    const open = openWriteOf(status);
    if (open) writer.adopt(open);
  };
  const holds = useReaderHolds();
  const status = useCardStatus(client, active, writer.busy || issue.busy || holds.held, onStatus);
  const demo = useCardDemo(client, () => void status.refresh());

  // A card sale answers with its write pending: deliver it at once (the card is in the reader).
  const sold = model.sale.submit.sale;
  useEffect(() => {
    const write = sold?.cardWrite;
    if (!write || write.state === 'completed' || write.state === 'voided' || started.current.has(write.writeId)) return;
    started.current.add(write.writeId);
    void writer.start(write.writeId);
  }, [sold, writer]);
  // On to the next sale: the last one's "written" line goes (a failure or a refund stays until dealt with).
  const { phase } = writer.state;
  const { dismiss } = writer;
  useEffect(() => {
    if (!sold && phase === 'written') dismiss();
  }, [sold, phase, dismiss]);

  return { status, demo, writer, issue, holdReader: holds.hold };
}

export type CardCounterModel = ReturnType<typeof useCardCounter>;
