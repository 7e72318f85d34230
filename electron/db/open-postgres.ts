/**
 * Opens a hall's shared PostgreSQL database (issue 8). The only file besides tooling that imports `pg`.
 *
 * Numbers: PostgreSQL sends int8 (bigint ids, money columns, count(*)) and numeric (sum of bigint) as text,
 * because they may exceed a JavaScript number. HallDesk's values are integer fen and hundredths of units,
 * far below 2^53, so they are parsed to numbers here — and a value that is not a safe integer is refused
 * rather than rounded (the brief: money is exact). The parsers belong to this pool only; the global pg
 * parsers are left alone.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema';
import type { DatabaseHandle } from './database-handle';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export class UnsafeNumberError extends Error {
  constructor(readonly text: string) {
    super(`the database sent ${text}, beyond a JavaScript number's exact integers`);
    this.name = 'UnsafeNumberError';
  }
}

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new UnsafeNumberError(text);
  return value;
}

/** numeric: an integral value must be exact; a fraction (an average) is a plain number. */
export function parseNumeric(text: string): number {
  if (/^-?\d+$/.test(text)) return parseInt8(text);
  return Number(text);
}

const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && oid === INT8_OID) return parseInt8;
    if (format !== 'binary' && oid === NUMERIC_OID) return parseNumeric;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** The URL for logs and messages: never the password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export interface PostgresOptions {
  /** Connections this process may hold (a counter needs few; a benchmark's workers more). */
  readonly maxConnections?: number;
  /** How long to wait for a connection before telling the clerk the server cannot be reached. */
  readonly connectTimeoutMs?: number;
  /** Told when an idle connection breaks (the server restarted): the pool replaces it on next use. */
  readonly onIdleError?: (error: Error) => void;
}

export function postgresPool(url: string, options: PostgresOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url, types: TYPES, max: options.maxConnections ?? 8,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000, idleTimeoutMillis: 30_000,
    application_name: 'halldesk',
    // A counter waits for another counter's row lock for at most this long, then the sale is refused and
    // can be retried; PostgreSQL itself breaks deadlocks after deadlock_timeout (1 s).
    // TimeZone=UTC: HallDesk stores instants as ISO text in UTC and derives Beijing business dates itself.
    options: '-c lock_timeout=15000 -c idle_in_transaction_session_timeout=60000 -c TimeZone=UTC',
  });
  // Without a listener an idle connection dropped by a server restart would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  // A connection in use when the server goes away (a sale's transaction) emits 'error' too, after its query
  // has already failed, and pg-pool listens on idle ones only: unheard, that event would crash the process
  // mid-sale. The caller learns of the loss from the failed query itself (database-unreachable).
  pool.on('connect', (client) => { client.on('error', (error) => options.onIdleError?.(error)); });
  return pool;
}

export function openPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  const pool = postgresPool(url, options);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: redactUrl(url), sqlite: null, close: () => db.destroy() };
}
