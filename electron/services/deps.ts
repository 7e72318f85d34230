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

/** Runs `work` in one database transaction: everything it writes lands together or not at all. */
export function inTransaction<T>(deps: ServiceDeps, work: (trx: Db) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(work);
}

export function nowIso(deps: ServiceDeps): string {
  return deps.clock.now().toISOString();
}

/** Returns the row or refuses with not-found naming what was missing. */
export function found<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new DomainError('not-found', { what });
  return row;
}
