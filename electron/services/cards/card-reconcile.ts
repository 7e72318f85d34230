/**
 * Settling a card's unfinished writes against the card itself (issue 6 item 4), and reversing a card sale
 * whose purchase is on the card.
 *
 * Reconcile (the card in the reader; the counter calls it when that card is inserted, or at start with a card
 * in the reader): for each open write of the card, oldest first — the card holds its bytes → completed;
 * it does not → voided, and if it was a sale's purchase the sale is reversed by the system (a card void, no
 * approval: the purchase provably never reached the card, so the customer's money goes back). An 'undo'
 * (the first half of cards.reverseSale) that the card holds completes the reversal the same way.
 *
 * reverseSale: the card must show the purchase and that the meter has not loaded it (write-back count below
 * the purchase count: hardware.md §4.2). The card's previous content is journaled as an 'undo' write and
 * written; only then do the compensating entries commit, spending the approval. A crash between the two is
 * settled by reconcile above — never both, never neither.
 */
import { createHash } from 'node:crypto';
import { appendAudit } from '../../db/repositories/audit-repository';
import { appendCardWriteEvent, cardWriteOfSale, cardWrites, findCardWrite, lastCardWriteEvent } from '../../db/repositories/cards-repository';
import { advisoryXactLock, idempotencyLockName, lockAccount, lockAccountOfMeter, lockRowsForUpdate } from '../../db/repositories/locks';
import type { CardWriteRow } from '../../db/repositories/cards-repository';
import { findReversalByKey, reversalOfSale } from '../../db/repositories/reversals-repository';
import { findSale } from '../../db/repositories/sales-repository';
import type { Db } from '../../db/repositories/db';
import { DomainError } from '../../domain/errors';
import { applyReversal, checkReversible, reversalView } from '../reversals-service';
import { checkApproval, consumeApproval } from '../approvals-service';
import { found, inTransaction, nowIso } from '../deps';
import type { Actor, ServiceDeps } from '../deps';
import type { ContractInput } from '../../../shared/contract/methods';
import type { CardReconcileView, CardWriteView } from '../../../shared/contract/card-views';
import type { ReversalView } from '../../../shared/contract/money-views';
import { cardHolds, cardWriteView, openWritesOfCard, recordCardWrite, writeBytes } from './card-journal';
import type { CardsCore } from './cards-service';

/** The sale a write's settlement reverses when the card does not hold it: its own sale, or the one an undo takes back. */
async function saleToVoid(db: Db, write: CardWriteRow, held: boolean): Promise<number | null> {
  if (write.kind === 'purchase' && !held) return write.sale_id === null ? null : Number(write.sale_id);
  if (write.kind !== 'undo' || !held) return null;
  const pending = (await db.selectFrom('card_write_events').select('detail').where('write_id', '=', Number(write.id)).orderBy('id').executeTakeFirstOrThrow());
  const saleId = (JSON.parse(pending.detail) as { saleId?: number }).saleId;
  return typeof saleId === 'number' ? saleId : null;
}

async function cardVoid(db: Db, deps: ServiceDeps, actor: Actor, saleId: number, write: CardWriteRow): Promise<string | null> {
  if (await reversalOfSale(db, saleId)) return null;
  const sale = found(await findSale(db, saleId), 'sale');
  const key = `card-void-${Number(write.id)}`;
  const view = await applyReversal(db, deps, {
    sale, actor, reason: `card write ${Number(write.id)} not on the card`, idempotencyKey: key,
    requestHash: createHash('sha256').update(key).digest('hex'), cause: 'card_void', approve: null, voidCardWrite: null,
  });
  return view.receiptNo;
}

export function createCardReconcile(deps: ServiceDeps, core: CardsCore) {
  async function settle(actor: Actor, write: CardWriteRow, image: Uint8Array, out: { completed: CardWriteView[]; voided: CardWriteView[]; receipts: string[] }) {
    const held = cardHolds(image, write);
    await inTransaction(deps, async (trx) => {
      // In the order every balance writer locks (account, its meters, then the write): a card void reverses a sale.
      if (write.meter_id !== null) await lockAccountOfMeter(trx, Number(write.meter_id));
      await lockRowsForUpdate(trx, 'card_writes', [Number(write.id)]);
      const state = (await lastCardWriteEvent(trx, Number(write.id))).state;
      if (state === 'completed' || state === 'voided') return;
      const at = nowIso(deps);
      const saleId = await saleToVoid(trx, write, held);
      const receipt = saleId === null ? null : await cardVoid(trx, deps, actor, saleId, write);
      await appendCardWriteEvent(trx, Number(write.id), held ? 'completed' : 'voided', at, { reconciled: true, reversalReceiptNo: receipt });
      if (write.kind === 'undo' && held && saleId !== null) {
        const purchase = await cardWriteOfSale(trx, saleId);
        if (purchase) await appendCardWriteEvent(trx, Number(purchase.id), 'voided', at, { undoneBy: Number(write.id) });
      }
      await appendAudit(trx, { at, userId: actor.userId, action: held ? 'card.reconcile-completed' : 'card.reconcile-voided', entity: 'card_write', entityId: Number(write.id), after: { receipt } });
      if (receipt) out.receipts.push(receipt);
    });
    const view = await cardWriteView(deps.db, found(await findCardWrite(deps.db, Number(write.id)), 'card write'));
    (view.state === 'completed' ? out.completed : out.voided).push(view);
  }

  async function reconcile(actor: Actor): Promise<CardReconcileView> {
    const read = await core.readCard();
    const card = await core.ourCard(read);
    const out = { completed: [] as CardWriteView[], voided: [] as CardWriteView[], receipts: [] as string[] };
    for (const write of await openWritesOfCard(deps.db, Number(card.id))) await settle(actor, write, read.image, out);
    return { cardNo: card.card_no, completed: out.completed, voided: out.voided, reversedReceipts: out.receipts };
  }

  /**
   * Checks and journals the undo; answers its write id. The card in the reader must show the unloaded purchase,
   * and the reversal must be one that will go through (approval usable, sale reversible) before the card is touched.
   */
  async function planUndo(actor: Actor, input: ContractInput<'cards.reverseSale'>): Promise<number> {
    const saleId = input.saleId;
    const read = await core.readCard();
    const card = await core.ourCard(read);
    return inTransaction(deps, async (trx) => {
      const sale = found(await findSale(trx, saleId), 'sale');
      await lockAccount(trx, Number(sale.account_id)); // the checks below hold until the undo is journaled
      await checkReversible(trx, sale);
      await checkApproval(trx, { approvalId: input.approvalId, actor, now: deps.clock.now(), wanted: { kind: 'reversal', saleId } });
      const purchase = await cardWriteOfSale(trx, saleId);
      if (!purchase || Number(purchase.card_id) !== Number(card.id)) throw new DomainError('card-wrong-card', { cardNo: card.card_no });
      if ((await lastCardWriteEvent(trx, Number(purchase.id))).state !== 'completed' || !cardHolds(read.image, purchase)) throw new DomainError('reversal-card-write-open');
      if (read.decoded!.writeBack.countLoaded >= Number(purchase.purchase_count)) throw new DomainError('reversal-consumed');
      const before = (await cardWrites(trx, { cardId: Number(card.id) })).filter((w) => w.id < purchase.id && w.state === 'completed' && w.kind !== 'undo').at(-1);
      if (!before) throw new DomainError('reversal-card-write-open');
      return recordCardWrite(trx, {
        cardId: Number(card.id), meterId: Number(purchase.meter_id), saleId: null, kind: 'undo', purchaseCount: Number(before.purchase_count),
        amount: Number(before.amount), address: Number(before.address), bytes: writeBytes(before), userId: actor.userId, at: nowIso(deps), detail: { saleId },
      });
    });
  }

  async function reverseSale(actor: Actor, input: ContractInput<'cards.reverseSale'>): Promise<ReversalView> {
    const replay = await findReversalByKey(deps.db, input.idempotencyKey);
    if (replay) return reversalView(replay, true);
    const undoId = await planUndo(actor, input);
    await core.write(actor, undoId);
    return inTransaction(deps, async (trx) => {
      // The same key from two counters at once: one reversal, one replay (see sales-service replayOrNull).
      await advisoryXactLock(trx, idempotencyLockName('reversal', input.idempotencyKey));
      const again = await findReversalByKey(trx, input.idempotencyKey);
      if (again) return reversalView(again, true);
      const sale = found(await findSale(trx, input.saleId), 'sale');
      const now = deps.clock.now();
      const view = await applyReversal(trx, deps, {
        sale, actor, reason: input.reason, idempotencyKey: input.idempotencyKey, cause: 'approved', voidCardWrite: null,
        requestHash: createHash('sha256').update(JSON.stringify([input.saleId, input.approvalId])).digest('hex'),
        approve: () => consumeApproval(trx, { approvalId: input.approvalId, actor, now, entity: 'sale', entityId: sale.id, wanted: { kind: 'reversal', saleId: Number(sale.id) } }).then(() => input.approvalId),
      });
      const purchase = found(await cardWriteOfSale(trx, input.saleId), 'card write');
      await appendCardWriteEvent(trx, Number(purchase.id), 'voided', nowIso(deps), { undoneBy: undoId, reversalReceiptNo: view.receiptNo });
      return view;
    });
  }

  return { reconcile, reverseSale };
}
