/**
 * What the card strip shows and does, as pure functions of cards.status (shared/contract/card-views.ts):
 * the reader line, the warnings about the card in it, and when a card counts as newly inserted (the counter
 * opens its customer once per insertion — issue 6 item 3, "a card in the reader opens the customer").
 */
import type { CardInReaderView, CardStatusView, CardWriteView } from '../../../shared/contract/card-views';

export type CardWarning = 'blacklisted' | 'tampered' | 'foreign' | 'unreadable' | 'tries';

/** Warnings for the card in the reader; 'tries' when the PSC has fewer than 3 tries left (hardware.md §4.1: a locked card is lost). */
export function cardWarnings(card: CardInReaderView | null): CardWarning[] {
  if (!card) return [];
  const out: CardWarning[] = [];
  if (card.blacklisted) out.push('blacklisted');
  if (card.state === 'tampered' || card.state === 'foreign' || card.state === 'unreadable') out.push(card.state);
  if (card.triesLeft !== null && card.triesLeft < 3) out.push('tries');
  return out;
}

/** The reader line: ready, ready with a card, or the problem's error code (translated by the strip). */
export type ReaderLine = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly card: boolean } | { readonly kind: 'problem'; readonly code: string };

export function readerLine(status: CardStatusView | null): ReaderLine {
  if (!status) return { kind: 'loading' };
  if (status.card) return { kind: 'ready', card: true };
  if (!status.available) return { kind: 'problem', code: status.problem ?? 'card-reader-not-available' };
  // An empty reader is the normal state, not a problem to shout about.
  if (status.problem === null || status.problem === 'card-no-card') return { kind: 'ready', card: false };
  return { kind: 'problem', code: status.problem };
}

/**
 * The insertion a status shows: the card number of one of our cards, '' for an empty reader (or a card
 * that is not ours), or null when the status says nothing either way (a failed read mid-session): then the
 * last insertion stands, so a hiccup does not reopen the customer and wipe the clerk's sale.
 */
export function insertionOf(status: CardStatusView): string | null {
  if (status.card) return status.card.state === 'ours' && status.card.cardNo !== null ? status.card.cardNo : '';
  return status.problem === null || status.problem === 'card-no-card' || !status.available ? '' : null;
}

/** The customer to open for a newly inserted card: ours, not blacklisted, a user card of a known meter. */
export function cardToOpen(card: CardInReaderView | null): { accountId: number; meterNo: string | null } | null {
  if (!card || card.state !== 'ours' || card.blacklisted || card.kind !== 'user' || card.accountId === null) return null;
  return { accountId: card.accountId, meterNo: card.meterNo };
}

/** The open write the recovery prompt is about: the oldest unfinished write of the card in the reader. */
export function openWriteOf(status: CardStatusView | null): CardWriteView | null {
  return status?.openWrites[0] ?? null;
}

/** A card the supervisor may clear (清卡): one of ours in the reader (the backend decides whether it holds value). */
export function clearable(card: CardInReaderView | null): boolean {
  return card?.state === 'ours';
}
