/** Building the card views (shared/contract/card-views.ts) from the card tables and a card read. */
import { cardEvents, cardWrites, findCard, findCardByNo, isBlacklisted } from '../../db/repositories/cards-repository';
import type { CardRow } from '../../db/repositories/cards-repository';
import { findMeter } from '../../db/repositories/meters-repository';
import type { Db } from '../../db/repositories/db';
import type { CardInReaderView, CardKind, CardView } from '../../../shared/contract/card-views';
import { cardWriteView } from './card-journal';
import type { CardRead } from './card-reading';

export async function cardView(db: Db, card: CardRow): Promise<CardView> {
  const replaced = card.replaces_card_id === null ? undefined : await findCard(db, Number(card.replaces_card_id));
  const events = (await cardEvents(db, Number(card.id))).map((e) => ({
    kind: e.kind as 'blacklisted' | 'cleared', reason: e.reason, at: e.at, userId: e.user_id === null ? null : Number(e.user_id),
  }));
  const writes = [];
  for (const w of await cardWrites(db, { cardId: Number(card.id) })) writes.push(await cardWriteView(db, w));
  return {
    id: Number(card.id), cardNo: card.card_no, kind: card.kind as CardKind, meterId: card.meter_id === null ? null : Number(card.meter_id),
    profile: card.profile, issuedAt: card.issued_at, issuedBy: Number(card.issued_by), replacesCardNo: replaced?.card_no ?? null,
    blacklisted: events.some((e) => e.kind === 'blacklisted'), events, writes,
  };
}

async function ownerOf(db: Db, meterId: number | null): Promise<{ meterNo: string | null; accountId: number | null; customerName: string | null }> {
  const meter = meterId === null ? undefined : await findMeter(db, meterId);
  if (!meter) return { meterNo: null, accountId: null, customerName: null };
  const row = await db.selectFrom('accounts as a').innerJoin('customers as c', 'c.id', 'a.customer_id')
    .select('c.name').where('a.id', '=', Number(meter.account_id)).executeTakeFirst();
  return { meterNo: meter.meter_no, accountId: Number(meter.account_id), customerName: row?.name ?? null };
}

/** What the counter shows of the card in the reader; `row` is the hall's record of it, if any. */
export async function inReaderView(db: Db, read: CardRead): Promise<{ view: CardInReaderView; row: CardRow | undefined }> {
  const d = read.decoded;
  const row = d ? await findCardByNo(db, String(d.cardNumber)) : undefined;
  const meterId = row?.meter_id === undefined || row.meter_id === null ? null : Number(row.meter_id);
  const owner = await ownerOf(db, meterId);
  const view: CardInReaderView = {
    state: read.state, cardNo: d ? String(d.cardNumber) : null, kind: d?.cardType ?? null, profile: d?.profileId ?? null,
    meterId, ...owner, purchaseCount: d?.purchaseCount ?? null, purchaseAmount: d ? Number(d.purchase.amount) : null,
    writeBack: d ? { remaining: d.writeBack.remaining, total: d.writeBack.totalEnergy, countLoaded: d.writeBack.countLoaded, status: d.writeBack.meterStatus } : null,
    loaded: d ? d.writeBack.countLoaded >= d.purchaseCount : null,
    blacklisted: row ? await isBlacklisted(db, Number(row.id)) : false, issuedAt: row?.issued_at ?? null, triesLeft: read.triesLeft,
  };
  return { view, row };
}
