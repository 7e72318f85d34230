/** Row types of the money-discipline tables (migration 0060): vouchers, approvals, reversals, deposits. */
import type { Generated } from 'kysely';

export interface VoucherTable {
  id: Generated<number>;
  bank: string;
  bank_key: string;
  payer_account: string;
  reference_no: string;
  reference_key: string;
  payer: string;
  amount_fen: number;
  used_fen: Generated<number>;
  value_date: string;
  account_id: number | null;
  registered_by: number;
  registered_at: string;
}
export interface VoucherImageTable { voucher_id: number; mime: string; data: Buffer }
export interface VoucherDrawTable { id: Generated<number>; voucher_id: number; sale_id: number; amount_fen: number; created_at: string }

export interface ApprovalTable {
  id: Generated<number>;
  kind: string;
  /** The ApprovalSubject as JSON: what the using call must match. */
  subject: string;
  reason: string;
  requested_by: number;
  requested_at: string;
  expires_at: string;
}
export interface ApprovalDecisionTable { approval_id: number; decision: string; decided_by: number; note: string | null; decided_at: string }
export interface ApprovalUseTable { approval_id: number; used_by: number; entity: string; entity_id: string; used_at: string }

export interface SaleReversalTable {
  id: Generated<number>;
  receipt_no: string;
  idempotency_key: string;
  request_hash: string;
  sale_id: number;
  /** null only for a 'card_void' (migration 0120). */
  approval_id: number | null;
  reason: string;
  clerk_id: number;
  shift_id: number | null;
  counter_code: string;
  amount_fen: number;
  business_date: string;
  created_at: string;
  /** 'approved' or 'card_void' (migration 0120). */
  cause: Generated<string>;
}

export interface DepositObligationTable {
  id: Generated<number>;
  sale_id: number;
  account_id: number;
  clerk_id: number;
  shift_id: number;
  approval_id: number;
  amount_fen: number;
  business_date: string;
  /** First day of the holiday period the sale fell in: the per-customer cap counts per period. */
  holiday_start: string;
  due_date: string;
  created_at: string;
}
export interface CashDropTable {
  id: Generated<number>;
  shift_id: number;
  clerk_id: number;
  received_by: number;
  amount_fen: number;
  note: string | null;
  created_at: string;
}
export interface BankDepositTable {
  id: Generated<number>;
  bank: string;
  bank_key: string;
  slip_ref: string;
  slip_key: string;
  amount_fen: number;
  deposit_date: string;
  recorded_by: number;
  created_at: string;
}
export interface DepositItemTable { id: Generated<number>; deposit_id: number; obligation_id: number | null; drop_id: number | null; amount_fen: number }
