/**
 * The bad-input matrix for the money-discipline methods (issue 4): vouchers, approvals, reversals, the
 * drawer, bank deposits and the money rules. Spread into SPECS (and its kinds into KINDS) in
 * bad-input-table.ts, whose top comment explains the table; the state the cases refer to is built by
 * bad-input-money-fixture.ts. Holiday cash needs a non-working day, which the fixture's clock (Monday
 * 2026-06-15) is not: its refusals are left to tests/contract/money-*.test.ts.
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { moneyContract } from '../../shared/contract/money-methods';
import { MAX_VOUCHER_IMAGE_BYTES } from '../../shared/contract/money-methods';

/** Callers beyond the base fixture's: clerk3 opened their shift with a float at the drawer limit. */
export const EXTRA_CALLERS = ['clerk3'] as const;
export type ExtraCaller = (typeof EXTRA_CALLERS)[number];
export const isExtraCaller = (who: string): who is ExtraCaller => (EXTRA_CALLERS as readonly string[]).includes(who);

/** The state the money cases refer to (ids of vouchers, approvals, sales, drops...). */
export interface MoneyFixture {
  readonly extraSessions: Record<ExtraCaller, string>;
  /** A bank-transfer-only account and its money-card meter. */
  readonly bankAccount: number;
  readonly bankMeter: number;
  readonly vouchers: {
    /** Unbound, drawn to nothing by a sale. */ readonly usedUp: number;
    /** Unbound, 10.00 yuan left, no image. */ readonly small: number;
    /** Bound to the energy account. */ readonly otherAccount: number;
    /** Unbound, 1,000.00 yuan, with an image. */ readonly open: number;
  };
  /** How the used-up voucher was registered (for the duplicate cases). */
  readonly usedUpRef: { readonly bank: string; readonly referenceNo: string };
  readonly approvals: {
    /** clerk1's reversal of fx.saleId, never decided, now expired. */ readonly expiredPending: number;
    /** clerk1's refund of 1.00 yuan on the money account, approved, now expired. */ readonly expiredRefund: number;
    /** clerk1's reversal of reverseSale, pending. */ readonly pending: number;
    /** clerk1's reversal of reverseSale, approved. */ readonly reverse: number;
    /** clerk1's reversal of fx.saleId, approved. */ readonly otherSale: number;
    /** clerk2's reversal of reverseSale, approved. */ readonly byClerk2: number;
    /** clerk1's reversal of reverseSale, rejected. */ readonly rejected: number;
    /** The supervisor's own refund request, pending. */ readonly bySupervisor: number;
    /** clerk1's refund of 1.00 yuan on the money account, approved. */ readonly refund: number;
    /** clerk1's refund of 2.00 yuan on the money account, approved. */ readonly refundOther: number;
    /** clerk1's refund of 1.00 yuan on the money account, pending. */ readonly refundPending: number;
    /** Used by the reversal of reversedSale. */ readonly used: number;
  };
  /** A cash sale by clerk1 that can be reversed. */
  readonly reverseSale: number;
  /** A sale already reversed, and the key of that reversal. */
  readonly reversedSale: number;
  readonly reversalKey: string;
  /** The earlier of two sales on one meter. */
  readonly notLatestSale: number;
  /** A sale on a meter since replaced. */
  readonly removedMeterSale: number;
  readonly saleReceiptNo: string;
  readonly drops: { readonly deposited: number; readonly open: number; readonly openAmount: number };
  readonly depositSlip: { readonly bank: string; readonly slipRef: string };
}

const U = 999_999;
/** The longest base64 the voucher image schema accepts (it decodes to one byte over the limit). */
const MAX_BASE64 = Math.ceil(MAX_VOUCHER_IMAGE_BYTES / 3) * 4;
/** A 1×1 PNG. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const NON_FINITE = [NaN, Infinity, -Infinity];
const repeat = <T>(value: T, n: number) => Array.from({ length: n }, () => value);
const first = (valid: unknown): unknown => (Array.isArray(valid) ? valid[0] : undefined);

/** Bad values by kind for the money methods' fields. */
export const MONEY_KINDS = {
  /** An id that may be null (a voucher for any account): null is valid, so it is not among the bad values. */
  nullableId: () => [0, -1, 10.5, Number.MAX_SAFE_INTEGER + 1, ...NON_FINITE, '10', [], true, {}],
  /** An object that may be null or left out (a voucher's image). */
  nullableObject: () => [[], 'x', 1, true],
  bankRef: () => ['', '   ', 'abc', 'has space', 'r'.repeat(41), 'REF#0001', '参考号码一二', 1234, null],
  base64: () => ['', 'abc', 'not base64!', 'QUJD===', 'A'.repeat(MAX_BASE64 + 4), 123, null],
  approvalSubject: () => [null, [], 'reversal', {}, { kind: 'bogus', saleId: 1 }, { kind: 'reversal' }, { kind: 'reversal', saleId: 0 },
    { kind: 'reversal', saleId: 1, amount: 1 }, { kind: 'holiday_cash', meterId: 1 }, { kind: 'holiday_cash', meterId: 1, amount: 0 },
    { kind: 'holiday_cash', saleId: 1, amount: 100 }, { kind: 'refund', accountId: 1, amount: 10.5 }, { kind: 'refund', accountId: 1, amount: 100_000_001 }],
  /** A list of at most 200 ids. */
  ids: (valid: unknown) => [repeat(first(valid) ?? 1, 201), null, {}, 'x', [null], [0], [10.5], ['1']],
  approvalMinutes: () => [0, -1, 241, 10.5, ...NON_FINITE, '15', null],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const c = (name: string, who: Caller, code: ErrorCode, input: (fx: Parameters<MethodSpec['valid']>[0]) => unknown): Case => ({ name, who, code, input });
const money = (amount: number) => ({ mode: 'money', amount });
const creds = (username: string, password: string) => ({ username, password });
const SUPER = creds('super1', 'super1234');
const image = { mime: 'image/png', dataBase64: PNG_BASE64 };
const voucher = (o: Record<string, unknown> = {}) => ({
  bank: '农业银行', payerAccount: '6228-4800-0001', referenceNo: 'REF-NEW-0001', payer: '幸福小区物业', amount: 20_000, valueDate: '2026-06-15', accountId: null, image, ...o,
});
const decide = (approvalId: number, o: Record<string, unknown> = {}) => ({ approvalId, decision: 'approve', note: '同意', approver: SUPER, ...o });
const reverse = (saleId: number, approvalId: number, idempotencyKey = 'reverse-key-0001') => ({ saleId, approvalId, reason: '收错金额', idempotencyKey });
const drop = (amount: number, receiver = SUPER) => ({ amount, receiver, note: '交款' });
const deposit = (o: Record<string, unknown> = {}) => ({ bank: '工商银行', slipRef: 'SLIP-0002', amount: 0, depositDate: '2026-06-15', obligationIds: [], dropIds: [], ...o });
const filterFields = [['query', 'text40', 'optional'], ['state', 'enum', 'optional'], ['accountId', 'id', 'optional'], ['from', 'date', 'optional'],
  ['to', 'date', 'optional'], ['limit', 'limit500', 'optional']] as const;
const rules = { holidayCashPerApproval: 300_000, holidayCashPerCustomer: 500_000, maxSale: 5_000_000, drawerLimit: 3_000_000, blockHolidayCashWhenOverdue: true, approvalMinutes: 30 };

export const MONEY_SPECS: Record<keyof typeof moneyContract, MethodSpec> = {
  'accounts.setSettlement': {
    who: 'supervisor', valid: (fx) => ({ accountId: fx.accounts.energy.id, settlement: 'bank_transfer', reason: '对公结算' }),
    fields: [['accountId', 'id'], ['settlement', 'enum'], ['reason', 'text200']],
    cases: [
      c('unknown account', 'supervisor', 'not-found', () => ({ accountId: U, settlement: 'cash', reason: 'r' })),
      c('closed account', 'supervisor', 'account-closed', (fx) => ({ accountId: fx.closedAccount, settlement: 'bank_transfer', reason: 'r' })),
    ],
  },
  'vouchers.register': {
    who: 'clerk1', valid: (fx) => voucher({ accountId: fx.bankAccount }),
    fields: [['bank', 'text40'], ['payerAccount', 'bankRef'], ['referenceNo', 'bankRef'], ['payer', 'text60'], ['amount', 'positive'], ['valueDate', 'date'],
      ['accountId', 'nullableId'], ['image', 'nullableObject', 'optional'], ['image.mime', 'enum'], ['image.dataBase64', 'base64']],
    strict: ['image'],
    cases: [
      c('bank and reference registered before', 'clerk1', 'voucher-duplicate', (fx) => voucher(fx.usedUpRef)),
      c('the same, in other case and spacing', 'clerk1', 'voucher-duplicate', (fx) => voucher({
        bank: ` ${[...fx.usedUpRef.bank].join(' ')} `, referenceNo: ` ${fx.usedUpRef.referenceNo.toLowerCase()} `,
      })),
      c('the same reference for another account, without image', 'supervisor', 'voucher-duplicate', (fx) => voucher({ ...fx.usedUpRef, accountId: fx.accounts.energy.id, image: null })),
      c('value date tomorrow', 'clerk1', 'voucher-value-date-future', () => voucher({ valueDate: '2026-06-16' })),
      c('unknown account', 'clerk1', 'not-found', () => voucher({ accountId: U })),
      c('closed account', 'clerk1', 'account-closed', (fx) => voucher({ accountId: fx.closedAccount })),
      // The longest base64 the schema accepts decodes to one byte over the 2 MB limit.
      c('an image one byte over 2 MB', 'clerk1', 'voucher-image-too-large', () => voucher({ image: { mime: 'application/pdf', dataBase64: 'A'.repeat(MAX_BASE64) } })),
    ],
  },
  'vouchers.search': { who: 'clerk1', valid: (fx) => ({ query: 'REF', state: 'registered', accountId: fx.bankAccount, from: '2026-06-01', to: '2026-06-15', limit: 10 }), fields: filterFields },
  'vouchers.get': {
    who: 'clerk2', valid: (fx) => ({ voucherId: fx.vouchers.open }), fields: [['voucherId', 'id']],
    cases: [c('unknown voucher', 'admin', 'not-found', () => ({ voucherId: U }))],
  },
  'vouchers.image': {
    who: 'supervisor', valid: (fx) => ({ voucherId: fx.vouchers.open }), fields: [['voucherId', 'id']],
    cases: [
      c('unknown voucher', 'clerk1', 'not-found', () => ({ voucherId: U })),
      c('a voucher registered without an image', 'clerk1', 'not-found', (fx) => ({ voucherId: fx.vouchers.small })),
    ],
  },
  'vouchers.registerPdf': { who: 'admin', valid: () => ({ state: 'used_up', from: '2026-06-01', limit: 50 }), fields: filterFields },
  'approvals.request': {
    who: 'clerk1', valid: (fx) => ({ subject: { kind: 'reversal', saleId: fx.reverseSale }, reason: '收错金额' }),
    fields: [['subject', 'approvalSubject'], ['subject.saleId', 'id'], ['reason', 'text200']],
    strict: ['subject'],
    // Backend gap (see the report): approvals.request does not look its subject up, so these are accepted and written today.
    cases: [
      c('reversal of an unknown sale', 'clerk1', 'not-found', () => ({ subject: { kind: 'reversal', saleId: U }, reason: 'r' })),
      c('holiday cash on an unknown meter', 'clerk1', 'not-found', () => ({ subject: { kind: 'holiday_cash', meterId: U, amount: 100 }, reason: 'r' })),
      c('refund on an unknown account', 'supervisor', 'not-found', () => ({ subject: { kind: 'refund', accountId: U, amount: 100 }, reason: 'r' })),
    ],
  },
  'approvals.decide': {
    who: 'clerk1', valid: (fx) => decide(fx.approvals.pending),
    fields: [['approvalId', 'id'], ['decision', 'enum'], ['note', 'optionalText', 'optional'], ['approver', 'object', 'optional'],
      ['approver.username', 'text40'], ['approver.password', 'password']],
    strict: ['approver'],
    cases: [
      c('unknown approval', 'clerk1', 'not-found', () => decide(U)),
      c('the requester approves in their own session', 'supervisor', 'approval-self', (fx) => decide(fx.approvals.bySupervisor, { approver: undefined })),
      c('the requester types their own password at a clerk\'s counter', 'clerk1', 'approval-self', (fx) => decide(fx.approvals.bySupervisor, { decision: 'reject' })),
      c('a clerk decides in their own session', 'clerk1', 'approval-not-supervisor', (fx) => decide(fx.approvals.pending, { approver: undefined })),
      c('a clerk\'s credentials', 'clerk1', 'approval-not-supervisor', (fx) => decide(fx.approvals.pending, { approver: creds('clerk2', 'clerk2234') })),
      c('the admin\'s credentials', 'clerk1', 'approval-not-supervisor', (fx) => decide(fx.approvals.pending, { approver: creds('admin', fx.backend.firstAdminPassword ?? '') })),
      c('the supervisor\'s wrong password', 'clerk1', 'bad-credentials', (fx) => decide(fx.approvals.pending, { approver: creds('super1', 'not-it-123') })),
      c('an unknown approver', 'clerk1', 'bad-credentials', (fx) => decide(fx.approvals.pending, { approver: creds('nobody', 'super1234') })),
      c('a locked approver', 'clerk1', 'account-locked', (fx) => decide(fx.approvals.pending, { approver: creds('locked.one', 'locked123') })),
      c('already approved', 'clerk1', 'approval-not-pending', (fx) => decide(fx.approvals.reverse, { decision: 'reject' })),
      c('already rejected', 'supervisor', 'approval-not-pending', (fx) => decide(fx.approvals.rejected, { approver: undefined })),
      c('already used', 'clerk1', 'approval-not-pending', (fx) => decide(fx.approvals.used)),
      c('expired before a decision', 'clerk1', 'approval-expired', (fx) => decide(fx.approvals.expiredPending)),
      c('approved and expired since', 'supervisor', 'approval-expired', (fx) => decide(fx.approvals.expiredRefund, { approver: undefined })),
    ],
  },
  'approvals.get': {
    who: 'admin', valid: (fx) => ({ approvalId: fx.approvals.pending }), fields: [['approvalId', 'id']],
    cases: [c('unknown approval', 'clerk1', 'not-found', () => ({ approvalId: U }))],
  },
  'approvals.list': {
    who: 'supervisor', valid: () => ({ state: 'pending', kind: 'reversal', limit: 20 }),
    fields: [['state', 'enum', 'optional'], ['kind', 'enum', 'optional'], ['limit', 'limit500', 'optional']],
  },
  'sales.reverse': {
    who: 'clerk1', valid: (fx) => reverse(fx.reverseSale, fx.approvals.reverse),
    fields: [['saleId', 'id'], ['approvalId', 'id'], ['reason', 'text200'], ['idempotencyKey', 'key']],
    cases: [
      c('unknown sale', 'clerk1', 'not-found', (fx) => reverse(U, fx.approvals.reverse)),
      c('unknown approval', 'clerk1', 'not-found', (fx) => reverse(fx.reverseSale, U)),
      c('approval for another sale', 'clerk1', 'approval-mismatch', (fx) => reverse(fx.reverseSale, fx.approvals.otherSale)),
      c('approval another clerk asked for', 'clerk1', 'approval-mismatch', (fx) => reverse(fx.reverseSale, fx.approvals.byClerk2)),
      c('a refund approval', 'clerk1', 'approval-mismatch', (fx) => reverse(fx.reverseSale, fx.approvals.refund)),
      c('approval still pending', 'clerk1', 'approval-required', (fx) => reverse(fx.reverseSale, fx.approvals.pending)),
      c('approval rejected', 'clerk1', 'approval-rejected', (fx) => reverse(fx.reverseSale, fx.approvals.rejected)),
      c('approval expired', 'clerk1', 'approval-expired', (fx) => reverse(fx.saleId, fx.approvals.expiredPending)),
      c('a cash sale without an open shift', 'clerk2', 'no-open-shift', (fx) => reverse(fx.reverseSale, fx.approvals.reverse)),
      c('a sale reversed before', 'clerk1', 'sale-already-reversed', (fx) => reverse(fx.reversedSale, fx.approvals.reverse)),
      c('a sale with a later sale on its meter', 'clerk1', 'reversal-not-latest', (fx) => reverse(fx.notLatestSale, fx.approvals.reverse)),
      c('a sale on a meter since replaced', 'clerk1', 'meter-removed', (fx) => reverse(fx.removedMeterSale, fx.approvals.reverse)),
      c('key reused for another sale', 'clerk1', 'idempotency-conflict', (fx) => reverse(fx.reverseSale, fx.approvals.reverse, fx.reversalKey)),
    ],
  },
  'sales.byReceipt': {
    who: 'clerk2', valid: (fx) => ({ receiptNo: fx.saleReceiptNo }), fields: [['receiptNo', 'bankRef']],
    cases: [c('unknown receipt', 'clerk1', 'not-found', () => ({ receiptNo: 'A01-2026-999999' }))],
  },
  'cash.drawer': {
    who: 'clerk1', valid: () => ({}), fields: [],
    cases: [c('clerk without an open shift', 'clerk2', 'no-open-shift', () => ({})), c('supervisor without an open shift', 'supervisor', 'no-open-shift', () => ({}))],
  },
  'cash.drop': {
    who: 'clerk1', valid: () => drop(100),
    fields: [['amount', 'positive'], ['receiver', 'object'], ['receiver.username', 'text40'], ['receiver.password', 'password'], ['note', 'optionalText', 'optional']],
    strict: ['receiver'],
    cases: [
      c('more than the drawer holds', 'clerk1', 'drop-exceeds-drawer', () => drop(100_000_000)),
      c('the receiver is a clerk', 'clerk1', 'approval-not-supervisor', () => drop(100, creds('clerk2', 'clerk2234'))),
      c('the receiver is the clerk themself', 'clerk1', 'approval-not-supervisor', () => drop(100, creds('clerk1', 'clerk1234'))),
      c('the receiver is the admin', 'clerk1', 'approval-not-supervisor', (fx) => drop(100, creds('admin', fx.backend.firstAdminPassword ?? ''))),
      c('a supervisor drops to themself', 'supervisor', 'approval-self', () => drop(100)),
      c('the receiver\'s wrong password', 'clerk1', 'bad-credentials', () => drop(100, creds('super1', 'not-it-456'))),
      c('an unknown receiver', 'clerk1', 'bad-credentials', () => drop(100, creds('nobody', 'super1234'))),
      c('a locked receiver', 'clerk1', 'account-locked', () => drop(100, creds('locked.one', 'locked123'))),
      c('a deactivated receiver', 'clerk1', 'user-inactive', () => drop(100, creds('retired.one', 'retired123'))),
      c('no open shift', 'clerk2', 'no-open-shift', () => drop(100)),
    ],
  },
  'deposits.pending': { who: 'clerk2', valid: () => ({}), fields: [] },
  'deposits.record': {
    who: 'clerk1', valid: (fx) => deposit({ amount: fx.drops.openAmount, dropIds: [fx.drops.open] }),
    fields: [['bank', 'text40'], ['slipRef', 'bankRef'], ['amount', 'positive'], ['depositDate', 'date'], ['obligationIds', 'ids'], ['dropIds', 'ids'], ['dropIds.0', 'id']],
    cases: [
      { name: 'nothing to deposit', who: 'clerk1', code: 'invalid-input', path: 'obligationIds', input: () => deposit({ amount: 100 }) },
      c('amount not what is selected', 'clerk1', 'deposit-amount-mismatch', (fx) => deposit({ amount: fx.drops.openAmount + 1, dropIds: [fx.drops.open] })),
      c('a drop banked before', 'clerk1', 'deposit-item-unavailable', (fx) => deposit({ amount: fx.drops.openAmount, dropIds: [fx.drops.open, fx.drops.deposited] })),
      c('an unknown drop', 'clerk1', 'deposit-item-unavailable', (fx) => deposit({ amount: fx.drops.openAmount, dropIds: [fx.drops.open, U] })),
      c('an unknown obligation', 'clerk1', 'deposit-item-unavailable', (fx) => deposit({ amount: fx.drops.openAmount, dropIds: [fx.drops.open], obligationIds: [U] })),
      c('deposit date tomorrow', 'clerk1', 'deposit-date-future', (fx) => deposit({ amount: fx.drops.openAmount, dropIds: [fx.drops.open], depositDate: '2026-06-16' })),
      c('a slip recorded before', 'clerk1', 'deposit-slip-duplicate', (fx) => deposit({ ...fx.depositSlip, amount: fx.drops.openAmount, dropIds: [fx.drops.open] })),
      c('the same slip, in other case and spacing', 'supervisor', 'deposit-slip-duplicate', (fx) => deposit({
        bank: ` ${[...fx.depositSlip.bank].join(' ')} `, slipRef: ` ${fx.depositSlip.slipRef.toLowerCase()} `, amount: fx.drops.openAmount, dropIds: [fx.drops.open],
      })),
    ],
  },
  'deposits.list': { who: 'supervisor', valid: () => ({ from: '2026-06-01', to: '2026-06-30', limit: 10 }), fields: [['from', 'date', 'optional'], ['to', 'date', 'optional'], ['limit', 'limit500', 'optional']] },
  'deposits.pendingPdf': { who: 'supervisor', valid: () => ({}), fields: [] },
  'settings.moneyRules': { who: 'clerk1', valid: () => ({}), fields: [] },
  'settings.setMoneyRules': {
    who: 'admin', valid: () => ({ ...rules }),
    fields: [['holidayCashPerApproval', 'positive'], ['holidayCashPerCustomer', 'positive'], ['maxSale', 'positive'], ['drawerLimit', 'positive'],
      ['blockHolidayCashWhenOverdue', 'bool'], ['approvalMinutes', 'approvalMinutes']],
  },
};

/** The cases the existing sales.sell and accounts.close entries gain with issue 4. */
const sell = (meterId: number, amount: number, o: Record<string, unknown> = {}) => ({ meterId, request: money(amount), tendered: amount, idempotencyKey: 'bad-input-key-2', ...o });
export const SELL_MONEY_CASES: readonly Case[] = [
  c('an unknown voucher', 'clerk1', 'not-found', (fx) => sell(fx.meters.money, 5_000, { voucherId: U })),
  c('a voucher used up', 'clerk1', 'voucher-used-up', (fx) => sell(fx.meters.money, 5_000, { voucherId: fx.vouchers.usedUp })),
  c('a voucher with too little left', 'clerk1', 'voucher-insufficient', (fx) => sell(fx.meters.money, 5_000, { voucherId: fx.vouchers.small })),
  c('a voucher of another account', 'clerk1', 'voucher-other-account', (fx) => sell(fx.meters.money, 5_000, { voucherId: fx.vouchers.otherAccount })),
  c('a voucher with a tender above the payable', 'clerk1', 'voucher-tender-mismatch', (fx) => sell(fx.meters.money, 5_000, { voucherId: fx.vouchers.open, tendered: 6_000 })),
  c('cash on a bank-transfer-only account on a bank working day', 'clerk1', 'bank-transfer-only', (fx) => sell(fx.bankMeter, 5_000)),
  c('the same with an approval', 'clerk1', 'bank-transfer-only', (fx) => sell(fx.bankMeter, 5_000, { approvalId: fx.approvals.pending })),
  c('above the largest sale', 'clerk1', 'sale-over-maximum', (fx) => sell(fx.meters.money, 5_000_001)),
  c('a voucher sale above the largest sale', 'clerk1', 'sale-over-maximum', (fx) => sell(fx.meters.money, 5_000_001, { voucherId: fx.vouchers.open })),
  c('cash into a drawer at its limit', 'clerk3', 'drawer-limit-reached', (fx) => sell(fx.meters.money, 5_000)),
];

const close = (fx: Parameters<MethodSpec['valid']>[0], approvalId: number | undefined, refund = 100) => ({
  accountId: fx.accounts.money.id, residuals: [{ meterId: fx.meters.money, refund }], reason: '销户', ...(approvalId === undefined ? {} : { approvalId }),
});
export const closeInput = close;
export const CLOSE_MONEY_CASES: readonly Case[] = [
  c('refund without an approval', 'clerk1', 'approval-required', (fx) => close(fx, undefined)),
  c('approval for another amount', 'clerk1', 'approval-mismatch', (fx) => close(fx, fx.approvals.refundOther)),
  c('a reversal approval', 'clerk1', 'approval-mismatch', (fx) => close(fx, fx.approvals.reverse)),
  c('approval still pending', 'clerk1', 'approval-required', (fx) => close(fx, fx.approvals.refundPending)),
  c('approval expired', 'clerk1', 'approval-expired', (fx) => close(fx, fx.approvals.expiredRefund)),
  c('unknown approval', 'clerk1', 'not-found', (fx) => close(fx, U)),
];
