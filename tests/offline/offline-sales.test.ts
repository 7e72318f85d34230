/**
 * Issue 8 item 3, "no offline sales on a shared database", on a private PostgreSQL cluster that the test
 * stops and starts: while the server is down every call that needs it answers the translated
 * database-unreachable (never internal), nothing is written, the health status says so by itself; once the
 * server is back the status recovers by itself and the same sale, with the same idempotency key, succeeds
 * exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zhErrors from '../../shared/locales/zh-CN/errors.json';
import enErrors from '../../shared/locales/en/errors.json';
import { startPrivateCluster, withPassword } from './cluster';
import type { PrivateCluster } from './cluster';
import { allRows, openCounter, salesWithKey } from './counter-kit';
import type { Counter } from './counter-kit';

let cluster: PrivateCluster;
let counter: Counter;

beforeAll(async () => {
  cluster = await startPrivateCluster(0);
  counter = await openCounter(withPassword(cluster.url, 'pw-secret-1'));
}, 120_000);

afterAll(async () => {
  await counter?.close();
  await cluster?.destroy();
}, 60_000);

const UNREACHABLE = { code: 'database-unreachable', message: zhErrors['database-unreachable'], params: {} };

describe('a counter on PostgreSQL', () => {
  let rowsBefore: Record<string, number>;

  it('sells while the server is up, and says where it runs without the password', async () => {
    const sale = await counter.sell('offline-sale-0001');
    expect(sale).toMatchObject({ ok: true, value: { replayed: false } });
    const status = await counter.status();
    expect(status).toMatchObject({ kind: 'postgres', reachable: true, reason: null });
    expect(status.location).toContain(`127.0.0.1:${cluster.port}`);
    expect(status.location).not.toContain('pw-secret-1');
    rowsBefore = await allRows(counter);
  });

  it('refuses every database call with the translated database-unreachable while the server is down', async () => {
    await cluster.stop();
    const refused = await counter.sell('offline-sale-0002');
    expect(refused).toEqual({ ok: false, error: UNREACHABLE });
    expect(await counter.call('sales.sell', { meterId: counter.meterId, request: { mode: 'money', amount: 10_000 }, tendered: 10_000, idempotencyKey: 'offline-sale-0002' }, counter.clerk, 'en'))
      .toEqual({ ok: false, error: { ...UNREACHABLE, message: enErrors['database-unreachable'] } });
    for (const [method, input] of [
      ['sales.quote', { meterId: counter.meterId, request: { mode: 'money', amount: 10_000 } }],
      ['customers.search', { query: '张三' }],
      ['shifts.current', {}],
    ] as const) {
      expect({ method, answer: await counter.call(method, input, counter.clerk) }).toEqual({ method, answer: { ok: false, error: UNREACHABLE } });
    }
    expect(await counter.call('auth.login', { username: 'clerk1', password: 'clerk1234' }, null)).toEqual({ ok: false, error: UNREACHABLE });
    expect(counter.logged).toEqual([]);
  });

  it('the status says unreachable by itself, with the reason', async () => {
    const down = await counter.waitForStatus(false);
    expect(down.reason).toMatch(/^(ECONNREFUSED|57P01|57P02|57P03|08\w{3}|connection-lost|timeout)$/);
    // The probe keeps failing: a later look still says so (not a one-off).
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await counter.status()).toMatchObject({ reachable: false, since: down.since });
  });

  it('recovers by itself once the server is back; nothing was written while it was down', async () => {
    await cluster.start();
    const up = await counter.waitForStatus(true);
    expect(up).toMatchObject({ reachable: true, reason: null });
    expect(await allRows(counter)).toEqual(rowsBefore);
  });

  it('the refused sale, sent again with the same key, succeeds exactly once', async () => {
    const first = await counter.sell('offline-sale-0002');
    expect(first).toMatchObject({ ok: true, value: { replayed: false } });
    const again = await counter.sell('offline-sale-0002');
    expect(again).toMatchObject({ ok: true, value: { replayed: true } });
    expect(await salesWithKey(counter, 'offline-sale-0002')).toBe(1);
    expect(await salesWithKey(counter, 'offline-sale-0001')).toBe(1);
    expect(counter.logged).toEqual([]);
  });

  it('the probe alone notices a loss and a recovery, with no other call made', async () => {
    await cluster.stop();
    const down = await counter.waitForStatus(false);
    expect(down.checkedAt).not.toBeNull();
    await cluster.start();
    await counter.waitForStatus(true);
    expect(await counter.sell('offline-sale-0003')).toMatchObject({ ok: true, value: { replayed: false } });
    expect(counter.logged).toEqual([]);
  });
});
