/**
 * Issue 8 item 5, "the server stopped and restarted during a sale", on a private cluster: the server is
 * stopped (pg_ctl stop -m fast) while a sale's transaction is open, once while it waits inside the
 * transaction and once while its COMMIT is being processed. Either way the clerk is told
 * database-unreachable, the sale is in the books at most once, and sending it again with the same
 * idempotency key leaves exactly one sale: the stored one if the commit had landed (replayed), a new one if not.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateCluster } from './cluster';
import type { PrivateCluster } from './cluster';
import { allRows, openCounter, salesWithKey } from './counter-kit';
import type { Counter } from './counter-kit';

let cluster: PrivateCluster;
let counter: Counter;

beforeAll(async () => {
  cluster = await startPrivateCluster(1);
  counter = await openCounter(cluster.url);
}, 120_000);

afterAll(async () => {
  await counter?.close();
  await cluster?.destroy();
}, 60_000);

/** A connection of the test's own; a server stop ends it, which must not crash the test run. */
async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: cluster.url });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Waits until a HallDesk connection is in the state `where` describes (pg_stat_activity). */
async function waitForBackend(where: string): Promise<void> {
  const client = await connect();
  try {
    for (let i = 0; i < 200; i += 1) {
      const rows = await client.query(`select 1 from pg_stat_activity where application_name = 'halldesk' and ${where}`);
      if (rows.rowCount) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no HallDesk connection where ${where}`);
  } finally {
    await client.end();
  }
}

/** After the restart: at most one sale with the key; a retry leaves exactly one, replayed only if it had committed. */
async function expectExactlyOnceAfterRetry(key: string): Promise<void> {
  const landed = await salesWithKey(counter, key);
  expect(landed).toBeLessThanOrEqual(1);
  const retry = await counter.sell(key);
  expect(retry).toMatchObject({ ok: true, value: { replayed: landed === 1 } });
  expect(await counter.sell(key)).toMatchObject({ ok: true, value: { replayed: true } });
  expect(await salesWithKey(counter, key)).toBe(1);
}

describe('the server stopped during a sale', () => {
  it('while the sale waits inside its transaction: refused, nothing written, the retry sells once', async () => {
    await counter.sell('mid-sale-warmup-01');
    const before = await allRows(counter);
    // Another session holds the sales table, so the sale stops inside its transaction, after BEGIN.
    const blocker = await connect();
    await blocker.query('begin');
    await blocker.query('lock table sales in access exclusive mode');
    const pending = counter.sell('mid-sale-locked-01');
    await waitForBackend("wait_event_type = 'Lock'");
    await cluster.stop();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'database-unreachable' } });
    await cluster.start();
    await counter.waitForStatus(true);
    expect(await allRows(counter)).toEqual(before);
    await expectExactlyOnceAfterRetry('mid-sale-locked-01');
    expect(counter.logged).toEqual([]);
  });

  it('while its COMMIT is being processed: the outcome is unknown to the counter, the retry settles it exactly once', async () => {
    // A deferred trigger runs at COMMIT: it holds the commit open long enough to stop the server under it.
    const admin = await connect();
    await admin.query(`create function test_slow_commit() returns trigger language plpgsql as $$
      begin perform pg_sleep(10); return null; end $$`);
    await admin.query(`create constraint trigger test_slow_commit after insert on sales deferrable initially deferred
      for each row execute function test_slow_commit()`);
    await admin.end();
    const pending = counter.sell('mid-sale-commit-01');
    await waitForBackend("query ilike 'commit%' and wait_event = 'PgSleep'");
    await cluster.stop();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'database-unreachable' } });
    await cluster.start();
    await counter.waitForStatus(true);
    const cleanup = await connect();
    await cleanup.query('drop trigger test_slow_commit on sales');
    await cleanup.query('drop function test_slow_commit()');
    await cleanup.end();
    await expectExactlyOnceAfterRetry('mid-sale-commit-01');
    expect(counter.logged).toEqual([]);
  });
});
