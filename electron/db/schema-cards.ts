/** Row types of the card tables (migration 0120). */
import type { Generated } from 'kysely';

export interface CardTable {
  id: Generated<number>;
  card_no: string;
  meter_id: number | null;
  kind: string;
  profile: string;
  replaces_card_id: number | null;
  issued_by: number;
  issued_at: string;
}

export interface CardEventTable {
  id: Generated<number>;
  card_id: number;
  kind: string;
  reason: string;
  user_id: number | null;
  approval_id: number | null;
  at: string;
}

export interface CardWriteTable {
  id: Generated<number>;
  card_id: number;
  meter_id: number | null;
  sale_id: number | null;
  kind: string;
  purchase_count: number;
  amount: number;
  address: number;
  image_hex: string;
  created_by: number | null;
  created_at: string;
}

export interface CardWriteEventTable {
  id: Generated<number>;
  write_id: number;
  state: string;
  at: string;
  /** JSON object. */
  detail: string;
}

export interface CardFeeTable {
  id: Generated<number>;
  receipt_no: string;
  idempotency_key: string;
  request_hash: string;
  card_id: number;
  meter_id: number;
  account_id: number;
  amount_fen: number;
  tendered_fen: number;
  approval_id: number;
  clerk_id: number;
  shift_id: number;
  counter_code: string;
  business_date: string;
  created_at: string;
}
