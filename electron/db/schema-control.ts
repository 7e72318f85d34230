/** Row types of the control-job tables (migration 0100; all append-only, states derived from events and attempts). */
import type { Generated } from 'kysely';

export interface ControlJobTable {
  id: Generated<number>;
  action: string;
  /** JSON ControlCommand. */
  command: string;
  /** JSON ControlSelection; null for an automatic job. */
  selection: string | null;
  reason: string;
  automatic: number;
  requested_by: number | null;
  created_at: string;
  effective_at: string | null;
}

export interface ControlJobEventTable {
  id: Generated<number>;
  job_id: number;
  kind: string;
  at: string;
  user_id: number | null;
  approval_id: number | null;
  /** JSON object. */
  detail: string;
}

export interface ControlJobTargetTable {
  id: Generated<number>;
  job_id: number;
  meter_id: number;
}

export interface ControlTargetAttemptTable {
  id: Generated<number>;
  target_id: number;
  attempt: number;
  at: string;
  outcome: string;
  error_code: string | null;
  error_message: string | null;
  next_attempt_at: string | null;
}
