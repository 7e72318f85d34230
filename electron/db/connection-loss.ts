/**
 * Is this error "the database server cannot be reached" (issue 8 item 3)? Such a call is answered with the
 * translated `database-unreachable`, not `internal`: the clerk's work is not wrong, the server is away.
 *
 * What counts: the server refusing or not answering a connection (ECONNREFUSED, a timeout), the server
 * shutting down (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), any connection
 * exception (SQLSTATE class 08), and pg's own words for a connection that broke under a query.
 *
 * Socket errors (ECONNREFUSED…) are also what a meter gateway, a printer or an SMS gateway throws, so they
 * count only when they name the database server's port or host: a dead printer must never be reported as a
 * dead database.
 */

/** Where the database server listens, for matching socket errors to it. */
export interface ServerTarget {
  readonly host: string;
  readonly port: number;
}

const SOCKET_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL',
]);

/** SQLSTATEs of a server that is going away or a connection that failed. */
const SHUTDOWN_STATES = new Set(['57P01', '57P02', '57P03']);

/** pg's (and pg-pool's) messages for a connection that never came or broke; they carry no code. */
const PG_MESSAGES = [
  /^Connection terminated/i,
  /^timeout expired$/i,
  /^timeout exceeded when trying to connect$/i,
  /is not queryable$/i,
  /^Query read timeout$/i,
];

/** The server a postgres:// URL names (pg's defaults: localhost, 5432). */
export function serverTarget(url: string): ServerTarget | null {
  try {
    const parsed = new URL(url);
    return { host: parsed.hostname || 'localhost', port: Number(parsed.port || 5432) };
  } catch {
    return null;
  }
}

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly port?: unknown;
  readonly address?: unknown;
  readonly hostname?: unknown;
  readonly errors?: unknown;
  readonly cause?: unknown;
}

function isSqlState(code: string): boolean {
  return /^[0-9A-Z]{5}$/.test(code);
}

function socketToServer(e: ErrorLike, target: ServerTarget): boolean {
  if (e.port !== undefined) return Number(e.port) === target.port;
  // DNS failures name the host, not a port.
  return typeof e.hostname === 'string' && e.hostname === target.host;
}

function reasonOf(e: ErrorLike, target: ServerTarget): string | null {
  const code = typeof e.code === 'string' ? e.code : '';
  if (isSqlState(code) && (code.startsWith('08') || SHUTDOWN_STATES.has(code))) return code;
  if (SOCKET_CODES.has(code) && socketToServer(e, target)) return code;
  const message = typeof e.message === 'string' ? e.message : '';
  if (code === '' && PG_MESSAGES.some((pattern) => pattern.test(message))) return /timeout/i.test(message) ? 'timeout' : 'connection-lost';
  return null;
}

/**
 * The short reason (57P01, ECONNREFUSED, timeout, connection-lost) when `error` means the server cannot be
 * reached, else null. Looks through AggregateError (a host with several addresses) and `cause`.
 */
export function connectionLossReason(error: unknown, target: ServerTarget, depth = 0): string | null {
  if (typeof error !== 'object' || error === null || depth > 4) return null;
  const e = error as ErrorLike;
  const own = reasonOf(e, target);
  if (own) return own;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = connectionLossReason(inner, target, depth + 1);
      if (found) return found;
    }
  }
  return e.cause === undefined ? null : connectionLossReason(e.cause, target, depth + 1);
}

/** lock_not_available: a statement waited for another counter's row lock past lock_timeout (open-postgres.ts). */
const LOCK_TIMEOUT_STATE = '55P03';

/**
 * Did `error` come from waiting too long for a lock another counter holds? The server rolled the statement's
 * transaction back, so nothing was written: the clerk is told to retry (database-busy), not shown an internal error.
 */
export function isLockTimeout(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const e = error as ErrorLike;
  if (e.code === LOCK_TIMEOUT_STATE) return true;
  return e.cause !== undefined && isLockTimeout(e.cause, depth + 1);
}
