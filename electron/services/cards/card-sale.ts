/**
 * A card meter's sale inside its transaction (issue 6 item 3): the purchase for the meter's live card,
 * journaled with the exact bytes before anything touches the card. The purchase count is the card's last +
 * 1 (hardware.md §4.2: the meter credits only count = its own + 1). While the previous purchase has not
 * reached the meter (no write-back or reading shows its count), a new sale is refused unless a supervisor
 * approves (subject { kind: 'card_unloaded', meterId }); then the purchases accumulate on the card under the
 * same count, so the meter still takes them in one insertion and never sees a gap.
 */
import { counterSpan, encodeCard, HALLDESK_V1 } from '../../hardware/cards';
import type { CardContent, CardPurchase } from '../../hardware/cards';
import { fen, units } from '../../../shared/money';
import { cardWrites, liveCardOfMeter } from '../../db/repositories/cards-repository';
import type { CardRow, CardWriteRow } from '../../db/repositories/cards-repository';
import type { MeterRow } from '../../db/repositories/meters-repository';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import { appendAudit } from '../../db/repositories/audit-repository';
import type { Db } from '../../db/repositories/db';
import { DomainError } from '../../domain/errors';
import { consumeApproval } from '../approvals-service';
import type { Actor } from '../deps';
import { databaseKeyStore, hallCodeOf } from './card-keys';
import { recordCardWrite } from './card-journal';

export const CARD_RULES_SETTING = 'card_rules';

/**
 * unissuedCardSales: sell to a card meter that has no HallDesk card (its cards are written by another
 * program, e.g. during a migration from the old vendor software). Off by default: the sale would credit nothing.
 */
export async function unissuedSalesAllowed(db: Db): Promise<boolean> {
  const stored = await getSetting(db, CARD_RULES_SETTING);
  return stored ? (JSON.parse(stored) as { unissuedCardSales?: boolean }).unissuedCardSales === true : false;
}

/** cards.setRules (admin): audited with the reason. */
export async function setCardRules(db: Db, actor: Actor, rules: { unissuedCardSales: boolean; reason: string }, at: string): Promise<{ unissuedCardSales: boolean }> {
  const before = { unissuedCardSales: await unissuedSalesAllowed(db) };
  const after = { unissuedCardSales: rules.unissuedCardSales };
  await setSetting(db, CARD_RULES_SETTING, JSON.stringify(after));
  await appendAudit(db, { at, userId: actor.userId, action: 'setting.set', entity: 'setting', entityId: CARD_RULES_SETTING, before, after: { ...after, reason: rules.reason } });
  return after;
}

/** A meter's card number on the card: its comm address as 12 digits (the simulator and DL/T 645 use the same). */
export function meterNumberOf(meter: Pick<MeterRow, 'comm_address'>): string {
  if (!/^\d{1,12}$/.test(meter.comm_address)) throw new DomainError('card-meter-number-unsupported', { address: meter.comm_address });
  return meter.comm_address.padStart(12, '0');
}

export function cardContent(card: CardRow, meter: MeterRow, customerId: number, hallCode: string, purchase: { amount: number; count: number }): CardContent {
  const measure: CardPurchase = meter.credit_kind === 'money' ? { measure: 'fen', amount: fen(purchase.amount) } : { measure: 'units', amount: units(purchase.amount) };
  return {
    cardType: 'user', hallCode, meterNumber: meterNumberOf(meter), customerNumber: String(customerId).padStart(12, '0'),
    cardNumber: Number(card.card_no), purchase: measure, purchaseCount: purchase.count,
  };
}

/** The whole layout, header to the end of the meter's write-back area: what a new card starts with, zeroed write-back included. */
export function layoutSpan(): { address: number; length: number } {
  const span = counterSpan(HALLDESK_V1);
  const end = Math.max(span.address + span.length, ...HALLDESK_V1.fields.map((f) => f.offset + f.length));
  return { address: span.address, length: end - span.address };
}

/**
 * The bytes for this content (what is journaled, written and compared): the counter's span for a purchase
 * (the meter's write-back is left as the meter wrote it), the whole layout for a new card.
 */
export async function counterBytes(db: Db, content: CardContent, whole = false): Promise<{ address: number; bytes: Uint8Array }> {
  const { macKey } = await databaseKeyStore(db).secretsFor(content.hallCode);
  const span = whole ? layoutSpan() : counterSpan(HALLDESK_V1);
  return { address: span.address, bytes: encodeCard(HALLDESK_V1, content, macKey).subarray(span.address, span.address + span.length) };
}

/** The card's latest write that stands (not voided): what the card carries now, or will once delivered. */
export async function standingWrite(db: Db, cardId: number): Promise<(CardWriteRow & { state: string }) | undefined> {
  return (await cardWrites(db, { cardId })).filter((w) => w.state !== 'voided' && w.kind !== 'clear').at(-1);
}

/** The highest purchase count the meter is known to have loaded (write-backs and readings), 0 if none. */
async function loadedCount(db: Db, meterId: number): Promise<number> {
  const row = await db.selectFrom('meter_readings').select((eb) => eb.fn.max('purchase_count').as('n'))
    .where('meter_id', '=', meterId).where('quality', '=', 'good').executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface CardPurchaseInput {
  readonly saleId: number;
  readonly meter: MeterRow;
  readonly customerId: number;
  readonly amount: number;
  readonly actor: Actor;
  readonly at: string;
  readonly now: Date;
  readonly loadApprovalId?: number;
}

async function purchaseFor(db: Db, card: CardRow, input: CardPurchaseInput): Promise<{ amount: number; count: number }> {
  const last = await standingWrite(db, Number(card.id));
  if (last && last.state !== 'completed') throw new DomainError('card-write-open', { cardNo: card.card_no });
  const lastCount = last ? Number(last.purchase_count) : 0;
  const unloaded = last !== undefined && last.kind !== 'issue' && Number(last.amount) > 0 && (await loadedCount(db, input.meter.id)) < lastCount;
  if (!unloaded) return { amount: input.amount, count: lastCount + 1 };
  if (input.loadApprovalId === undefined) throw new DomainError('card-purchase-not-loaded', { count: String(lastCount) });
  await consumeApproval(db, {
    approvalId: input.loadApprovalId, actor: input.actor, now: input.now, entity: 'sale', entityId: input.saleId,
    wanted: { kind: 'card_unloaded', meterId: input.meter.id },
  });
  return { amount: Number(last.amount) + input.amount, count: lastCount };
}

/**
 * Inside the sale's transaction: the card write for a card meter, or null (not a card meter, or — when the
 * hall allows it — a meter without a HallDesk card).
 */
export async function recordCardPurchase(db: Db, input: CardPurchaseInput): Promise<number | null> {
  if (input.meter.credit_via !== 'card') return null;
  const card = await liveCardOfMeter(db, input.meter.id);
  if (!card) {
    if (await unissuedSalesAllowed(db)) return null;
    throw new DomainError('card-not-issued');
  }
  const purchase = await purchaseFor(db, card, input);
  const content = cardContent(card, input.meter, input.customerId, await hallCodeOf(db), purchase);
  const { address, bytes } = await counterBytes(db, content);
  return recordCardWrite(db, {
    cardId: Number(card.id), meterId: input.meter.id, saleId: input.saleId, kind: 'purchase', purchaseCount: purchase.count,
    amount: purchase.amount, address, bytes, userId: input.actor.userId, at: input.at,
  });
}
