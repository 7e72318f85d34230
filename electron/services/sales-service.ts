import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors';
import { quoteSale } from '../domain/sales/quote';
import type { Quote, SaleRequest } from '../domain/sales/quote';
import { planSale } from '../domain/sales/ledger-plan';
import { businessDate, businessYear, periodKey } from '../domain/time/business-time';
import { fen, formatUnits, formatYuan, units } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import { addUnitsToDate, findAccount, unitsToDate } from '../db/repositories/accounts-repository';
import { appendLedger } from '../db/repositories/ledger-repository';
import { findMeter, setMeterState } from '../db/repositories/meters-repository';
import { allocateReceiptNo } from '../db/repositories/receipts-repository';
import { advisoryXactLock, idempotencyLockName, lockAccountOfMeter } from '../db/repositories/locks';
import { findSale, findSaleByKey, findSaleByReceipt, insertSale } from '../db/repositories/sales-repository';
import { reversalOfSale } from '../db/repositories/reversals-repository';
import { writeOfSale, writeState } from '../db/repositories/meter-writes-repository';
import { isRemoteRecharge, recordRemoteRecharge } from './remote-recharge-service';
import { recordCardPurchase } from './cards/card-sale';
import { cardWriteOfSale, lastCardWriteEvent } from '../db/repositories/cards-repository';
import { applyPayment, cashRuleFor, planPayment } from './payment-rules';
import type { PaymentRequest } from './payment-rules';
import type { SaleRow } from '../db/repositories/sales-repository';
import type { Db } from '../db/repositories/db';
import { activeMeterOf, openAccountOrRefuse } from './accounts-service';
import { requireOpenShift } from './shifts-service';
import { tariffInForce } from './tariffs-service';
import { found, inTransaction } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { ContractInput } from '../../shared/contract/methods';
import type { QuoteView, SaleView, TierSegmentView } from '../../shared/contract/views';
import type { CashRuleView } from '../../shared/contract/money-views';
import type { CreditKind, PaymentMethod, Settlement, Utility } from '../../shared/vocabulary';

type RequestInput = ContractInput<'sales.quote'>['request'];

function toSaleRequest(request: RequestInput): SaleRequest {
  return request.mode === 'money' ? { mode: 'money', amount: fen(request.amount) } : { mode: 'units', units: units(request.units) };
}

/** A meter quantity as the clerk reads it: units as "2000.00 kWh" / "m³", money as "¥100.00". */
function meterQuantity(value: number, meter: { credit_kind: string; utility: string }): string {
  if (meter.credit_kind !== 'energy') return `¥${formatYuan(fen(value))}`;
  return `${formatUnits(units(value))} ${meter.utility === 'water' ? 'm³' : 'kWh'}`;
}

/** quoteSale, with the credit-cap refusal's figures written in the meter's unit for the message. */
function quoteWithReadableRefusal(meter: { credit_kind: string; utility: string }, ctx: Parameters<typeof quoteSale>[0], request: SaleRequest) {
  try {
    return quoteSale(ctx, request);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'credit-cap-exceeded') throw error;
    throw new DomainError('credit-cap-exceeded', {
      cap: meterQuantity(Number(error.params.cap), meter), remaining: meterQuantity(Number(error.params.remaining), meter),
    });
  }
}

/** Reads everything a quote depends on and prices the sale; writes nothing. */
async function priceSale(db: Db, meterId: number, request: RequestInput, now: Date) {
  const meterRow = found(await findMeter(db, meterId), 'meter');
  const account = await openAccountOrRefuse(db, Number(meterRow.account_id));
  const meter = await activeMeterOf(db, Number(account.id), meterId);
  const date = businessDate(now);
  const { version } = await tariffInForce(db, meter.tariff_id, date);
  const period = periodKey(version.period, date);
  const quote = quoteWithReadableRefusal(meter, {
    creditKind: meter.credit_kind as CreditKind, tiers: version.tiers, unitStep: meter.unit_step,
    unitsToDate: units(await unitsToDate(db, Number(account.id), meter.utility, period)),
    creditBefore: fen(Number(meter.credit_fen)), meterRemaining: Number(meter.remaining),
    meterOverdraft: Number(meter.overdraft), creditCap: meter.credit_cap === null ? null : Number(meter.credit_cap),
  }, toSaleRequest(request));
  return { meter, account: { id: Number(account.id), settlement: account.settlement as Settlement }, version, date, period, quote };
}

function quoteView(meterId: number, versionId: number, q: Quote): QuoteView {
  return {
    meterId, tariffVersionId: versionId, creditKind: q.creditKind, payable: q.payable, charge: q.charge, units: q.units,
    unitsAreEstimate: q.unitsAreEstimate, segments: q.segments.map((s) => ({ ...s })), tierBefore: q.tierBefore,
    creditBefore: q.creditBefore, creditAfter: q.creditAfter, creditedToMeter: q.creditedToMeter,
    overdraftRecovered: q.overdraftRecovered, meterRemainingAfter: q.meterRemainingAfter,
  };
}

export function saleView(row: SaleRow, replayed: boolean, reversal: SaleView['reversal'] = null, delivery: SaleView['delivery'] = null, cardWrite: SaleView['cardWrite'] = null): SaleView {
  const segments = JSON.parse(row.segments) as TierSegmentView[];
  const n = (v: number) => Number(v);
  return {
    id: n(row.id), receiptNo: row.receipt_no, meterId: n(row.meter_id), accountId: n(row.account_id), shiftId: n(row.shift_id),
    clerkId: n(row.clerk_id), counterCode: row.counter_code, tariffVersionId: n(row.tariff_version_id),
    creditKind: row.credit_kind as CreditKind, payable: n(row.payable_fen), charge: n(row.charge_fen), units: n(row.units),
    unitsAreEstimate: row.credit_kind === 'money', segments, tierBefore: n(row.tier_before),
    creditBefore: n(row.credit_before_fen), creditAfter: n(row.credit_after_fen), creditedToMeter: n(row.credited_to_meter),
    overdraftRecovered: n(row.overdraft_recovered), meterRemainingAfter: n(row.meter_remaining_after), tendered: n(row.tendered_fen), change: n(row.change_fen),
    createdAt: row.created_at, businessDate: row.business_date, replayed,
    paymentMethod: row.payment_method as PaymentMethod, voucherId: row.voucher_id === null ? null : n(row.voucher_id),
    approvalId: row.approval_id === null ? null : n(row.approval_id), reversal, delivery, cardWrite,
  };
}

/** A sale with its reversal, if one was made. */
export async function loadSaleView(db: Db, saleId: number, replayed = false): Promise<SaleView> {
  const row = found(await findSale(db, saleId), 'sale');
  const reversal = await reversalOfSale(db, saleId);
  const write = await writeOfSale(db, saleId);
  const delivery = write ? { state: await writeState(db, Number(write.id)), writeId: Number(write.id) } : null;
  const card = await cardWriteOfSale(db, saleId);
  const cardWrite = card ? { state: (await lastCardWriteEvent(db, Number(card.id))).state, writeId: Number(card.id) } : null;
  return saleView(row, replayed, reversal ? { id: Number(reversal.id), receiptNo: reversal.receipt_no, at: reversal.created_at } : null, delivery, cardWrite);
}

/** The same request (meter, what was asked, tender) always hashes the same, so a retry can be told from a clash. */
export function requestHash(input: { meterId: number; request: SaleRequest | RequestInput; tendered: number; voucherId?: number; approvalId?: number; loadApprovalId?: number }): string {
  const { request } = input;
  const fields: unknown[] = [input.meterId, request.mode, request.mode === 'money' ? request.amount : request.units, input.tendered];
  // Appended only when present, so the hash of a plain cash sale is what it always was.
  if (input.voucherId !== undefined || input.approvalId !== undefined) fields.push(input.voucherId ?? null, input.approvalId ?? null);
  if (input.loadApprovalId !== undefined) fields.push({ loadApprovalId: input.loadApprovalId });
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
}

/** After a remote sale commits: deliver its meter write (remote-recharge-service.ts); never throws for the device. */
export interface SaleHooks {
  readonly deliver?: (writeId: number) => Promise<unknown>;
  /** After a sale to a hall-kept meter commits: a recharge above zero closes the relay (balance-service.ts). Never throws. */
  readonly afterSale?: (meterId: number) => Promise<void>;
}

export function createSalesService(deps: ServiceDeps, hooks: SaleHooks = {}) {
  async function replayOrNull(db: Db, input: ContractInput<'sales.sell'>): Promise<SaleView | null> {
    // Idempotency keys are unique across counters: the same key sent to two counters at once (a retry through
    // another workstation) must give one sale and one replay. The second waits here until the first commits,
    // then finds its sale; without the lock it would meet the unique index and answer an internal error.
    await advisoryXactLock(db, idempotencyLockName('sale', input.idempotencyKey));
    const existing = await findSaleByKey(db, input.idempotencyKey);
    if (!existing) return null;
    if (existing.request_hash !== requestHash(input)) throw new DomainError('idempotency-conflict');
    return loadSaleView(db, Number(existing.id), true);
  }

  /**
   * A cash sale in one transaction: the sale row, its balanced ledger lines, the meter's held credit and
   * remaining, units-to-date, a gapless receipt serial and the audit record land together or not at all.
   */
  async function sell(actor: Actor, input: ContractInput<'sales.sell'>): Promise<SaleView> {
    const view = await sellInTransaction(actor, input);
    if (!view.replayed && view.creditKind === 'hall' && hooks.afterSale) await hooks.afterSale(view.meterId);
    // The payment and the intent are committed; now the meter (a retry of the same key delivers again).
    if (!view.delivery || !hooks.deliver || view.delivery.state === 'completed' || view.delivery.state === 'voided') return view;
    await hooks.deliver(view.delivery.writeId);
    return loadSaleView(deps.db, view.id, view.replayed);
  }

  function sellInTransaction(actor: Actor, input: ContractInput<'sales.sell'>): Promise<SaleView> {
    return inTransaction(deps, async (trx) => {
      const replay = await replayOrNull(trx, input);
      if (replay) return replay;
      const shift = await requireOpenShift(trx, actor, deps.counterCode);
      // Before pricing: another counter's sale to this account commits first, and this one prices on its result
      // (credit, remaining, overdraft, units-to-date, the tier), never on the same stale balance.
      await lockAccountOfMeter(trx, input.meterId);
      const now = deps.clock.now();
      const { meter, account, version, date, period, quote } = await priceSale(trx, input.meterId, input.request, now);
      if (input.tendered < quote.payable) throw new DomainError('tendered-too-little', { payable: formatYuan(quote.payable) });
      const payment: PaymentRequest = {
        actor, shift: { id: Number(shift.id), float_fen: Number(shift.float_fen) }, account, meterId: meter.id, payable: quote.payable,
        tendered: input.tendered, date, voucherId: input.voucherId, approvalId: input.approvalId,
      };
      const plan = await planPayment(trx, payment);
      const receiptNo = await allocateReceiptNo(trx, deps.counterCode, businessYear(now));
      const at = now.toISOString();
      const saleId = await insertSale(trx, {
        receipt_no: receiptNo, idempotency_key: input.idempotencyKey, request_hash: requestHash(input), shift_id: Number(shift.id),
        clerk_id: actor.userId, counter_code: deps.counterCode, account_id: account.id, meter_id: meter.id, utility: meter.utility,
        credit_kind: meter.credit_kind, tariff_version_id: version.id, business_date: date, period_key: period,
        request_mode: input.request.mode, payable_fen: quote.payable, tendered_fen: input.tendered, change_fen: input.tendered - quote.payable,
        charge_fen: quote.charge, units: quote.units, credit_before_fen: quote.creditBefore, credit_after_fen: quote.creditAfter,
        credited_to_meter: quote.creditedToMeter, overdraft_recovered: quote.overdraftRecovered,
        meter_remaining_after: quote.meterRemainingAfter, tier_before: quote.tierBefore,
        segments: JSON.stringify(quote.segments), payment_method: plan.method, created_at: at,
        voucher_id: plan.method === 'voucher' ? Number(plan.voucher.id) : null, approval_id: plan.method === 'cash' ? plan.holiday?.approvalId ?? null : null,
      });
      const paymentBook = plan.method === 'voucher' ? 'voucher_funds' : 'cash';
      await appendLedger(trx, receiptNo, planSale(quote, meter.id, paymentBook), { saleId, accountId: account.id, shiftId: Number(shift.id), at });
      await applyPayment(trx, plan, payment, { id: saleId, now });
      await setMeterState(trx, meter.id, {
        credit_fen: quote.creditAfter, remaining: quote.meterRemainingAfter, overdraft: Number(meter.overdraft) - quote.overdraftRecovered,
      });
      // Only energy sales move the tier: a money meter applies its own tiers to what it is credited.
      if (meter.credit_kind === 'energy') await addUnitsToDate(trx, { accountId: account.id, utility: meter.utility as Utility, periodKey: period }, quote.units);
      // A networked meter is credited remotely: the intent commits with the payment (issue 5, remote recharge).
      const writeId = isRemoteRecharge(meter) ? await recordRemoteRecharge(trx, { saleId, meterId: meter.id, amount: quote.creditedToMeter, at }) : null;
      // A card meter's purchase is journaled with the exact bytes for its card (issue 6); cards.write delivers it.
      const cardWriteId = await recordCardPurchase(trx, {
        saleId, meter, customerId: Number(found(await findAccount(trx, account.id), 'account').customer_id), amount: quote.creditedToMeter, actor, at, now,
        ...(input.loadApprovalId !== undefined ? { loadApprovalId: input.loadApprovalId } : {}),
      });
      const view = saleView(found(await findSale(trx, saleId), 'sale'), false, null, writeId === null ? null : { state: 'pending', writeId },
        cardWriteId === null ? null : { state: 'pending', writeId: cardWriteId });
      await appendAudit(trx, { at, userId: actor.userId, action: 'sale.create', entity: 'sale', entityId: saleId, after: view });
      return view;
    });
  }

  return {
    sell,
    async quote(input: ContractInput<'sales.quote'>): Promise<QuoteView & { cashRule: CashRuleView }> {
      const { meter, account, version, date, quote } = await priceSale(deps.db, input.meterId, input.request, deps.clock.now());
      return { ...quoteView(meter.id, version.id, quote), cashRule: await cashRuleFor(deps.db, account, date) };
    },
    get: (saleId: number): Promise<SaleView> => loadSaleView(deps.db, saleId),
    async byReceipt(receiptNo: string): Promise<SaleView> {
      return loadSaleView(deps.db, Number(found(await findSaleByReceipt(deps.db, receiptNo.toUpperCase()), 'sale').id));
    },
  };
}
