/**
 * Issuing a card for a meter (开户发卡) and a replacement card (补卡), and clearing a card (清卡). Each
 * records the card and its journaled write in one transaction, then delivers the write to the (blank)
 * card in the reader. A replacement needs the old card reported lost, a supervisor's approval (subject
 * { kind: 'card_replacement', meterId }) and the tariff's card fee, taken in cash under the counter's gapless
 * receipt serial with its ledger lines; the new card carries the old card's purchase and count, so the meter
 * neither loses an unloaded purchase nor sees a count gap (hardware.md §4.2).
 */
import { createHash } from 'node:crypto';
import { HALLDESK_V1 } from '../../hardware/cards';
import { appendAudit } from '../../db/repositories/audit-repository';
import { appendCardEvent, cardsOfMeter, insertCard, liveCardOfMeter, nextCardNo } from '../../db/repositories/cards-repository';
import { advisoryXactLock, idempotencyLockName, lockAccountOfMeter } from '../../db/repositories/locks';
import type { CardRow } from '../../db/repositories/cards-repository';
import { appendLedger } from '../../db/repositories/ledger-repository';
import { findMeter } from '../../db/repositories/meters-repository';
import type { MeterRow } from '../../db/repositories/meters-repository';
import { allocateReceiptNo } from '../../db/repositories/receipts-repository';
import { findTariff } from '../../db/repositories/tariffs-repository';
import type { Db } from '../../db/repositories/db';
import { DomainError } from '../../domain/errors';
import { planCardFee } from '../../domain/sales/ledger-plan';
import { businessDate, businessYear } from '../../domain/time/business-time';
import { fen, formatYuan } from '../../../shared/money';
import { activeMeterOf, openAccountOrRefuse } from '../accounts-service';
import { consumeApproval } from '../approvals-service';
import { requireOpenShift } from '../shifts-service';
import { found, inTransaction, nowIso } from '../deps';
import type { Actor, ServiceDeps } from '../deps';
import type { ContractInput } from '../../../shared/contract/methods';
import type { CardReplacementView, CardView } from '../../../shared/contract/card-views';
import { hallCodeOf } from './card-keys';
import { recordCardWrite } from './card-journal';
import { cardContent, counterBytes, layoutSpan, standingWrite } from './card-sale';
import type { CardsCore } from './cards-service';
import { cardView } from './card-views';

async function cardMeter(db: Db, meterId: number): Promise<MeterRow & { customerId: number }> {
  const meter = found(await findMeter(db, meterId), 'meter');
  const account = await openAccountOrRefuse(db, Number(meter.account_id));
  await activeMeterOf(db, Number(account.id), meterId);
  if (meter.credit_via !== 'card') throw new DomainError('card-meter-not-card');
  return { ...meter, customerId: Number(account.customer_id) };
}

/** The highest purchase count the meter has shown (readings, write-backs), for a first HallDesk card. */
async function meterCount(db: Db, meterId: number): Promise<number> {
  const row = await db.selectFrom('meter_readings').select((eb) => eb.fn.max('purchase_count').as('n')).where('meter_id', '=', meterId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

interface NewCard {
  readonly meter: MeterRow & { customerId: number };
  readonly purchase: { amount: number; count: number };
  readonly replaces: CardRow | null;
  readonly kind: 'user' | 'check';
}

/** Inside a transaction: the card row, its journaled first write, the meter's card number, the audit. */
async function recordNewCard(db: Db, deps: ServiceDeps, actor: Actor, n: NewCard): Promise<{ card: CardRow; writeId: number }> {
  const at = nowIso(deps);
  const cardNo = await nextCardNo(db);
  const id = await insertCard(db, {
    card_no: cardNo, meter_id: n.meter.id, kind: n.kind, profile: HALLDESK_V1.id, replaces_card_id: n.replaces ? Number(n.replaces.id) : null,
    issued_by: actor.userId, issued_at: at,
  });
  const card = found(await db.selectFrom('cards').selectAll().where('id', '=', id).executeTakeFirst(), 'card') as CardRow;
  const content = { ...cardContent(card, n.meter, n.meter.customerId, await hallCodeOf(db), n.purchase), cardType: n.kind };
  const { address, bytes } = await counterBytes(db, content, true);
  const writeId = await recordCardWrite(db, {
    cardId: id, meterId: n.meter.id, saleId: null, kind: n.replaces ? 'replacement' : 'issue', purchaseCount: n.purchase.count,
    amount: n.purchase.amount, address, bytes, userId: actor.userId, at,
  });
  if (n.kind === 'user') await db.updateTable('meters').set({ card_no: cardNo }).where('id', '=', n.meter.id).execute();
  const action = n.replaces ? 'card.replace' : n.kind === 'check' ? 'card.issue-check' : 'card.issue';
  await appendAudit(db, { at, userId: actor.userId, action, entity: 'card', entityId: id, after: { cardNo, kind: n.kind, meterId: n.meter.id, replaces: n.replaces?.card_no ?? null, purchase: n.purchase } });
  return { card, writeId };
}

function replacementHash(input: ContractInput<'cards.replace'>): string {
  return createHash('sha256').update(JSON.stringify([input.meterId, input.approvalId, input.tendered])).digest('hex');
}

export function createCardIssue(deps: ServiceDeps, core: CardsCore) {
  /** Refuses unless the reader holds a blank card (read before anything is recorded). */
  async function requireBlank(): Promise<void> {
    const read = await core.readCard();
    if (read.state !== 'blank') throw new DomainError('card-not-blank');
  }

  async function issue(actor: Actor, meterId: number, kind: 'user' | 'check'): Promise<CardView> {
    await requireBlank();
    const { card, writeId } = await inTransaction(deps, async (trx) => {
      await lockAccountOfMeter(trx, meterId); // one live card per meter, even when two counters issue at once
      const meter = await cardMeter(trx, meterId);
      if (kind === 'user' && await liveCardOfMeter(trx, meterId)) throw new DomainError('card-already-issued');
      const purchase = { amount: 0, count: kind === 'user' ? await meterCount(trx, meterId) : 0 };
      return recordNewCard(trx, deps, actor, { meter, purchase, replaces: null, kind });
    });
    await core.write(actor, writeId);
    return cardView(deps.db, card);
  }

  /** The card id of an earlier replacement under the same idempotency key, or null. */
  async function replayedCard(db: Db, input: ContractInput<'cards.replace'>): Promise<number | null> {
    const replay = await db.selectFrom('card_fees').selectAll().where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
    if (!replay) return null;
    if (replay.request_hash !== replacementHash(input)) throw new DomainError('idempotency-conflict');
    return Number(replay.card_id);
  }

  async function replace(actor: Actor, input: ContractInput<'cards.replace'>): Promise<CardReplacementView> {
    const earlier = await replayedCard(deps.db, input);
    if (earlier !== null) return replacementView(deps.db, earlier, true);
    await requireBlank();
    const done = await inTransaction(deps, async (trx) => {
      // The same key at two counters at once: the second waits here, then replays the first (see sales-service).
      await advisoryXactLock(trx, idempotencyLockName('card-fee', input.idempotencyKey));
      const cardId = await replayedCard(trx, input);
      return cardId !== null ? { cardId, writeId: null } : recordReplacement(trx, actor, input);
    });
    if (done.writeId === null) return replacementView(deps.db, done.cardId, true);
    await core.write(actor, done.writeId);
    return replacementView(deps.db, done.cardId, false);
  }

  async function recordReplacement(trx: Db, actor: Actor, input: ContractInput<'cards.replace'>): Promise<{ cardId: number; writeId: number }> {
    await lockAccountOfMeter(trx, input.meterId);
    const meter = await cardMeter(trx, input.meterId);
    if (await liveCardOfMeter(trx, input.meterId)) throw new DomainError('card-replace-needs-loss');
    const old = (await cardsOfMeter(trx, input.meterId)).find((c) => c.kind === 'user');
    if (!old) throw new DomainError('card-none-to-replace');
    const fee = fen(Number(found(await findTariff(trx, Number(meter.tariff_id)), 'tariff').card_fee_fen));
    if (input.tendered < fee) throw new DomainError('tendered-too-little', { payable: formatYuan(fee) });
    const shift = await requireOpenShift(trx, actor, deps.counterCode);
    const now = deps.clock.now();
    const approvalId = input.approvalId;
    await consumeApproval(trx, { approvalId, actor, now, entity: 'meter', entityId: meter.id, wanted: { kind: 'card_replacement', meterId: meter.id } });
    const last = await standingWrite(trx, Number(old.id));
    const { card, writeId } = await recordNewCard(trx, deps, actor, {
      meter, purchase: { amount: last ? Number(last.amount) : 0, count: last ? Number(last.purchase_count) : 0 }, replaces: old, kind: 'user',
    });
    const receiptNo = await allocateReceiptNo(trx, deps.counterCode, businessYear(now));
    const at = now.toISOString();
    await appendLedger(trx, receiptNo, planCardFee(meter.id, fee), { saleId: null, accountId: Number(meter.account_id), shiftId: Number(shift.id), at });
    await trx.insertInto('card_fees').values({
      receipt_no: receiptNo, idempotency_key: input.idempotencyKey, request_hash: replacementHash(input), card_id: Number(card.id), meter_id: meter.id,
      account_id: Number(meter.account_id), amount_fen: fee, tendered_fen: input.tendered, approval_id: approvalId, clerk_id: actor.userId,
      shift_id: Number(shift.id), counter_code: deps.counterCode, business_date: businessDate(now), created_at: at,
    }).execute();
    return { cardId: Number(card.id), writeId };
  }

  async function replacementView(db: Db, cardId: number, replayed: boolean): Promise<CardReplacementView> {
    const fee = found(await db.selectFrom('card_fees').selectAll().where('card_id', '=', cardId).executeTakeFirst(), 'card fee');
    const card = found(await db.selectFrom('cards').selectAll().where('id', '=', cardId).executeTakeFirst(), 'card') as CardRow;
    const view = await cardView(db, card);
    const write = view.writes[0]!;
    return {
      card: view, oldCardNo: view.replacesCardNo ?? '', feeReceiptNo: fee.receipt_no, fee: Number(fee.amount_fen),
      change: Number(fee.tendered_fen) - Number(fee.amount_fen), writeId: write.id, replayed,
    };
  }

  /**
   * 清卡: the card in the reader is wiped back to blank, once it can hold nothing of value — blacklisted, or
   * its purchase loaded by the meter with no write open. The card then ends (the meter needs a new one).
   */
  async function clear(actor: Actor, reason: string): Promise<CardView> {
    const read = await core.readCard();
    const card = await core.ourCard(read);
    const decoded = read.decoded!;
    const blacklisted = await core.isBlacklisted(deps.db, Number(card.id));
    const open = (await standingWrite(deps.db, Number(card.id)))?.state !== 'completed';
    if (!blacklisted && (open || decoded.writeBack.countLoaded < decoded.purchaseCount)) throw new DomainError('card-clear-holds-purchase');
    const span = layoutSpan();
    const writeId = await inTransaction(deps, (trx) => recordCardWrite(trx, {
      cardId: Number(card.id), meterId: card.meter_id === null ? null : Number(card.meter_id), saleId: null, kind: 'clear',
      purchaseCount: decoded.purchaseCount, amount: 0, address: span.address, bytes: new Uint8Array(span.length), userId: actor.userId, at: nowIso(deps),
    }));
    await core.write(actor, writeId);
    return inTransaction(deps, async (trx) => {
      const at = nowIso(deps);
      await appendCardEvent(trx, { card_id: Number(card.id), kind: 'cleared', reason, user_id: actor.userId, approval_id: null, at });
      await appendAudit(trx, { at, userId: actor.userId, action: 'card.clear', entity: 'card', entityId: Number(card.id), after: { cardNo: card.card_no, reason } });
      return cardView(trx, card);
    });
  }

  return { issue, replace, clear };
}
