/**
 * Where bulk statements run. A BulkSession is one transaction: statements are handed to `run` in
 * order and land together at `commit`, or not at all. Two kinds:
 *  - inProcessSession: a Kysely transaction on the caller's connection (any dialect; with PostgreSQL
 *    the engine already works in its own process, so nothing more is needed);
 *  - sqliteWorkerSession (sqlite-worker-session.ts): the same statements executed by SQLite on a
 *    worker thread, so building rows (JavaScript) and writing them (SQLite) use both cores.
 * Statements are compiled on the caller's side by Kysely for the session's dialect.
 */
import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Db } from '../db/repositories/db';
import { chainRows, LATEST_HASH_SQL } from '../db/audit-chain.mjs';
import { advisoryXactLock } from '../db/repositories/locks';
import { AUDIT_CHAIN_LOCK } from '../db/repositories/audit-repository';
import { IdMaps } from './id-maps.mjs';
import type { RememberMessage, RunMessage } from './id-maps.mjs';

export interface SqlStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** A bulk INSERT whose reference parameters (keys) the session swaps for ids before binding. */
export interface WriteStatement extends SqlStatement, RunMessage {}

/** A query `select id, <key columns> from <table> where id > ?` that fills the id map `map`. */
export interface RememberStatement extends RememberMessage {
  readonly sql: string;
}

export interface BulkSession {
  /**
   * For lookups before writing. It may not see this session's own uncommitted writes (the worker
   * session reads on another connection), so bulk code keeps what it wrote in memory or uses `all`.
   */
  readonly read: Db;
  /** Compiles statements in the session's dialect; never executes them. */
  readonly compiler: Kysely<Database>;
  /** Queues a statement; it runs after every earlier one. A failure surfaces at a later call. */
  run(statement: WriteStatement): Promise<void>;
  /** Queues a read of the ids of rows inserted so far, into an id map that later statements refer to. */
  remember(statement: RememberStatement): Promise<void>;
  /** Queues one statement run once per parameter list (e.g. an UPDATE per row). */
  each(sql: string, rows: readonly (readonly unknown[])[]): Promise<void>;
  /** Runs a query after every earlier statement, inside the transaction, and returns its rows. */
  all<R>(statement: SqlStatement): Promise<R[]>;
  /**
   * Commits what was written so far and goes on in a new transaction (maps kept). For writers that
   * may land in steps: SQLite reads slow down as one transaction's WAL grows past a few hundred MB.
   */
  commitAndContinue(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** A session on the caller's own connection, in a Kysely-controlled transaction. */
export async function inProcessSession(db: Kysely<Database>): Promise<BulkSession> {
  let trx = await db.startTransaction().execute();
  const maps = new IdMaps();
  return {
    get read() {
      return trx;
    },
    compiler: db,
    async run(statement) {
      const parameters = [...maps.translate(statement)];
      if (statement.chain) {
        // The head is read per statement, so whatever else wrote audit rows in this transaction is chained onto;
        // on PostgreSQL under appendAudit's lock, so a counter's audit record cannot fork the chain meanwhile.
        await advisoryXactLock(trx, AUDIT_CHAIN_LOCK);
        const head = await trx.executeQuery<{ hash: string | null }>(CompiledQuery.raw(LATEST_HASH_SQL, []));
        chainRows(parameters, statement.width, statement.chain, head.rows[0]?.hash ?? null);
      }
      await trx.executeQuery(CompiledQuery.raw(statement.sql, parameters));
    },
    async each(sql, rows) {
      for (const parameters of rows) await trx.executeQuery(CompiledQuery.raw(sql, [...parameters]));
    },
    async remember(statement) {
      const result = await trx.executeQuery<Record<string, unknown>>(CompiledQuery.raw(statement.sql, maps.rememberParameters(statement)));
      maps.remember(statement, result.rows);
    },
    async all<R>(statement: SqlStatement) {
      return (await trx.executeQuery<R>(CompiledQuery.raw(statement.sql, [...statement.parameters]))).rows as R[];
    },
    async commitAndContinue() {
      await trx.commit().execute();
      trx = await db.startTransaction().execute();
    },
    commit: () => trx.commit().execute(),
    rollback: () => trx.rollback().execute(),
  };
}

/** Runs `work` in a session and commits, or rolls back and rethrows. */
export async function withSession<T>(open: () => Promise<BulkSession>, work: (session: BulkSession) => Promise<T>): Promise<T> {
  const session = await open();
  let result: T;
  try {
    result = await work(session);
  } catch (error) {
    await session.rollback().catch(() => undefined);
    throw error;
  }
  await session.commit();
  return result;
}
