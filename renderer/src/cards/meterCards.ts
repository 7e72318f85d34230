/**
 * What the customer panel offers for a card meter's cards (一表一卡, hardware.md §4.2), from cards.ofMeter
 * (newest first): the live card can be reported lost (挂失); a lost card is replaced (补卡, fee and approval);
 * a meter with no card — or whose card was cleared (清卡) — gets a new one (发卡).
 */
import type { CardView } from '../../../shared/contract/card-views';
import { normalizeNumberText, parseTender } from '../money/input';
import type { Fen } from '../../../shared/money';
import { fen, parseYuan } from '../../../shared/money';

export type CardStanding = 'live' | 'blacklisted' | 'cleared';

export function standingOf(card: CardView): CardStanding {
  if (card.blacklisted) return 'blacklisted';
  return card.events.some((e) => e.kind === 'cleared') ? 'cleared' : 'live';
}

export interface MeterCardActions {
  readonly live: CardView | null;
  readonly canIssue: boolean;
  readonly canReportLoss: boolean;
  readonly canReplace: boolean;
}

export function meterCardActions(cards: readonly CardView[]): MeterCardActions {
  const users = cards.filter((c) => c.kind === 'user');
  const live = users.find((c) => standingOf(c) === 'live') ?? null;
  const latest = users[0] ?? null;
  return {
    live,
    canIssue: !live && (latest === null || standingOf(latest) === 'cleared'),
    canReportLoss: live !== null,
    canReplace: !live && latest !== null && standingOf(latest) === 'blacklisted',
  };
}

export type ReplacementTender =
  | { readonly ok: true; readonly tendered: Fen; readonly change: Fen | null }
  | { readonly ok: false; readonly problem: 'empty' | 'format' | 'too-large' | 'short' };

/**
 * The cash handed over for the replacement fee, exact fen (shared/money parseYuan, never floats). With the
 * fee known, empty means "exactly the fee" and less is refused; without it (the tariff could not be read)
 * an amount must be typed and the backend judges it (tendered-too-little names the fee).
 */
export function replacementTender(text: string, fee: Fen | null): ReplacementTender {
  if (fee !== null) {
    const tender = parseTender(text, fee);
    return tender.ok ? tender : { ok: false, problem: tender.problem };
  }
  const clean = normalizeNumberText(text);
  if (clean === '') return { ok: false, problem: 'empty' };
  const value = parseYuan(clean);
  if (value === null) return { ok: false, problem: /^\d+(\.\d{1,2})?$/.test(clean) ? 'too-large' : 'format' };
  return { ok: true, tendered: fen(value), change: null };
}
