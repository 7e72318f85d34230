/**
 * Views of the money-discipline contract: vouchers, approvals, holiday cash, drawer controls, bank
 * deposits and reversals. Amounts are integer fen; dates are Beijing business dates (YYYY-MM-DD).
 */
import type { ApprovalKind, ApprovalState, PaymentMethod, Settlement, VoucherState } from '../vocabulary';

/** A bank-transfer voucher (转账凭证) and what is left of it. */
export interface VoucherView {
  readonly id: number;
  readonly bank: string;
  readonly payerAccount: string;
  readonly referenceNo: string;
  readonly payer: string;
  readonly amount: number;
  readonly used: number;
  readonly remaining: number;
  readonly state: VoucherState;
  readonly valueDate: string;
  /** The account it may pay for; null when any account of the payer may draw on it. */
  readonly accountId: number | null;
  readonly accountNo: string | null;
  readonly hasImage: boolean;
  readonly registeredBy: number;
  readonly registeredAt: string;
}

export interface VoucherDrawView {
  readonly saleId: number;
  readonly receiptNo: string;
  /** Positive for a sale drawing on the voucher, negative when a reversal gave it back. */
  readonly amount: number;
  readonly at: string;
}

export interface VoucherDetailView extends VoucherView {
  readonly draws: readonly VoucherDrawView[];
}

export interface VoucherImageView {
  readonly voucherId: number;
  readonly mime: string;
  readonly dataBase64: string;
}

/** A printable document (the voucher register, the deposit list): a PDF as base64. */
export interface DocumentView {
  readonly fileName: string;
  readonly pdfBase64: string;
  readonly bytes: number;
}

/** What the approval is for, by kind; the using call must match it. */
export type ApprovalSubject =
  | { readonly kind: 'holiday_cash'; readonly meterId: number; readonly amount: number }
  | { readonly kind: 'reversal'; readonly saleId: number }
  | { readonly kind: 'refund'; readonly accountId: number; readonly amount: number }
  | { readonly kind: 'control_job'; readonly jobId: number }
  | { readonly kind: 'manual_reading'; readonly meterId: number; readonly readAt: string; readonly total: number }
  /** A replacement card (补卡) for the meter. */
  | { readonly kind: 'card_replacement'; readonly meterId: number }
  /** A sale to a card meter whose previous purchase has not reached the meter yet. */
  | { readonly kind: 'card_unloaded'; readonly meterId: number };

export interface ApprovalView {
  readonly id: number;
  readonly kind: ApprovalKind;
  readonly subject: ApprovalSubject;
  readonly reason: string;
  readonly state: ApprovalState;
  readonly requestedBy: number;
  readonly requestedByName: string;
  readonly requestedAt: string;
  readonly expiresAt: string;
  readonly decidedBy: number | null;
  readonly decidedByName: string | null;
  readonly decidedAt: string | null;
  readonly decisionNote: string | null;
  readonly usedAt: string | null;
}

/** The rules in force for paying cash on one meter today: shown on the counter before the clerk takes money. */
export interface CashRuleView {
  readonly date: string;
  readonly bankWorkingDay: boolean;
  readonly nextBankWorkingDay: string;
  readonly holidayName: string | null;
  readonly settlement: Settlement;
  /** 'allowed', 'needs-approval' (holiday cash on a bank-transfer-only account) or 'refused'. */
  readonly cash: 'allowed' | 'needs-approval' | 'refused';
  /** The holiday period (consecutive non-working days) today belongs to, when it is one. */
  readonly holidayStart: string | null;
  readonly holidayEnd: string | null;
  readonly perApprovalMax: number;
  readonly perCustomerCap: number;
  /** Holiday cash this account already paid in this holiday period. */
  readonly usedThisHoliday: number;
  readonly remainingThisHoliday: number;
}

export interface MoneyRulesView {
  readonly holidayCashPerApproval: number;
  readonly holidayCashPerCustomer: number;
  readonly maxSale: number;
  readonly drawerLimit: number;
  readonly blockHolidayCashWhenOverdue: boolean;
  readonly approvalMinutes: number;
}

/** The acting clerk's drawer: expected cash = float + cash taken − drops − deposits − refunds. */
export interface DrawerView {
  readonly shiftId: number;
  readonly float: number;
  readonly cashTaken: number;
  readonly drops: number;
  readonly deposits: number;
  readonly refunds: number;
  readonly expected: number;
  readonly limit: number;
  readonly limitReached: boolean;
  readonly overdueObligations: number;
  readonly holidayCashBlocked: boolean;
}

export interface CashDropView {
  readonly id: number;
  readonly shiftId: number;
  readonly clerkId: number;
  readonly clerkName: string;
  readonly receivedBy: number;
  readonly receivedByName: string;
  readonly amount: number;
  readonly at: string;
  readonly depositId: number | null;
}

/** A deposit obligation: holiday cash that must reach the bank by `dueDate`. */
export interface ObligationView {
  readonly id: number;
  readonly saleId: number;
  readonly receiptNo: string;
  readonly accountId: number;
  readonly accountNo: string;
  readonly customerName: string;
  readonly clerkId: number;
  readonly clerkName: string;
  readonly shiftId: number;
  readonly amount: number;
  readonly businessDate: string;
  readonly dueDate: string;
  readonly state: 'pending' | 'overdue' | 'deposited' | 'reversed';
  readonly depositId: number | null;
}

export interface DepositView {
  readonly id: number;
  readonly bank: string;
  readonly slipRef: string;
  readonly amount: number;
  readonly depositDate: string;
  readonly recordedBy: number;
  readonly recordedByName: string;
  readonly at: string;
  readonly obligationIds: readonly number[];
  readonly dropIds: readonly number[];
}

/** What waits to be banked, for the deposits page and the supervisor's home. */
export interface PendingDepositsView {
  readonly today: string;
  readonly obligations: readonly ObligationView[];
  readonly drops: readonly CashDropView[];
  readonly overdueCount: number;
  readonly overdueAmount: number;
  readonly pendingAmount: number;
}

export interface ReversalView {
  readonly id: number;
  readonly receiptNo: string;
  readonly saleId: number;
  readonly saleReceiptNo: string;
  readonly amount: number;
  readonly paymentMethod: PaymentMethod;
  readonly reason: string;
  /** 'approved' by a supervisor, or 'card_void': the system's, for a card sale whose purchase never reached the card. */
  readonly cause: 'approved' | 'card_void';
  /** null for a card void. */
  readonly approvalId: number | null;
  readonly approvedBy: number | null;
  readonly clerkId: number;
  readonly shiftId: number | null;
  readonly at: string;
  readonly replayed: boolean;
}
