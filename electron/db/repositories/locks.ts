/**
 * Locks for read-then-write sequences (issue 8). On SQLite a write transaction already runs alone: the
 * backend has one connection, Kysely's SQLite driver runs one transaction at a time on it, and the file has a
 * single writer besides. So every function here is a no-op on SQLite. On PostgreSQL, under READ COMMITTED and
 * with several counters on one server, two transactions can read the same balance, serial or audit head and
 * both write from it: these locks make the second wait for the first to commit, then read its result (each
 * statement of a READ COMMITTED transaction sees what was committed before it began).
 *
 * Deadlock avoidance: a transaction takes its locks in one order — an idempotency key's advisory lock, the
 * clerk's shift (shared), the account, its meters, a voucher, an approval, a card or meter write or a control
 * job, ids ascending within a table — and the audit chain's advisory lock last (appendAudit), held from the
 * audit insert to commit. A deadlock that still happens is broken by the server after deadlock_timeout and the
 * whole transaction is retried (deps.ts inTransaction).
 */
import { createHash } from 'node:crypto';
import { PostgresAdapter, SqliteAdapter, sql } from 'kysely';
import type { Db } from './db';
import type { SqlDialect } from '../migrations/dialect';

export class UnknownDialectError extends Error {
  constructor(adapter: string) {
    super(`unknown Kysely adapter ${adapter}: HallDesk knows SQLite and PostgreSQL only (was Kysely upgraded?)`);
    this.name = 'UnknownDialectError';
  }
}

/**
 * The SQL dialect behind a connection or transaction. Asked of Kysely's adapter (a transaction shares its
 * parent's executor), so repositories need no extra parameter. Anything else throws: a Kysely upgrade that
 * renamed the adapters must fail loudly (tests/concurrency/locks.test.ts), not silently lose every lock.
 */
export function dialectOf(db: Db): SqlDialect {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof PostgresAdapter) return 'postgres';
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  throw new UnknownDialectError(adapter.constructor.name);
}

/** A lock taken outside a transaction ends with its own statement: a bug to fail loudly on, never a silent no-op. */
function requireTransaction(db: Db, what: string): void {
  if (!db.isTransaction) throw new Error(`a lock on ${what} was asked for outside a transaction: it would protect nothing`);
}

/** Tables whose rows a service locks before reading what it will write back. */
export type LockableTable = 'accounts' | 'meters' | 'shifts' | 'cards' | 'card_writes' | 'meter_writes' | 'control_jobs' | 'vouchers' | 'approvals' | 'counters';

/**
 * Locks the rows `ids` of `table` until the transaction ends, ordered by id so two transactions locking
 * overlapping sets never wait on each other crosswise. FOR NO KEY UPDATE rather than FOR UPDATE: exclusive
 * among lockers (and against a FOR SHARE) all the same, but it lets other transactions insert rows that merely
 * reference the locked one (a reading of a locked meter, a ledger line of a locked account), whose foreign-key
 * checks take KEY SHARE locks. HallDesk never changes a key column. SQLite: nothing to do (see the file comment).
 */
export async function lockRowsForUpdate(db: Db, table: LockableTable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0 || dialectOf(db) !== 'postgres') return;
  requireTransaction(db, `rows of ${table}`);
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  await sql`select id from ${sql.table(table)} where id in (${sql.join(sorted)}) order by id for no key update`.execute(db);
}

/**
 * The 64-bit advisory lock key of a name: the first 8 bytes of its SHA-256, as a signed bigint in text.
 * Computed here rather than by the server's hashtext() (undocumented, 32 bits) so every counter and every
 * PostgreSQL version agree; two names sharing a key would only wait on each other, never corrupt anything.
 */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(`halldesk:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * pg_advisory_xact_lock on a name: held until the transaction commits or rolls back, so whatever the
 * transaction read after taking it cannot be changed by another holder before this one's writes are
 * visible. SQLite: nothing to do.
 */
export async function advisoryXactLock(db: Db, name: string): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  requireTransaction(db, `"${name}"`);
  await sql`select pg_advisory_xact_lock(${advisoryKey(name)}::bigint)`.execute(db);
}

/**
 * Locks an account and then every meter of it, for a transaction that reads and writes back the account's
 * balances: a meter's held credit, remaining, overdraft and card state, and the account's units-to-date (whose
 * rows are keyed by the account, so the account's lock covers them). Taken at the start, before anything is
 * priced, so a second counter selling to the same account waits and then prices on the first's result.
 */
export async function lockAccount(db: Db, accountId: number): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await lockRowsForUpdate(db, 'accounts', [accountId]);
  const meters = await db.selectFrom('meters').select('id').where('account_id', '=', accountId).execute();
  await lockRowsForUpdate(db, 'meters', meters.map((m) => Number(m.id)));
}

/** lockAccount for the account a meter belongs to; an unknown meter locks nothing (the caller's lookup refuses it). */
export async function lockAccountOfMeter(db: Db, meterId: number): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  const meter = await db.selectFrom('meters').select('account_id').where('id', '=', meterId).executeTakeFirst();
  if (meter) await lockAccount(db, Number(meter.account_id));
}

/** The advisory lock name of an idempotency key of one kind of request (sale, reversal, card fee, …). */
export function idempotencyLockName(kind: string, key: string): string {
  return `idempotency:${kind}:${key}`;
}
