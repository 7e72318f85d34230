/**
 * Card meters in the simulator: a simulated meter takes an inserted card image (256 bytes, a layout of
 * hardware/cards/layout) the way a prepaid card meter does (hardware.md §4.2, State Grid Proc_UserCardMoney):
 * the purchase credits only when the card's purchase count is the meter's + 1 (purchase.ts); the same count
 * credits nothing and only writes back; a lower count is a stale card (written back too); a gap of two or
 * more is an error and the card is left as it was. The write-back area gets the remaining amount, the total
 * energy, the status word and the count loaded, so the counter can read them from the card.
 *
 * The meter checks the card is a user card for this meter, in its measure (money meters take fen, energy
 * meters 0.01 units), and — when it is given the hall's key — the MAC (a real meter checks its own way).
 */
import { CardLayoutError, decodeCard, encodeWriteBack, findProfile } from '../../cards/layout/codec';
import type { CardProfile } from '../../cards/layout/profile';
import { BUILT_IN_PROFILES } from '../../cards/layout/profiles';
import type { PurchaseOutcome, PurchaseResult } from './purchase';

export interface CardMeterLike {
  readonly address: string;
  /** 'money' meters take fen, 'energy' ones 0.01 units (default money). */
  readonly creditKind?: 'money' | 'energy';
  insertCard(card: { purchaseCount: number; amount: number }): PurchaseResult;
  state(): { readonly totalEnergy: number; readonly remaining: number; readonly purchaseCount: number; readonly statusWord: number };
}

export type CardInsertOutcome = PurchaseOutcome | 'checked' | 'unknown-layout' | 'bad-mac' | 'not-a-user-card' | 'wrong-meter' | 'wrong-measure';

export interface CardInsertResult {
  readonly outcome: CardInsertOutcome;
  /** The card after the insertion: with the write-back area filled, or unchanged when refused. */
  readonly image: Uint8Array;
  readonly remaining: number;
  readonly purchaseCount: number;
}

export interface CardInsertOptions {
  /** Check the card's MAC with this key (the hall's); without it the MAC is not checked. */
  readonly macKey?: Uint8Array;
  readonly profiles?: readonly CardProfile[];
}

const WRITES_BACK: ReadonlySet<CardInsertOutcome> = new Set(['credited', 'already-loaded', 'stale-card']);
const sameNumber = (a: string, b: string): boolean => a.replace(/^0+/, '') === b.replace(/^0+/, '');

/** Inserts a card image into a simulated meter; returns the outcome and the card as the meter leaves it. */
export function insertCardImage(meter: CardMeterLike, image: Uint8Array, options: CardInsertOptions = {}): CardInsertResult {
  const profiles = options.profiles ?? BUILT_IN_PROFILES;
  const before = meter.state();
  const refuse = (outcome: CardInsertOutcome): CardInsertResult => ({ outcome, image: Uint8Array.from(image), remaining: before.remaining, purchaseCount: before.purchaseCount });
  const profile = findProfile(image, profiles);
  if (!profile) return refuse('unknown-layout');
  let card;
  try {
    card = decodeCard(image, options.macKey ?? new Uint8Array(32), profiles);
  } catch (error) {
    if (error instanceof CardLayoutError) return refuse('unknown-layout');
    throw error;
  }
  if (options.macKey && !card.macValid) return refuse('bad-mac');
  if (card.cardType === 'setting') return refuse('not-a-user-card');
  if (!sameNumber(card.meterNumber, meter.address)) return refuse('wrong-meter');
  // A check card (检查卡) collects the meter's data for the counter: the meter writes back and credits nothing.
  if (card.cardType === 'check') return { outcome: 'checked', image: writeBackOf(profile, image, meter), remaining: before.remaining, purchaseCount: before.purchaseCount };
  if ((meter.creditKind ?? 'money') !== (card.purchase.measure === 'fen' ? 'money' : 'energy')) return refuse('wrong-measure');
  const result = meter.insertCard({ purchaseCount: card.purchaseCount, amount: card.purchase.amount });
  if (!WRITES_BACK.has(result.outcome)) return { ...refuse(result.outcome), remaining: result.remaining, purchaseCount: result.purchaseCount };
  return { outcome: result.outcome, image: writeBackOf(profile, image, meter), remaining: result.remaining, purchaseCount: result.purchaseCount };
}

/** The card with the meter's state in its write-back area (remaining, total energy, status, count loaded). */
function writeBackOf(profile: CardProfile, image: Uint8Array, meter: CardMeterLike): Uint8Array {
  const after = meter.state();
  return encodeWriteBack(profile, image, {
    remaining: after.remaining, totalEnergy: after.totalEnergy, meterStatus: after.statusWord & 0xffff, countLoaded: after.purchaseCount,
  });
}
