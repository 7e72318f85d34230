/**
 * Cards and their journal (migration 0120): `cards`, `card_events`, `card_writes` and `card_write_events`,
 * all append-only. A card is blacklisted once it has a 'blacklisted' event; a write's state is its latest event.
 */
import type { Db } from './db';
import type { CardTable, CardWriteTable } from '../schema-cards';
import type { CardWriteState } from '../../../shared/contract/card-views';

export type CardRow = Omit<CardTable, 'id'> & { id: number };
export type CardWriteRow = Omit<CardWriteTable, 'id'> & { id: number };
export interface CardWriteEvent { readonly id: number; readonly state: CardWriteState; readonly at: string; readonly detail: Record<string, unknown> }

/** States after which the journal does nothing more to the card. */
export const FINAL_CARD_STATES: readonly CardWriteState[] = ['completed', 'voided'];

export async function insertCard(db: Db, row: Omit<CardTable, 'id'>): Promise<number> {
  return Number((await db.insertInto('cards').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function findCard(db: Db, id: number): Promise<CardRow | undefined> {
  return db.selectFrom('cards').selectAll().where('id', '=', id).executeTakeFirst() as Promise<CardRow | undefined>;
}

export async function findCardByNo(db: Db, cardNo: string): Promise<CardRow | undefined> {
  return db.selectFrom('cards').selectAll().where('card_no', '=', cardNo).executeTakeFirst() as Promise<CardRow | undefined>;
}

/** The meter's cards, newest first. */
export async function cardsOfMeter(db: Db, meterId: number): Promise<CardRow[]> {
  return db.selectFrom('cards').selectAll().where('meter_id', '=', meterId).orderBy('id', 'desc').execute() as Promise<CardRow[]>;
}

export async function appendCardEvent(db: Db, row: { card_id: number; kind: 'blacklisted' | 'cleared'; reason: string; user_id: number | null; approval_id: number | null; at: string }): Promise<void> {
  await db.insertInto('card_events').values(row).execute();
}

export async function cardEvents(db: Db, cardId: number) {
  return db.selectFrom('card_events').selectAll().where('card_id', '=', cardId).orderBy('id').execute();
}

export async function isBlacklisted(db: Db, cardId: number): Promise<boolean> {
  const row = await db.selectFrom('card_events').select('id').where('card_id', '=', cardId).where('kind', '=', 'blacklisted').executeTakeFirst();
  return row !== undefined;
}

/** A card ends when it is blacklisted (reported lost, replaced) or cleared (清卡). */
export async function cardEnded(db: Db, cardId: number): Promise<boolean> {
  const row = await db.selectFrom('card_events').select('id').where('card_id', '=', cardId).executeTakeFirst();
  return row !== undefined;
}

/** The meter's live user card: the newest that has not ended, if any. */
export async function liveCardOfMeter(db: Db, meterId: number): Promise<CardRow | undefined> {
  for (const card of await cardsOfMeter(db, meterId)) {
    if (card.kind === 'user' && !(await cardEnded(db, card.id))) return card;
  }
  return undefined;
}

/** The next card number: HallDesk's own cards are numbered from 10000001 (fits the layout's u32, clear of imported numbers). */
export async function nextCardNo(db: Db): Promise<string> {
  const row = await db.selectFrom('cards').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return String(10_000_001 + Number(row.n));
}

export async function insertCardWrite(db: Db, row: Omit<CardWriteTable, 'id'>): Promise<number> {
  return Number((await db.insertInto('card_writes').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function appendCardWriteEvent(db: Db, writeId: number, state: CardWriteState, at: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.insertInto('card_write_events').values({ write_id: writeId, state, at, detail: JSON.stringify(detail) }).execute();
}

export async function findCardWrite(db: Db, id: number): Promise<CardWriteRow | undefined> {
  return db.selectFrom('card_writes').selectAll().where('id', '=', id).executeTakeFirst() as Promise<CardWriteRow | undefined>;
}

export async function cardWriteOfSale(db: Db, saleId: number): Promise<CardWriteRow | undefined> {
  return db.selectFrom('card_writes').selectAll().where('sale_id', '=', saleId).executeTakeFirst() as Promise<CardWriteRow | undefined>;
}

export async function lastCardWriteEvent(db: Db, writeId: number): Promise<CardWriteEvent> {
  const row = await db.selectFrom('card_write_events').selectAll().where('write_id', '=', writeId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return { id: Number(row.id), state: row.state as CardWriteState, at: row.at, detail: JSON.parse(row.detail) as Record<string, unknown> };
}

type WithState = CardWriteRow & { state: CardWriteState };

function withLatestState(db: Db) {
  return db.selectFrom('card_writes as w').selectAll('w')
    .select((eb) => eb.selectFrom('card_write_events as e').select('e.state').whereRef('e.write_id', '=', 'w.id').orderBy('e.id', 'desc').limit(1).as('state'));
}

/** Writes of a card (or of every card when omitted) in order, each with its state. */
export async function cardWrites(db: Db, filter: { cardId?: number; meterId?: number } = {}): Promise<WithState[]> {
  let query = withLatestState(db);
  if (filter.cardId !== undefined) query = query.where('w.card_id', '=', filter.cardId);
  if (filter.meterId !== undefined) query = query.where('w.meter_id', '=', filter.meterId);
  const rows = await query.orderBy('w.id').execute();
  return rows.map((r) => ({ ...(r as CardWriteRow), state: r.state as CardWriteState }));
}

/** Writes not completed or voided, oldest first. */
export async function openCardWrites(db: Db, cardId?: number): Promise<WithState[]> {
  return (await cardWrites(db, cardId === undefined ? {} : { cardId })).filter((w) => !FINAL_CARD_STATES.includes(w.state));
}
