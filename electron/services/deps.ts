import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Db } from '../db/repositories/db';
import type { Clock } from '../domain/time/business-time';
import type { Role } from '../../shared/vocabulary';
import { DomainError } from '../domain/errors';

/** What every service needs, built once by the composition root. */
export interface ServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  /** This workstation's counter code (receipt serial prefix, e.g. A01). */
  readonly counterCode: string;
}

/** The authenticated user a call runs for. */
export interface Actor {
  readonly userId: number;
  readonly username: string;
  readonly role: Role;
}

/** PostgreSQL's deadlock_detected and serialization_failure: the server rolled the transaction back. */
const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40P01', '40001']);
/** Retries after the first attempt; each waits a little longer, jittered so the two victims do not meet again. */
export const TRANSACTION_RETRIES = 3;

export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in one database transaction: everything it writes lands together or not at all.
 *
 * On PostgreSQL two counters' transactions can deadlock on row locks, and the server then aborts one of
 * them (40P01; 40001 would come from a serializable transaction). The whole transaction is re-run then, at
 * most TRANSACTION_RETRIES times. That is safe because the aborted attempt rolled back entirely — no sale,
 * serial, ledger line or audit record of it remains — and `work` touches only the database: it re-reads
 * everything and decides afresh (a second attempt of an idempotent call finds the first one's row if it
 * did commit, which it cannot have here). Any other error is the caller's, unretried. SQLite never raises
 * these codes: its single writer cannot deadlock.
 */
export async function inTransaction<T>(deps: ServiceDeps, work: (trx: Db) => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await deps.db.transaction().execute(work);
    } catch (error) {
      if (retry >= TRANSACTION_RETRIES || !isRetryableConflict(error)) throw error;
      await pause(10 * 2 ** retry + Math.random() * 40);
    }
  }
}

export function nowIso(deps: ServiceDeps): string {
  return deps.clock.now().toISOString();
}

/** Returns the row or refuses with not-found naming what was missing. */
export function found<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new DomainError('not-found', { what });
  return row;
}
