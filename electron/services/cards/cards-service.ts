/**
 * Cards at the counter (issue 6): the reader and the card in it, delivering journaled writes, a meter's
 * cards, loss reports, clearing (清卡) and reading the meter's write-back. Issue and replacement are in
 * card-issue.ts, reconciliation and card-sale reversal in card-reconcile.ts. The reader is reached through
 * the CardReaderPort the composition root picks (PC/SC, the card-file simulator in demo mode, a test's).
 */
import { isCardError } from '../../hardware/cards';
import { lockAccountOfMeter } from '../../db/repositories/locks';
import type { CardReaderPort } from '../../hardware/cards';
import { appendAudit } from '../../db/repositories/audit-repository';
import { appendCardEvent, cardsOfMeter, cardWrites, findCardByNo, isBlacklisted, liveCardOfMeter } from '../../db/repositories/cards-repository';
import { findMeter, setMeterState } from '../../db/repositories/meters-repository';
import { insertReading } from '../../db/repositories/readings-repository';
import { DomainError } from '../../domain/errors';
import { found, inTransaction, nowIso } from '../deps';
import type { Actor, ServiceDeps } from '../deps';
import type { CardReadBackView, CardStatusView, CardView, CardWriteView } from '../../../shared/contract/card-views';
import { databaseKeyStore, hallCodeOf } from './card-keys';
import { checkCardFor } from './card-check';
import { cardWriteView, createCardJournal, openWritesOfCard } from './card-journal';
import { cardRefusalCode, readCardInReader } from './card-reading';
import type { CardRead } from './card-reading';
import { cardView, inReaderView } from './card-views';

/** The reader port, or null where this workstation has none configured. */
export type CardPortSource = () => CardReaderPort | null;

export function createCardsCore(deps: ServiceDeps, portSource: CardPortSource) {
  const keys = databaseKeyStore(deps.db);
  const secrets = async () => keys.secretsFor(await hallCodeOf(deps.db));
  const port = (): CardReaderPort => {
    const p = portSource();
    if (!p) throw new DomainError('card-reader-not-available');
    return p;
  };
  const journal = createCardJournal(deps, port);

  /** Reads the card in the reader; card-layer failures become translated refusals. */
  async function readCard(): Promise<CardRead> {
    try {
      return await readCardInReader(port(), (await secrets()).macKey);
    } catch (error) {
      if (isCardError(error)) throw new DomainError(cardRefusalCode(error.code), { triesLeft: String(error.details.triesLeft ?? 0) });
      throw error;
    }
  }

  /** The card in the reader that the hall issued and that still stands; refuses anything else. */
  async function ourCard(read: CardRead) {
    if (read.state !== 'ours' || !read.decoded) throw new DomainError(read.state === 'tampered' ? 'card-tampered' : 'card-not-ours');
    return found(await findCardByNo(deps.db, String(read.decoded.cardNumber)), 'card');
  }

  async function status(): Promise<CardStatusView> {
    const p = portSource();
    if (!p) return { available: false, problem: 'card-reader-not-available', readers: [], card: null, openWrites: [] };
    let readers: string[] = [];
    try {
      readers = await p.listReaders();
      const read = await readCardInReader(p, (await secrets()).macKey);
      const { view, row } = await inReaderView(deps.db, read);
      const open = row ? await openWritesOfCard(deps.db, Number(row.id)) : [];
      const openWrites: CardWriteView[] = [];
      for (const w of open) openWrites.push(await cardWriteView(deps.db, w));
      return { available: true, problem: null, readers, card: view, openWrites };
    } catch (error) {
      if (!isCardError(error)) throw error;
      return { available: error.code !== 'not-available', problem: cardRefusalCode(error.code), readers, card: null, openWrites: [] };
    }
  }

  async function write(actor: Actor, writeId: number): Promise<CardWriteView> {
    const { psc, macKey } = await secrets();
    return journal.deliver(actor, writeId, psc, checkCardFor(deps.db, macKey));
  }

  async function ofMeter(meterId: number): Promise<CardView[]> {
    found(await findMeter(deps.db, meterId), 'meter');
    const views: CardView[] = [];
    for (const card of await cardsOfMeter(deps.db, meterId)) views.push(await cardView(deps.db, card));
    return views;
  }

  async function pending(): Promise<CardWriteView[]> {
    const views: CardWriteView[] = [];
    for (const w of (await cardWrites(deps.db)).filter((x) => x.state !== 'completed' && x.state !== 'voided')) views.push(await cardWriteView(deps.db, w));
    return views;
  }

  /** The customer reports the card lost: blacklisted at once, for ever (a found card is refused). */
  async function reportLoss(actor: Actor, meterId: number, reason: string): Promise<CardView> {
    return inTransaction(deps, async (trx) => {
      await lockAccountOfMeter(trx, meterId);
      const card = await liveCardOfMeter(trx, meterId);
      if (!card) throw new DomainError('card-none-live');
      const at = nowIso(deps);
      await appendCardEvent(trx, { card_id: Number(card.id), kind: 'blacklisted', reason, user_id: actor.userId, approval_id: null, at });
      await appendAudit(trx, { at, userId: actor.userId, action: 'card.report-loss', entity: 'card', entityId: Number(card.id), after: { cardNo: card.card_no, reason } });
      return cardView(trx, card);
    });
  }

  /** The meter's write-back on the card in the reader, stored as the meter's reading (quality good, flagged). */
  async function readBack(actor: Actor): Promise<CardReadBackView> {
    const read = await readCard();
    const card = await ourCard(read);
    if (card.meter_id === null || !read.decoded) throw new DomainError('card-not-ours');
    const wb = read.decoded.writeBack;
    // A card that has not been in its meter since it was written carries an empty write-back: nothing to read.
    if (wb.countLoaded === 0 && wb.totalEnergy === 0 && wb.remaining === 0 && wb.meterStatus === 0) throw new DomainError('card-no-write-back');
    const meterId = Number(card.meter_id);
    return inTransaction(deps, async (trx) => {
      await lockAccountOfMeter(trx, meterId); // remaining is written absolute: not across a sale's credit
      const at = nowIso(deps);
      const readingId = await insertReading(trx, {
        meter_id: meterId, sweep_id: null, read_at: at, total: wb.totalEnergy, remaining: wb.remaining, overdraft: null,
        purchase_count: wb.countLoaded, relay: null, valve: null, flags: JSON.stringify(['card-write-back']), quality: 'good', attempts: 1,
        error_code: null, error_message: null,
      });
      if (wb.remaining >= 0) await setMeterState(trx, meterId, { remaining: wb.remaining });
      await appendAudit(trx, { at, userId: actor.userId, action: 'card.read-back', entity: 'meter', entityId: meterId, after: { cardNo: card.card_no, ...wb } });
      return { meterId, readingId, remaining: wb.remaining, total: wb.totalEnergy, countLoaded: wb.countLoaded };
    });
  }

  return { keys, secrets, port, journal, readCard, ourCard, status, write, ofMeter, pending, reportLoss, readBack, isBlacklisted };
}

export type CardsCore = ReturnType<typeof createCardsCore>;
