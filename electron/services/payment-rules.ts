/**
 * How a sale is paid, checked before anything is written and applied after the sale row exists:
 * the per-sale maximum, the drawer limit, the settlement method, the holiday cash rule with its
 * approval and deposit obligation, and drawing on a bank-transfer voucher.
 */
import { DomainError } from '../domain/errors';
import {
  assertDrawerBelowLimit, assertHolidayCashAllowed, assertWithinMaxSale, cashVerdict, drawerExpected,
} from '../domain/money/rules';
import { lockRowsForUpdate } from '../db/repositories/locks';
import type { MoneyRules } from '../domain/money/rules';
import { fen, formatYuan } from '../../shared/money';
import { holidayCashOfAccount, insertObligation, overdueCountOfClerk } from '../db/repositories/deposits-repository';
import { shiftCashMovements } from '../db/repositories/ledger-repository';
import { drawVoucher, findVoucher } from '../db/repositories/vouchers-repository';
import { findApproval } from '../db/repositories/approvals-repository';
import type { VoucherRow } from '../db/repositories/vouchers-repository';
import type { Db } from '../db/repositories/db';
import { consumeApproval } from './approvals-service';
import { bankDayWithPeriod } from './calendar-service';
import { loadMoneyRules } from './money-rules-service';
import { found } from './deps';
import type { Actor } from './deps';
import type { CashRuleView } from '../../shared/contract/money-views';
import type { Settlement } from '../../shared/vocabulary';

export interface PaymentRequest {
  readonly actor: Actor;
  readonly shift: { id: number; float_fen: number };
  readonly account: { id: number; settlement: Settlement };
  readonly meterId: number;
  readonly payable: number;
  readonly tendered: number;
  readonly date: string;
  readonly voucherId?: number;
  readonly approvalId?: number;
}

export type PaymentPlan =
  | { readonly method: 'voucher'; readonly voucher: VoucherRow }
  | { readonly method: 'cash'; readonly holiday: { approvalId: number; start: string; due: string } | null };

/** The day's cash rule for one account, as the counter shows it before money changes hands. */
export async function cashRuleFor(db: Db, account: { id: number; settlement: Settlement }, date: string): Promise<CashRuleView> {
  const rules = await loadMoneyRules(db);
  const day = await bankDayWithPeriod(db, date);
  const used = day.period ? await holidayCashOfAccount(db, account.id, day.period.start) : 0;
  return {
    date, bankWorkingDay: day.bankWorkingDay, nextBankWorkingDay: day.nextBankWorkingDay, holidayName: day.holidayName,
    settlement: account.settlement, cash: cashVerdict(account.settlement, day.bankWorkingDay),
    holidayStart: day.period?.start ?? null, holidayEnd: day.period?.end ?? null,
    perApprovalMax: rules.holidayCashPerApproval, perCustomerCap: rules.holidayCashPerCustomer,
    usedThisHoliday: used, remainingThisHoliday: Math.max(0, rules.holidayCashPerCustomer - used),
  };
}

function checkVoucher(v: VoucherRow | undefined, req: PaymentRequest): VoucherRow {
  const voucher = found(v, 'voucher');
  const ref = { referenceNo: voucher.reference_no };
  if (voucher.account_id !== null && Number(voucher.account_id) !== req.account.id) throw new DomainError('voucher-other-account', ref);
  const remaining = Number(voucher.amount_fen) - Number(voucher.used_fen);
  if (remaining === 0) throw new DomainError('voucher-used-up', ref);
  if (remaining < req.payable) throw new DomainError('voucher-insufficient', { ...ref, remaining: formatYuan(fen(remaining)), payable: formatYuan(fen(req.payable)) });
  if (req.tendered !== req.payable) throw new DomainError('voucher-tender-mismatch', { payable: formatYuan(fen(req.payable)) });
  return voucher;
}

async function checkCash(db: Db, req: PaymentRequest, rules: MoneyRules): Promise<PaymentPlan> {
  assertDrawerBelowLimit(drawerExpected(Number(req.shift.float_fen), await shiftCashMovements(db, req.shift.id)), rules);
  const day = await bankDayWithPeriod(db, req.date);
  const verdict = cashVerdict(req.account.settlement, day.bankWorkingDay);
  if (verdict === 'allowed') return { method: 'cash', holiday: null };
  if (verdict === 'refused' || !day.period) throw new DomainError('bank-transfer-only');
  assertHolidayCashAllowed({
    payable: req.payable, usedThisHoliday: await holidayCashOfAccount(db, req.account.id, day.period.start),
    overdueObligations: await overdueCountOfClerk(db, req.actor.userId, req.date), hasApproval: req.approvalId !== undefined,
  }, rules);
  // An unknown approval is refused here, before the sale row (whose approval_id references it) is written.
  if (req.approvalId !== undefined) found(await findApproval(db, req.approvalId), 'approval');
  return { method: 'cash', holiday: { approvalId: req.approvalId ?? 0, start: day.period.start, due: day.nextBankWorkingDay } };
}

/** Every refusal a payment can meet, with nothing written. */
export async function planPayment(db: Db, req: PaymentRequest): Promise<PaymentPlan> {
  const rules = await loadMoneyRules(db);
  assertWithinMaxSale(req.payable, rules);
  if (req.voucherId !== undefined) {
    // A voucher not tied to one account can be drawn by two counters at once: the second waits, then re-reads.
    await lockRowsForUpdate(db, 'vouchers', [req.voucherId]);
    return { method: 'voucher', voucher: checkVoucher(await findVoucher(db, req.voucherId), req) };
  }
  return checkCash(db, req, rules);
}

/** After the sale row exists: draw the voucher, or use the approval and record the deposit obligation. */
export async function applyPayment(db: Db, plan: PaymentPlan, req: PaymentRequest, sale: { id: number; now: Date }): Promise<void> {
  const at = sale.now.toISOString();
  if (plan.method === 'voucher') {
    await drawVoucher(db, { voucherId: Number(plan.voucher.id), saleId: sale.id, amount: req.payable, at });
    return;
  }
  if (!plan.holiday) return;
  await consumeApproval(db, {
    approvalId: plan.holiday.approvalId, actor: req.actor, now: sale.now, entity: 'sale', entityId: sale.id,
    wanted: { kind: 'holiday_cash', meterId: req.meterId, amount: req.payable },
  });
  await insertObligation(db, {
    sale_id: sale.id, account_id: req.account.id, clerk_id: req.actor.userId, shift_id: req.shift.id, approval_id: plan.holiday.approvalId,
    amount_fen: req.payable, business_date: req.date, holiday_start: plan.holiday.start, due_date: plan.holiday.due, created_at: at,
  });
}
