/**
 * The card-write journal (issue 6 item 4). Every write to a card is recorded with the exact bytes intended
 * BEFORE the card is touched: a sale's purchase commits with the sale (recordCardWrite inside its
 * transaction), an issue or a replacement with its card row. Delivery then runs:
 *
 *   pending ──'sent' committed, then write + read-back──► completed
 *      │ the card was pulled, timed out, mismatched: stays 'sent' (the write may be half done) — cards.write
 *      │ again, or reconcile with the card in the reader
 *      └ wrong PSC / locked card ──► failed (never retried automatically: hardware.md §4.1, a locked card is lost)
 *
 * Reconciliation reads the card: it holds the write's bytes → completed; it does not → voided, and a sale's
 * purchase is reversed by the system (a card void) — never both, never neither.
 */
import { isCardError, openForWriting } from '../../hardware/cards';
import { lockRowsForUpdate } from '../../db/repositories/locks';
import type { CardReaderPort, CardSession } from '../../hardware/cards';
import { appendAudit } from '../../db/repositories/audit-repository';
import {
  appendCardWriteEvent, cardWrites, findCard, findCardWrite, insertCardWrite, lastCardWriteEvent,
} from '../../db/repositories/cards-repository';
import type { CardWriteRow } from '../../db/repositories/cards-repository';
import { findSale } from '../../db/repositories/sales-repository';
import type { Db } from '../../db/repositories/db';
import { DomainError } from '../../domain/errors';
import { found, inTransaction } from '../deps';
import type { Actor, ServiceDeps } from '../deps';
import type { CardWriteKind, CardWriteView } from '../../../shared/contract/card-views';
import { cardRefusalCode, fromHex, toHex } from './card-reading';

export interface CardWritePlan {
  readonly cardId: number;
  readonly meterId: number | null;
  readonly saleId: number | null;
  readonly kind: CardWriteKind;
  readonly purchaseCount: number;
  readonly amount: number;
  readonly address: number;
  readonly bytes: Uint8Array;
  readonly userId: number | null;
  readonly at: string;
  /** Recorded on the 'pending' event (an undo names the sale it takes back). */
  readonly detail?: Record<string, unknown>;
}

/** Inside the caller's transaction: the intended bytes and the 'pending' event. */
export async function recordCardWrite(db: Db, plan: CardWritePlan): Promise<number> {
  const id = await insertCardWrite(db, {
    card_id: plan.cardId, meter_id: plan.meterId, sale_id: plan.saleId, kind: plan.kind, purchase_count: plan.purchaseCount,
    amount: plan.amount, address: plan.address, image_hex: toHex(plan.bytes), created_by: plan.userId, created_at: plan.at,
  });
  await appendCardWriteEvent(db, id, 'pending', plan.at, plan.detail ?? {});
  return id;
}

export async function cardWriteView(db: Db, write: CardWriteRow): Promise<CardWriteView> {
  const card = found(await findCard(db, Number(write.card_id)), 'card');
  const last = await lastCardWriteEvent(db, Number(write.id));
  const sale = write.sale_id === null ? undefined : await findSale(db, Number(write.sale_id));
  const error = last.detail['error'];
  return {
    id: Number(write.id), cardId: Number(write.card_id), cardNo: card.card_no, meterId: write.meter_id === null ? null : Number(write.meter_id),
    saleId: write.sale_id === null ? null : Number(write.sale_id), receiptNo: sale?.receipt_no ?? null, kind: write.kind as CardWriteKind,
    purchaseCount: Number(write.purchase_count), amount: Number(write.amount), state: last.state, createdAt: write.created_at,
    lastEventAt: last.at, lastError: typeof error === 'string' ? error : null,
  };
}

/** The bytes a write intends, and whether the card image holds them. */
export function writeBytes(write: CardWriteRow): Uint8Array {
  return fromHex(write.image_hex);
}
export function cardHolds(image: Uint8Array, write: CardWriteRow): boolean {
  const bytes = writeBytes(write);
  const address = Number(write.address);
  return Buffer.from(image.subarray(address, address + bytes.length)).equals(Buffer.from(bytes));
}

/** Checks that the session's card may take this write: the right card (or a blank one for an issue). */
export type CardCheck = (session: CardSession, write: CardWriteRow) => Promise<'write' | 'already-there'>;

/**
 * How long a counter's 'sent' claims a card write (issue 8: "a card is locked while one counter works on it").
 * A write takes seconds; a counter that crashed mid-write leaves a claim that lapses after this, and its own
 * counter may retry at once. Until then another counter is refused rather than writing the same purchase twice.
 */
export const CARD_WRITE_CLAIM_MS = 2 * 60_000;

/** The refusal when another counter's claim on the write is live, else null. */
function claimedElsewhere(current: { state: string; detail: Record<string, unknown> }, counterCode: string, now: Date): DomainError | null {
  const { counter, until } = current.detail;
  if (current.state !== 'sent' || typeof counter !== 'string' || typeof until !== 'string') return null;
  if (counter === counterCode || Date.parse(until) <= now.getTime()) return null;
  const beijing = new Date(Date.parse(until) + 8 * 3_600_000).toISOString().slice(11, 19);
  return new DomainError('card-write-in-progress', { counter, until: beijing });
}

export function createCardJournal(deps: ServiceDeps, port: () => CardReaderPort) {
  async function mark(writeId: number, state: 'sent' | 'completed' | 'failed', detail: Record<string, unknown>, actor: Actor | null): Promise<void> {
    await inTransaction(deps, async (trx) => {
      // The write's row lock makes reading its state and appending the next event one step across counters.
      await lockRowsForUpdate(trx, 'card_writes', [writeId]);
      const last = await lastCardWriteEvent(trx, writeId);
      const current = last.state;
      if (current === 'completed' || current === 'voided') throw new DomainError('card-write-closed', { state: current });
      const now = deps.clock.now();
      const refusal = state === 'sent' ? claimedElsewhere(last, deps.counterCode, now) : null;
      if (refusal) throw refusal;
      const at = now.toISOString();
      const claim = state === 'sent' ? { counter: deps.counterCode, until: new Date(now.getTime() + CARD_WRITE_CLAIM_MS).toISOString() } : {};
      await appendCardWriteEvent(trx, writeId, state, at, { ...detail, ...claim });
      if (state !== 'sent') await appendAudit(trx, { at, userId: actor?.userId ?? null, action: `card.write-${state}`, entity: 'card_write', entityId: writeId, after: detail });
    });
  }

  /**
   * Delivers one write to the card in the reader: 'sent' is committed before the card is touched, then the
   * bytes are written and read back. An interruption leaves it 'sent' and answers card-write-interrupted.
   */
  async function deliver(actor: Actor, writeId: number, psc: Uint8Array, check: CardCheck): Promise<CardWriteView> {
    const write = found(await findCardWrite(deps.db, writeId), 'card write');
    const state = (await lastCardWriteEvent(deps.db, writeId)).state;
    if (state === 'completed') return cardWriteView(deps.db, write);
    if (state === 'voided') throw new DomainError('card-write-closed', { state });
    await mark(writeId, 'sent', { by: actor.userId }, actor);
    let session: CardSession | null = null;
    try {
      session = await openForWriting(port(), undefined, psc);
      if ((await check(session, write)) === 'write') await session.writeVerified(Number(write.address), writeBytes(write));
    } catch (error) {
      if (isCardError(error, 'wrong-psc') || isCardError(error, 'locked')) {
        await mark(writeId, 'failed', { error: error.code, triesLeft: error.details.triesLeft ?? null }, actor);
        throw new DomainError(cardRefusalCode(error.code), { triesLeft: String(error.details.triesLeft ?? 0) });
      }
      if (isCardError(error)) throw new DomainError('card-write-interrupted', { code: error.code });
      throw error;
    } finally {
      await session?.close();
    }
    await mark(writeId, 'completed', { kind: write.kind, purchaseCount: Number(write.purchase_count) }, actor);
    return cardWriteView(deps.db, found(await findCardWrite(deps.db, writeId), 'card write'));
  }

  return { deliver };
}

/** The card's writes not completed or voided, with their rows. */
export async function openWritesOfCard(db: Db, cardId: number): Promise<CardWriteRow[]> {
  return (await cardWrites(db, { cardId })).filter((w) => w.state !== 'completed' && w.state !== 'voided');
}
