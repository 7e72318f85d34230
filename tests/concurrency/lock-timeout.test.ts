/**
 * A counter that waits past lock_timeout for a row another counter holds (open-postgres.ts sets 15 s) gets
 * PostgreSQL's lock_not_available (55P03): the transaction is rolled back, nothing was written, and the clerk
 * is told `database-busy` — retry shortly — rather than an internal error or "the server is away".
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { isLockTimeout, connectionLossReason } from '../../electron/db/connection-loss';
import { createDispatcher } from '../../electron/main/dispatch';
import type { Handlers } from '../../electron/main/handlers';
import { SessionStore } from '../../electron/services/sessions';
import { adminUrl, requirePgServer } from '../support/pg';
import { expectedMessage } from '../support/backend';

/** A real 55P03 from the server: a row held FOR UPDATE by one connection, wanted by another with a short lock_timeout. */
async function realLockTimeout(): Promise<unknown> {
  await requirePgServer();
  const [holder, waiter] = [new pg.Client({ connectionString: adminUrl() }), new pg.Client({ connectionString: adminUrl() })];
  await holder.connect();
  await waiter.connect();
  const table = `lock_timeout_${process.pid}`;
  try {
    await holder.query(`create table ${table} (id int primary key)`);
    await holder.query(`insert into ${table} values (1)`);
    await holder.query('begin');
    await holder.query(`select id from ${table} where id = 1 for update`);
    await waiter.query('begin');
    await waiter.query("set local lock_timeout = '100ms'");
    return await waiter.query(`select id from ${table} where id = 1 for update`).then(() => null, (error: unknown) => error);
  } finally {
    await waiter.query('rollback').catch(() => undefined);
    await holder.query('rollback').catch(() => undefined);
    await holder.query(`drop table if exists ${table}`);
    await holder.end();
    await waiter.end();
  }
}

describe('waiting too long for another counter (PostgreSQL lock_timeout)', () => {
  it('is recognised as a lock timeout, not as a lost server', async () => {
    const error = await realLockTimeout();
    expect((error as { code?: string } | null)?.code).toBe('55P03');
    expect(isLockTimeout(error)).toBe(true);
    expect(isLockTimeout(new Error('wrapped', { cause: error }))).toBe(true);
    expect(connectionLossReason(error, { host: '127.0.0.1', port: 55432 })).toBeNull();
    expect(isLockTimeout(new Error('something else'))).toBe(false);
  });

  it('is answered database-busy in the clerk\'s language, and nothing is logged as internal', async () => {
    const error = await realLockTimeout();
    const handlers = { 'auth.login': async () => { throw error; } } as unknown as Handlers;
    const logged: unknown[] = [];
    const dispatch = createDispatcher(handlers, new SessionStore(), { now: () => new Date('2026-06-15T02:00:00Z') }, (e) => logged.push(e));
    const input = { username: 'clerk1', password: 'clerk1234' };
    const zh = await dispatch('auth.login', input);
    const en = await dispatch('auth.login', input, { language: 'en' });
    expect(zh.ok ? null : [zh.error.code, zh.error.message]).toEqual(['database-busy', expectedMessage('database-busy')]);
    expect(en.ok ? null : en.error.message).toBe(expectedMessage('database-busy', {}, 'en'));
    expect(logged).toEqual([]);
  });
});
