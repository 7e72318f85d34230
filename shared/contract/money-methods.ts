/**
 * The money-discipline part of the contract (vouchers, approvals, drawer controls, bank deposits,
 * reversals, money rules). Spread into the one contract table in methods.ts; same rules: every input is
 * validated here and every role checked by the backend.
 */
import { z } from 'zod';
import * as f from './fields';
import type { Role } from '../vocabulary';
import { APPROVAL_KINDS, APPROVAL_STATES, SETTLEMENTS, VOUCHER_STATES } from '../vocabulary';

const COUNTER: readonly Role[] = ['clerk', 'supervisor'];
const SUPERVISOR: readonly Role[] = ['supervisor'];
const ADMIN: readonly Role[] = ['admin'];
const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];

export const settlement = z.enum(SETTLEMENTS);
/** Bank references, payer accounts and slip numbers: letters, digits and '-', as printed on the bank's paper. */
const bankRef = z.string().trim().regex(/^[0-9A-Za-z-]{4,40}$/);
/** A scanned voucher: at most 2 MB of PNG, JPEG or PDF (base64 is 4/3 of that). */
export const MAX_VOUCHER_IMAGE_BYTES = 2 * 1024 * 1024;
const voucherImage = z.object({
  mime: z.enum(['image/png', 'image/jpeg', 'application/pdf']),
  dataBase64: z.string().min(4).max(Math.ceil(MAX_VOUCHER_IMAGE_BYTES / 3) * 4).regex(/^[A-Za-z0-9+/]+={0,2}$/),
}).strict();
/** A supervisor proving presence at the counter: their own username and password. */
const credentials = z.object({ username: f.text(40), password: f.password }).strict();
const voucherFilter = z.object({
  query: f.text(40).optional(), state: z.enum(VOUCHER_STATES).optional(), accountId: f.id.optional(),
  from: f.businessDate.optional(), to: f.businessDate.optional(), limit: z.number().int().min(1).max(500).optional(),
}).strict();
const approvalSubject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('holiday_cash'), meterId: f.id, amount: f.positiveFen }).strict(),
  z.object({ kind: z.literal('reversal'), saleId: f.id }).strict(),
  z.object({ kind: z.literal('refund'), accountId: f.id, amount: f.positiveFen }).strict(),
  z.object({ kind: z.literal('control_job'), jobId: f.id }).strict(),
  z.object({ kind: z.literal('manual_reading'), meterId: f.id, readAt: z.string().datetime({ offset: true }), total: z.number().int().nonnegative() }).strict(),
  z.object({ kind: z.literal('card_replacement'), meterId: f.id }).strict(),
  z.object({ kind: z.literal('card_unloaded'), meterId: f.id }).strict(),
]);
const ids = z.array(f.id).max(200);

export const moneyContract = {
  'accounts.setSettlement': { access: SUPERVISOR, input: z.object({ accountId: f.id, settlement, reason: f.text(200) }).strict() },

  'vouchers.register': {
    access: COUNTER,
    input: z.object({
      bank: f.text(40), payerAccount: bankRef, referenceNo: bankRef, payer: f.text(60), amount: f.positiveFen,
      valueDate: f.businessDate, accountId: f.id.nullable(), image: voucherImage.nullable().optional(),
    }).strict(),
  },
  'vouchers.search': { access: STAFF, input: voucherFilter },
  'vouchers.get': { access: STAFF, input: z.object({ voucherId: f.id }).strict() },
  'vouchers.image': { access: STAFF, input: z.object({ voucherId: f.id }).strict() },
  'vouchers.registerPdf': { access: STAFF, input: voucherFilter },

  'approvals.request': { access: COUNTER, input: z.object({ subject: approvalSubject, reason: f.text(200) }).strict() },
  'approvals.decide': {
    access: COUNTER,
    input: z.object({
      approvalId: f.id, decision: z.enum(['approve', 'reject']), note: f.optionalText(200),
      /** The approving supervisor's credentials when the dialog is at a clerk's counter; omitted when a supervisor decides in their own session. */
      approver: credentials.optional(),
    }).strict(),
  },
  'approvals.get': { access: STAFF, input: z.object({ approvalId: f.id }).strict() },
  'approvals.list': { access: STAFF, input: z.object({ state: z.enum(APPROVAL_STATES).optional(), kind: z.enum(APPROVAL_KINDS).optional(), limit: z.number().int().min(1).max(500).optional() }).strict() },

  'sales.reverse': {
    access: COUNTER,
    input: z.object({ saleId: f.id, approvalId: f.id, reason: f.text(200), idempotencyKey: f.idempotencyKey }).strict(),
  },
  'sales.byReceipt': { access: STAFF, input: z.object({ receiptNo: z.string().trim().regex(/^[0-9A-Za-z-]{4,40}$/) }).strict() },

  'cash.drawer': { access: COUNTER, input: f.empty },
  'cash.drop': { access: COUNTER, input: z.object({ amount: f.positiveFen, receiver: credentials, note: f.optionalText(200) }).strict() },

  'deposits.pending': { access: STAFF, input: f.empty },
  'deposits.record': {
    access: COUNTER,
    input: z.object({
      bank: f.text(40), slipRef: bankRef, amount: f.positiveFen, depositDate: f.businessDate,
      obligationIds: ids, dropIds: ids,
    }).strict().refine((d) => d.obligationIds.length + d.dropIds.length > 0, { message: 'nothing to deposit', path: ['obligationIds'] }),
  },
  'deposits.list': { access: STAFF, input: z.object({ from: f.businessDate.optional(), to: f.businessDate.optional(), limit: z.number().int().min(1).max(500).optional() }).strict() },
  'deposits.pendingPdf': { access: STAFF, input: f.empty },

  'settings.moneyRules': { access: STAFF, input: f.empty },
  'settings.setMoneyRules': {
    access: ADMIN,
    input: z.object({
      holidayCashPerApproval: f.positiveFen, holidayCashPerCustomer: f.positiveFen, maxSale: f.positiveFen,
      drawerLimit: f.positiveFen, blockHolidayCashWhenOverdue: z.boolean(), approvalMinutes: z.number().int().min(1).max(240),
    }).strict(),
  },
} as const;
