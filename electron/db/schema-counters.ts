/** Row type of the counters table (migration 0170, issue 8): one row per counter code and its lease. */
import type { Generated } from 'kysely';

export interface CounterTable {
  id: Generated<number>;
  code: string;
  host: string;
  holder: string;
  started_at: string;
  last_seen_at: string;
  /** ISO instant the lease runs until; null once released. */
  lease_until: string | null;
}

/** Merged into Database (schema.ts). */
export interface CounterTables {
  counters: CounterTable;
}
