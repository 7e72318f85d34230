/**
 * Reversal (冲正) of a sale: supervisor-approved, with a mandatory reason, as compensating ledger lines
 * under their own receipt serial. The sale row is never changed; `sale_reversals` marks it reversed (one
 * reversal per sale, enforced by a unique key). Refused when the meter has consumed the purchase, and for
 * any sale but the meter's latest standing one (a later sale was priced on top of it). A card sale whose
 * purchase is on the card is reversed through cards.reverseSale (the card must show the meter has not loaded it).
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors';
import { planReversal } from '../domain/sales/ledger-plan';
import { businessDate, businessYear } from '../domain/time/business-time';
import { appendAudit } from '../db/repositories/audit-repository';
import { addUnitsToDate } from '../db/repositories/accounts-repository';
import { appendLedger, saleLedgerLines } from '../db/repositories/ledger-repository';
import { findMeter, setMeterState } from '../db/repositories/meters-repository';
import { allocateReceiptNo } from '../db/repositories/receipts-repository';
import { findReversal, findReversalByKey, insertReversal, latestStandingSaleOfMeter, reversalOfSale } from '../db/repositories/reversals-repository';
import { advisoryXactLock, idempotencyLockName, lockAccount, lockRowsForUpdate } from '../db/repositories/locks';
import type { ReversalRow } from '../db/repositories/reversals-repository';
import { findSale } from '../db/repositories/sales-repository';
import { appendWriteEvent, eventsOfWrite, writeOfSale } from '../db/repositories/meter-writes-repository';
import type { SaleRow } from '../db/repositories/sales-repository';
import { openShiftOf } from '../db/repositories/shifts-repository';
import { drawVoucher } from '../db/repositories/vouchers-repository';
import { appendCardWriteEvent, cardWriteOfSale, lastCardWriteEvent } from '../db/repositories/cards-repository';
import type { Db } from '../db/repositories/db';
import { consumeApproval } from './approvals-service';
import { requireOpenShift } from './shifts-service';
import { found, inTransaction } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { ContractInput } from '../../shared/contract/methods';
import type { ReversalView } from '../../shared/contract/money-views';
import type { PaymentMethod, Utility } from '../../shared/vocabulary';

type Input = ContractInput<'sales.reverse'>;

function reversalHash(input: Input): string {
  return createHash('sha256').update(JSON.stringify([input.saleId, input.approvalId])).digest('hex');
}

export function reversalView(row: ReversalRow, replayed: boolean): ReversalView {
  return {
    id: Number(row.id), receiptNo: row.receipt_no, saleId: Number(row.sale_id), saleReceiptNo: row.sale_receipt_no, amount: Number(row.amount_fen),
    paymentMethod: row.payment_method as PaymentMethod, reason: row.reason, cause: row.cause as ReversalView['cause'],
    approvalId: row.approval_id === null ? null : Number(row.approval_id), approvedBy: row.approved_by === null ? null : Number(row.approved_by),
    clerkId: Number(row.clerk_id), shiftId: row.shift_id === null ? null : Number(row.shift_id), at: row.created_at, replayed,
  };
}

/** The meter's state once the sale is taken back; refused when the meter has used what it was credited. */
async function meterAfterReversal(db: Db, sale: SaleRow) {
  const latest = await latestStandingSaleOfMeter(db, Number(sale.meter_id));
  if (latest && Number(latest.id) !== Number(sale.id)) throw new DomainError('reversal-not-latest', { receiptNo: latest.receipt_no });
  const meter = found(await findMeter(db, Number(sale.meter_id)), 'meter');
  if (meter.status !== 'active') throw new DomainError('meter-removed');
  const credit = Number(meter.credit_fen) - (Number(sale.credit_after_fen) - Number(sale.credit_before_fen));
  const remaining = Number(meter.remaining) - (Number(sale.credited_to_meter) - Number(sale.overdraft_recovered));
  if (credit < 0 || remaining < 0) throw new DomainError('reversal-consumed');
  return { meter, credit, remaining, overdraft: Number(meter.overdraft) + Number(sale.overdraft_recovered) };
}

/**
 * A remote recharge (issue 5): refused once the meter has it (verified, completed, or a failure that read the
 * count on the meter) — a reversal the meter has already consumed is refused — and while it is 'sent' and not
 * confirmed either way. A pending or failed write is voided by the reversal, in its transaction.
 */
async function remoteWriteToVoid(db: Db, sale: SaleRow): Promise<number | null> {
  const write = await writeOfSale(db, Number(sale.id));
  if (!write) return null;
  await lockRowsForUpdate(db, 'meter_writes', [Number(write.id)]); // a counter delivering it moves it under this lock
  const last = (await eventsOfWrite(db, Number(write.id))).at(-1);
  const state = last?.state ?? 'pending';
  if (state === 'verified' || state === 'completed' || (state === 'failed' && last?.detail['meterHasIt'] === true)) throw new DomainError('reversal-consumed');
  if (state === 'sent') throw new DomainError('reversal-recharge-in-flight');
  return state === 'voided' ? null : Number(write.id);
}

/**
 * A card sale (issue 6): a write still 'pending' never touched the card, so the reversal voids it in its
 * transaction. One that completed is on the card: only cards.reverseSale may reverse it, taking the purchase
 * back off the card first (while the card shows the meter has not loaded it). One 'sent' or 'failed' may be
 * on the card or not: reconcile it with the card first.
 */
async function cardWriteToVoid(db: Db, sale: SaleRow): Promise<number | null> {
  const write = await cardWriteOfSale(db, Number(sale.id));
  if (!write) return null;
  await lockRowsForUpdate(db, 'card_writes', [Number(write.id)]); // a counter writing the card claims it under this lock
  const state = (await lastCardWriteEvent(db, Number(write.id))).state;
  if (state === 'pending') return Number(write.id);
  if (state === 'completed') throw new DomainError('reversal-card-on-card');
  if (state === 'sent' || state === 'failed') throw new DomainError('reversal-card-write-open');
  return null;
}

async function refuseIfReversed(db: Db, sale: SaleRow): Promise<void> {
  if (await reversalOfSale(db, Number(sale.id))) throw new DomainError('sale-already-reversed', { receiptNo: sale.receipt_no });
}

/** The refusals a reversal of `sale` would meet, checked without writing (before a card is touched). */
export async function checkReversible(db: Db, sale: SaleRow): Promise<void> {
  await refuseIfReversed(db, sale);
  await meterAfterReversal(db, sale);
}

export interface ReversalRequest {
  readonly sale: SaleRow;
  readonly actor: Actor;
  readonly reason: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly cause: 'approved' | 'card_void';
  /** Spends the approval (after every refusal check) and answers its id; a card void has none. */
  readonly approve: (() => Promise<number>) | null;
  /** A card write the reversal voids in its transaction (a sale's write never sent to the card). */
  readonly voidCardWrite: number | null;
}

/**
 * The reversal itself, inside the caller's transaction: the compensating lines under a new serial, the voucher
 * given back, the meter's held credit and remaining, units-to-date, a remote write voided, the audit. Used by
 * sales.reverse (approved) and by card reconciliation (a card void, issue 6).
 */
export async function applyReversal(trx: Db, deps: ServiceDeps, r: ReversalRequest): Promise<ReversalView> {
  const { sale, actor } = r;
  await lockAccount(trx, Number(sale.account_id)); // the meter's balances and units-to-date are read, then written back
  const after = await meterAfterReversal(trx, sale);
  const voidWrite = await remoteWriteToVoid(trx, sale);
  const shift = sale.payment_method === 'cash' ? await requireOpenShift(trx, actor, deps.counterCode) : await openShiftOf(trx, actor.userId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const approvalId = r.approve ? await r.approve() : null;
  const receiptNo = await allocateReceiptNo(trx, deps.counterCode, businessYear(now));
  await appendLedger(trx, receiptNo, planReversal(await saleLedgerLines(trx, Number(sale.id))), {
    saleId: null, accountId: Number(sale.account_id), shiftId: shift ? Number(shift.id) : null, at,
  });
  if (sale.voucher_id !== null) await drawVoucher(trx, { voucherId: Number(sale.voucher_id), saleId: Number(sale.id), amount: -Number(sale.payable_fen), at });
  await setMeterState(trx, Number(sale.meter_id), { credit_fen: after.credit, remaining: after.remaining, overdraft: after.overdraft });
  if (sale.credit_kind === 'energy') {
    await addUnitsToDate(trx, { accountId: Number(sale.account_id), utility: sale.utility as Utility, periodKey: sale.period_key }, -Number(sale.units));
  }
  const id = await insertReversal(trx, {
    receipt_no: receiptNo, idempotency_key: r.idempotencyKey, request_hash: r.requestHash, sale_id: Number(sale.id), cause: r.cause,
    approval_id: approvalId, reason: r.reason, clerk_id: actor.userId, shift_id: shift ? Number(shift.id) : null,
    counter_code: deps.counterCode, amount_fen: Number(sale.payable_fen), business_date: businessDate(now), created_at: at,
  });
  if (voidWrite !== null) await appendWriteEvent(trx, voidWrite, 'voided', at, { reversalId: id, reversalReceiptNo: receiptNo });
  if (r.voidCardWrite !== null) await appendCardWriteEvent(trx, r.voidCardWrite, 'voided', at, { reversalId: id, reversalReceiptNo: receiptNo });
  const view = reversalView(found(await findReversal(trx, id), 'reversal'), false);
  await appendAudit(trx, { at, userId: actor.userId, action: r.cause === 'card_void' ? 'sale.card-void' : 'sale.reverse', entity: 'sale', entityId: Number(sale.id), after: view });
  return view;
}

export function createReversalsService(deps: ServiceDeps) {
  async function replayOrNull(db: Db, input: Input): Promise<ReversalView | null> {
    await advisoryXactLock(db, idempotencyLockName('reversal', input.idempotencyKey)); // see sales-service replayOrNull
    const existing = await findReversalByKey(db, input.idempotencyKey);
    if (!existing) return null;
    if (existing.request_hash !== reversalHash(input)) throw new DomainError('idempotency-conflict');
    return reversalView(existing, true);
  }

  /** Everything lands together: the compensating lines, the voucher given back, the meter, units-to-date, the serial, the audit. */
  async function reverse(actor: Actor, input: Input): Promise<ReversalView> {
    return inTransaction(deps, async (trx) => {
      const replay = await replayOrNull(trx, input);
      if (replay) return replay;
      const sale = found(await findSale(trx, input.saleId), 'sale');
      // Before anything is checked: a second reversal of this sale from another counter waits, then finds it reversed.
      await lockAccount(trx, Number(sale.account_id));
      await refuseIfReversed(trx, sale);
      const cardWrite = await cardWriteToVoid(trx, sale);
      const now = deps.clock.now();
      const approval = { approvalId: input.approvalId, actor, now, entity: 'sale', entityId: sale.id, wanted: { kind: 'reversal', saleId: Number(sale.id) } } as const;
      return applyReversal(trx, deps, {
        sale, actor, reason: input.reason, idempotencyKey: input.idempotencyKey, requestHash: reversalHash(input),
        cause: 'approved', approve: () => consumeApproval(trx, approval).then(() => input.approvalId), voidCardWrite: cardWrite,
      });
    });
  }

  return { reverse };
}
