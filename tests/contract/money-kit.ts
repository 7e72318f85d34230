/**
 * Shared steps of the money-discipline contract tests (money-*.test.ts): placing the backend on a real
 * Beijing date, bank-transfer accounts, supervisor approvals typed at a clerk's counter, cash and voucher
 * sales, and refusals proved to write nothing in ANY table (the money tables included).
 */
import { expect } from 'vitest';
import { expectedMessage, PASSWORDS, refusal } from '../support/backend';
import type { Fixture, MeterKind, Who } from '../support/backend';
import { tableNames } from '../support/sql';
import { verifyBooks } from '../../electron/db/verify';
import type { ContractInput } from '../../shared/contract/methods';
import type { ApprovalView } from '../../shared/contract/money-views';
import type { SaleView } from '../../shared/contract/views';

export const SUPERVISOR_CREDENTIALS = { username: 'super1', password: PASSWORDS.supervisor } as const;
export const CLERKS = ['clerk1', 'clerk2'] as const;
type Clerk = (typeof CLERKS)[number] | 'supervisor';

/** Row counts of every table of the database (its catalogue), not only the fixture's list. */
export async function allCounts(fx: Fixture): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of await tableNames(fx.sql, fx.dialect)) counts[name] = Number((await fx.sql.one<{ n: number | string }>(`select count(*) as n from "${name}"`)).n);
  return counts;
}

/** Expects a refusal with this code and its translated message, and no row added or removed in any table. */
export async function refused(fx: Fixture, method: string, input: unknown, session: string, code: string) {
  const before = await allCounts(fx);
  const vouchersBefore = await fx.sql.all('select id, used_fen from vouchers order by id');
  const error = refusal(await fx.call(method, input, session));
  expect(error.code).toBe(code);
  expect(error.message).toBe(expectedMessage(code, error.params));
  expect(await allCounts(fx)).toEqual(before);
  expect(await fx.sql.all('select id, used_fen from vouchers order by id')).toEqual(vouchersBefore);
  return error;
}

/** Every check of `db verify` passes. */
export async function expectBooksOk(fx: Fixture): Promise<void> {
  const checks = await verifyBooks(fx.backend.database.db);
  expect(checks.filter((c) => !c.ok)).toEqual([]);
}

/**
 * Puts the clock on a Beijing business date at a Beijing time (default 10:00) and logs everyone in again
 * (sessions end after 12 idle hours).
 */
export async function onDate(fx: Fixture, date: string, time = '10:00'): Promise<void> {
  fx.clock.set(new Date(`${date}T${time}:00+08:00`).toISOString());
  for (const who of ['admin', 'supervisor', 'clerk1', 'clerk2'] as Who[]) await fx.relogin(who);
}

/** Opens a shift for each counter person who has none. */
export async function openShifts(fx: Fixture, float = 0, who: readonly Clerk[] = ['clerk1', 'clerk2', 'supervisor']): Promise<void> {
  for (const w of who) {
    if (!await fx.ok('shifts.current', {}, fx.sessions[w])) await fx.ok('shifts.open', { float }, fx.sessions[w]);
  }
}

let owners = 0;
/** A new account (money meter by default) with its settlement method; answers account, meter and customer ids. */
export async function newAccount(fx: Fixture, settlement: 'cash' | 'bank_transfer', kind: MeterKind = 'money') {
  owners += 1;
  const view = await fx.ok('accounts.open', {
    customer: { name: `企业${owners}`, phone: null, category: 'residential' },
    premises: { area: '工业园', building: String(owners), unit: '1', room: String(800 + owners) },
    category: 'residential', settlement, meters: [fx.newMeter(kind)],
  }, fx.sessions.clerk1);
  expect(view.settlement).toBe(settlement);
  return { accountId: view.id, meterId: view.meters[0]!.id };
}

export type Subject = ContractInput<'approvals.request'>['subject'];

/** A request by a clerk and the supervisor's decision, their credentials typed at that clerk's counter. */
export async function approved(fx: Fixture, subject: Subject, by: 'clerk1' | 'clerk2' = 'clerk1', decision: 'approve' | 'reject' = 'approve'): Promise<ApprovalView> {
  const request = await fx.ok('approvals.request', { subject, reason: '节假日银行停业' }, fx.sessions[by]);
  expect(request.state).toBe('pending');
  return fx.ok('approvals.decide', { approvalId: request.id, decision, approver: SUPERVISOR_CREDENTIALS }, fx.sessions[by]);
}

export interface SellOptions {
  readonly who?: Clerk;
  readonly approvalId?: number;
  readonly voucherId?: number;
  readonly key?: string;
  readonly tendered?: number;
}

export function sellInput(fx: Fixture, meterId: number, amount: number, o: SellOptions = {}): ContractInput<'sales.sell'> {
  return {
    meterId, request: { mode: 'money', amount }, tendered: o.tendered ?? amount, idempotencyKey: o.key ?? fx.key(),
    ...(o.approvalId === undefined ? {} : { approvalId: o.approvalId }), ...(o.voucherId === undefined ? {} : { voucherId: o.voucherId }),
  };
}

export function sell(fx: Fixture, meterId: number, amount: number, o: SellOptions = {}) {
  return fx.call('sales.sell', sellInput(fx, meterId, amount, o), fx.sessions[o.who ?? 'clerk1']);
}

export async function sold(fx: Fixture, meterId: number, amount: number, o: SellOptions = {}): Promise<SaleView> {
  return fx.ok('sales.sell', sellInput(fx, meterId, amount, o), fx.sessions[o.who ?? 'clerk1']);
}

/** Holiday cash in one go: approval for exactly this meter and amount, then the sale. */
export async function holidayCash(fx: Fixture, meterId: number, amount: number, who: 'clerk1' | 'clerk2' = 'clerk1'): Promise<SaleView> {
  const approval = await approved(fx, { kind: 'holiday_cash', meterId, amount }, who);
  return sold(fx, meterId, amount, { who, approvalId: approval.id });
}

let refs = 0;
/** Registers a voucher (by clerk1) for `amount`, bound to an account or not. */
export async function voucher(fx: Fixture, amount: number, accountId: number | null, referenceNo?: string) {
  refs += 1;
  return fx.ok('vouchers.register', {
    bank: '中国工商银行', payerAccount: '6222020200112233', referenceNo: referenceNo ?? `TR2026${String(refs).padStart(6, '0')}`,
    payer: '某某有限公司', amount, valueDate: '2026-01-05', accountId,
  }, fx.sessions.clerk1);
}

/** Ledger lines of one transaction reference. */
export function ledgerOf(fx: Fixture, txnRef: string) {
  return fx.sql.all<{ book: string; meterId: number | null; shiftId: number | null; amount: number }>(
    'select book, meter_id as "meterId", shift_id as "shiftId", amount_fen as amount from ledger_entries where txn_ref = ? order by id', [txnRef]);
}

export function meterRow(fx: Fixture, meterId: number) {
  return fx.sql.one<{ credit_fen: number; remaining: number; overdraft: number }>('select credit_fen, remaining, overdraft from meters where id = ?', [meterId]);
}

/** Banks every pending obligation and undeposited drop under one slip dated today (recorded by clerk1). */
export async function depositAll(fx: Fixture) {
  const pending = await fx.ok('deposits.pending', {}, fx.sessions.clerk1);
  refs += 1;
  return fx.ok('deposits.record', {
    bank: '中国工商银行', slipRef: `DEP${String(refs).padStart(6, '0')}`, amount: pending.pendingAmount, depositDate: pending.today,
    obligationIds: pending.obligations.map((o) => o.id), dropIds: pending.drops.map((d) => d.id),
  }, fx.sessions.clerk1);
}
