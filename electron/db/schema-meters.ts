/** Row types of the meter communication tables (migrations 0070 on). */
import type { Generated } from 'kysely';

export interface MeterBusTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  endpoint: string;
  baud_rate: number;
  data_bits: number;
  parity: string;
  stop_bits: number;
  reply_timeout_ms: number | null;
  retries: Generated<number>;
  active: Generated<number>;
  created_at: string;
}

/** One pass over the buses (migration 0080); finished_at and the counts are set when it ends. */
export interface ReadSweepTable {
  id: Generated<number>;
  kind: string;
  scheduled_for: string | null;
  started_at: string;
  finished_at: string | null;
  bus_id: number | null;
  total: Generated<number>;
  ok: Generated<number>;
  failed: Generated<number>;
  user_id: number | null;
}

/** One meter's result in a sweep, good or failed (append-only). */
export interface MeterReadingTable {
  id: Generated<number>;
  meter_id: number;
  sweep_id: number | null;
  read_at: string;
  total: number | null;
  remaining: number | null;
  overdraft: number | null;
  purchase_count: number | null;
  relay: string | null;
  valve: string | null;
  /** JSON array of the protocol's named status bits. */
  flags: Generated<string>;
  quality: string;
  attempts: Generated<number>;
  error_code: string | null;
  error_message: string | null;
}

/** The journal of remote writes to meters (migration 0090; append-only). */
export interface MeterWriteTable {
  id: Generated<number>;
  sale_id: number;
  meter_id: number;
  kind: string;
  /** The count the meter carries after the write; null until delivery pins it (see 0090-meter-writes.ts). */
  purchase_count: number | null;
  /** fen (money meters) or 0.01 units (energy meters). */
  amount: number;
  created_at: string;
}

/** One step of a meter write; the latest is its state (append-only). */
export interface MeterWriteEventTable {
  id: Generated<number>;
  write_id: number;
  state: string;
  at: string;
  /** JSON object. */
  detail: string;
}
