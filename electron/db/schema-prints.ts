/** Row types of the print tables (migration 0130; both append-only, a job's state is its latest event). */
import type { Generated } from 'kysely';

export interface PrintJobTable {
  id: Generated<number>;
  kind: string;
  form: string;
  sale_id: number | null;
  receipt_no: string | null;
  reprint_no: number;
  driver: string;
  target: string;
  /** JSON: a customer list's { title, rows }; {} for a slip (rendered from its sale). */
  request: string;
  language: string;
  title: string;
  requested_by: number | null;
  created_at: string;
}

export interface PrintJobEventTable {
  id: Generated<number>;
  job_id: number;
  state: string;
  attempt: number;
  at: string;
  /** JSON object. */
  detail: string;
  next_attempt_at: string | null;
}

/** The print tables, merged into Database (schema.ts). */
export interface PrintTables {
  print_jobs: PrintJobTable;
  print_job_events: PrintJobEventTable;
}
