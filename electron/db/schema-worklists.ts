/** Row types of the worklist and SMS tables (migration 0150; all append-only). */
import type { Generated } from 'kysely';

export interface ReminderContactTable {
  id: Generated<number>;
  account_id: number;
  meter_id: number;
  kind: string;
  outcome: string;
  promised_date: string | null;
  note: string | null;
  user_id: number;
  at: string;
}

export interface SmsMessageTable {
  id: Generated<number>;
  account_id: number;
  phone: string;
  body: string;
  parts: number;
  driver: string;
  requested_by: number | null;
  created_at: string;
}

export interface SmsEventTable {
  id: Generated<number>;
  message_id: number;
  state: string;
  reference: string | null;
  /** JSON object: { code, message } of a failure, or {}. */
  detail: string;
  at: string;
}

/** The worklist tables, merged into Database (schema.ts). */
export interface WorklistTables {
  reminder_contacts: ReminderContactTable;
  sms_messages: SmsMessageTable;
  sms_events: SmsEventTable;
}
