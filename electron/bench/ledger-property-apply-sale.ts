/**
 * The sale of the ledger property: cash or a voucher draw, predicted from the model in the backend's
 * order — no open shift, the quote's own refusals, short tender, the per-sale maximum, then either the
 * voucher's checks or the cash rules (drawer limit, bank-transfer-only on a bank working day, and on a
 * non-working day the holiday cash rule: overdue deposits block, per-approval limit, per-customer cap per
 * holiday period, approval). A holiday cash sale leaves a deposit obligation due the next bank working day.
 */
import type { ContractOutput } from '../../shared/contract/methods';
import { ACCOUNT_OF, MONEY_RULES } from './ledger-property-hall';
import type { Actor, Hall } from './ledger-property-hall';
import { dayOf, expectedDrawer } from './ledger-property-model';
import type { DayModel, Model, VoucherModel } from './ledger-property-model';
import type { Op } from './ledger-property-ops';
import { approved, expectOutcome, fail, fingerprint, issueReceipt, shiftOf, takeCash, today } from './ledger-property-support';

type SellOp = Extract<Op, { kind: 'sell' }>;
type Quote = ContractOutput<'sales.quote'>;
type Sale = ContractOutput<'sales.sell'>;

interface SaleCase {
  readonly meterId: number;
  readonly accountId: number;
  readonly date: string;
  readonly day: DayModel;
  readonly voucher: VoucherModel | null;
  readonly payable: number;
  readonly tender: number;
  approvalId: number | null;
}

let saleKeys = 0;

function tendered(op: SellOp, payable: number): number {
  if (op.tender === 'over') return payable + op.extra;
  if (op.tender === 'short' && payable > 0) return payable - 1 - (op.extra % payable);
  return payable;
}

/** One of the latest vouchers (the old ones are mostly used up), by the operation's index. */
function pickVoucher(model: Model, op: SellOp): VoucherModel | null {
  if (op.pay !== 'voucher' || model.vouchers.size === 0) return null;
  const recent = [...model.vouchers.values()].slice(-12);
  return recent[op.voucher % recent.length] ?? null;
}

function requestOf(op: SellOp, voucher: VoucherModel | null) {
  if (voucher && op.drain && voucher.amount > voucher.used) return { mode: 'money' as const, amount: voucher.amount - voucher.used };
  const step = op.slot === 'money' ? 1 : 100;
  return op.mode === 'money' ? { mode: 'money' as const, amount: op.amount }
    : { mode: 'units' as const, units: op.aligned ? Math.max(1, Math.round(op.amount / step)) * step : op.amount };
}

export function holidayCashUsed(model: Model, accountId: number, holidayStart: string): number {
  let used = 0;
  for (const o of model.obligations.values()) if (o.accountId === accountId && o.holidayStart === holidayStart && !o.reversed) used += o.amount;
  return used;
}

function hasOverdue(model: Model, who: Actor, date: string): boolean {
  for (const o of model.obligations.values()) if (o.clerk === who && !o.deposited && !o.reversed && o.due < date) return true;
  return false;
}

function voucherRefusal(v: VoucherModel, c: SaleCase): string | null {
  const remaining = v.amount - v.used;
  if (v.accountId !== null && v.accountId !== c.accountId) return 'voucher-other-account';
  if (remaining === 0) return 'voucher-used-up';
  if (remaining < c.payable) return 'voucher-insufficient';
  return c.tender === c.payable ? null : 'voucher-tender-mismatch';
}

function cashRefusal(model: Model, who: Actor, c: SaleCase): string | null {
  const shift = shiftOf(model, who);
  if (shift && expectedDrawer(shift) >= MONEY_RULES.drawerLimit) return 'drawer-limit-reached';
  if ((model.settlement.get(c.accountId) ?? 'cash') === 'cash') return null;
  if (c.day.working || !c.day.period) return 'bank-transfer-only';
  if (hasOverdue(model, who, c.date)) return 'deposit-overdue-blocks';
  if (c.payable > MONEY_RULES.holidayCashPerApproval) return 'holiday-cash-over-limit';
  const left = Math.max(0, MONEY_RULES.holidayCashPerCustomer - holidayCashUsed(model, c.accountId, c.day.period.start));
  if (c.payable > left) return 'holiday-cash-over-customer-cap';
  return c.approvalId === null ? 'holiday-cash-needs-approval' : null;
}

function predict(model: Model, op: SellOp, quote: Quote | string, c: SaleCase): string | null {
  if (model.openShift[op.who] === null) return 'no-open-shift';
  if (typeof quote === 'string') return quote;
  if (c.tender < c.payable) return 'tendered-too-little';
  if (c.payable > MONEY_RULES.maxSale) return 'sale-over-maximum';
  return c.voucher ? voucherRefusal(c.voucher, c) : cashRefusal(model, op.who, c);
}

/** The quote's cash rule is what the model says about today, the account's settlement and its holiday cash. */
function checkCashRule(model: Model, op: SellOp, q: Quote, c: SaleCase): void {
  const rule = q.cashRule;
  const used = c.day.period ? holidayCashUsed(model, c.accountId, c.day.period.start) : 0;
  if (rule.date !== c.date || rule.bankWorkingDay !== c.day.working || rule.nextBankWorkingDay !== c.day.next
    || rule.settlement !== (model.settlement.get(c.accountId) ?? 'cash') || rule.holidayStart !== (c.day.period?.start ?? null)
    || rule.usedThisHoliday !== used) {
    fail(op, `cash rule ${JSON.stringify(rule)}; model ${JSON.stringify({ ...c.day, used })}`);
  }
}

function needsApproval(model: Model, op: SellOp, c: SaleCase): boolean {
  return c.voucher === null && op.approve && op.who !== 'supervisor' && c.payable > 0 && !c.day.working
    && (model.settlement.get(c.accountId) ?? 'cash') === 'bank_transfer';
}

/** The obligation the holiday cash sale left, checked against what the rule says it must be. */
function recordObligation(hall: Hall, model: Model, op: SellOp, c: SaleCase, sale: Sale): number {
  const row = hall.raw.prepare('select id, shift_id, clerk_id, account_id, amount_fen, holiday_start, due_date from deposit_obligations where sale_id = ?').get(sale.id) as
    { id: number; shift_id: number; clerk_id: number; account_id: number; amount_fen: number; holiday_start: string; due_date: string } | undefined;
  if (!row) fail(op, `holiday cash sale ${sale.id} left no deposit obligation`);
  const wanted = { shift: sale.shiftId, clerk: hall.users[op.who], account: c.accountId, amount: sale.payable, start: c.day.period?.start, due: c.day.next };
  const got = { shift: row.shift_id, clerk: row.clerk_id, account: row.account_id, amount: row.amount_fen, start: row.holiday_start, due: row.due_date };
  if (JSON.stringify(wanted) !== JSON.stringify(got)) fail(op, `obligation ${JSON.stringify(got)}, expected ${JSON.stringify(wanted)}`);
  model.obligations.set(row.id, {
    id: row.id, saleId: sale.id, shiftId: sale.shiftId, clerk: op.who, accountId: c.accountId, amount: sale.payable,
    holidayStart: row.holiday_start, due: row.due_date, deposited: false, reversed: false,
  });
  return row.id;
}

function book(hall: Hall, model: Model, op: SellOp, c: SaleCase, sale: Sale): void {
  const method = c.voucher ? 'voucher' : 'cash';
  if (sale.paymentMethod !== method || sale.voucherId !== (c.voucher?.id ?? null) || sale.approvalId !== c.approvalId) {
    fail(op, `sale paid ${sale.paymentMethod} voucher ${sale.voucherId} approval ${sale.approvalId}; expected ${method} ${c.voucher?.id ?? null} ${c.approvalId}`);
  }
  if (c.voucher) c.voucher.used += sale.payable;
  else takeCash(model, op.who, sale.payable);
  const obligationId = c.approvalId === null ? null : recordObligation(hall, model, op, c, sale);
  const standing = model.standing.get(c.meterId) ?? [];
  standing.push({ id: sale.id, payable: sale.payable, voucherId: c.voucher?.id ?? null, creditBefore: sale.creditBefore, creditAfter: sale.creditAfter, obligationId });
  model.standing.set(c.meterId, standing);
  model.credit.set(c.meterId, sale.creditAfter);
  issueReceipt(hall, model);
}

function checkSale(model: Model, op: SellOp, q: Quote, request: ReturnType<typeof requestOf>, c: SaleCase, sale: Sale): void {
  if (sale.payable !== q.payable || sale.creditAfter !== q.creditAfter || sale.charge !== q.charge) fail(op, 'the sale differs from its quote');
  if (request.mode === 'money' && sale.payable !== request.amount) fail(op, `a money sale of ${request.amount} took ${sale.payable}`);
  if (sale.change !== c.tender - sale.payable) fail(op, `change ${sale.change} for ${c.tender} tendered against ${sale.payable}`);
  if (sale.creditBefore !== (model.credit.get(c.meterId) ?? 0)) fail(op, `held credit before ${sale.creditBefore}, model ${model.credit.get(c.meterId) ?? 0}`);
  if (sale.shiftId !== model.openShift[op.who]) fail(op, `sale booked to shift ${sale.shiftId}, expected ${model.openShift[op.who]}`);
}

export async function sell(hall: Hall, model: Model, op: SellOp): Promise<void> {
  const meterId = hall.meters[op.slot];
  const voucher = pickVoucher(model, op);
  const request = requestOf(op, voucher);
  const before = fingerprint(hall);
  const quote = await hall.call('sales.quote', { meterId, request }, op.who);
  if (fingerprint(hall) !== before) fail(op, 'a quote wrote to the database');
  const q = quote.ok ? quote.value as Quote : null;
  const date = today(hall);
  const payable = q?.payable ?? 0;
  const c: SaleCase = { meterId, accountId: hall.accounts[ACCOUNT_OF[op.slot]], date, day: dayOf(date), voucher, payable, tender: tendered(op, payable), approvalId: null };
  if (q) checkCashRule(model, op, q, c);
  if (q && needsApproval(model, op, c)) c.approvalId = await approved(hall, op.who, { kind: 'holiday_cash', meterId, amount: payable }, '节假日现金');
  const refusal = predict(model, op, quote.ok ? q! : quote.error.code, c);
  const input = { meterId, request, tendered: c.tender, idempotencyKey: `prop-${String(++saleKeys).padStart(10, '0')}`,
    ...(voucher ? { voucherId: voucher.id } : {}), ...(c.approvalId === null ? {} : { approvalId: c.approvalId }) };
  const after = fingerprint(hall);
  const sale = expectOutcome<Sale>(op, model, await hall.call('sales.sell', input, op.who), refusal, after, hall);
  if (!sale || !q) return;
  checkSale(model, op, q, request, c, sale);
  book(hall, model, op, c, sale);
}
