import { describe, expect, it } from 'vitest';
import { connectionLossReason, serverTarget } from './connection-loss';

const DB = { host: 'db.hall', port: 5432 };
const sysError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${code} x`), { code, ...extra });

describe('what counts as "the database server cannot be reached"', () => {
  it.each([
    ['a refused connection to the server', sysError('ECONNREFUSED', { address: '10.0.0.9', port: 5432 }), 'ECONNREFUSED'],
    ['a reset connection to the server', sysError('ECONNRESET', { port: 5432 }), 'ECONNRESET'],
    ['an unknown server host', sysError('ENOTFOUND', { hostname: 'db.hall' }), 'ENOTFOUND'],
    ['the server shutting down (57P01)', sysError('57P01'), '57P01'],
    ['the server crashing (57P02)', sysError('57P02'), '57P02'],
    ['the server starting up (57P03)', sysError('57P03'), '57P03'],
    ['a connection exception (08006)', sysError('08006'), '08006'],
    ['pg: connection terminated under a query', new Error('Connection terminated unexpectedly'), 'connection-lost'],
    ['pg: connect timeout', new Error('Connection terminated due to connection timeout'), 'timeout'],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect'), 'timeout'],
    ['pg: a broken client', new Error('Client has encountered a connection error and is not queryable'), 'connection-lost'],
    ['every address of the host refused', new AggregateError([sysError('ECONNREFUSED', { port: 5432 }), sysError('ECONNREFUSED', { port: 5432 })]), 'ECONNREFUSED'],
    ['wrapped as a cause', new Error('sale failed', { cause: sysError('57P01') }), '57P01'],
  ])('%s', (_name, error, reason) => {
    expect(connectionLossReason(error, DB)).toBe(reason);
  });

  it.each([
    ['a printer or meter gateway refusing (another port)', sysError('ECONNREFUSED', { address: '10.0.0.7', port: 9100 })],
    ['an SMS gateway host that does not resolve', sysError('ENOTFOUND', { hostname: 'sms.example' })],
    ['a constraint violation', sysError('23505')],
    ['a serialization failure (retryable, but the server is there)', sysError('40001')],
    ['an SQLite error', sysError('SQLITE_BUSY')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error at all', 'Connection terminated'],
  ])('not: %s', (_name, error) => {
    expect(connectionLossReason(error, DB)).toBeNull();
  });

  it('reads the server from a URL, with pg\'s default port', () => {
    expect(serverTarget('postgres://u:***@db.hall/hall')).toEqual({ host: 'db.hall', port: 5432 });
    expect(serverTarget('postgres://u@127.0.0.1:55433/x')).toEqual({ host: '127.0.0.1', port: 55433 });
    expect(serverTarget('not a url')).toBeNull();
  });
});
