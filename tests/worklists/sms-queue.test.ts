/**
 * SMS over the per-minute limit (issue 7 item 5): refused messages are queued (rate_limited) and the background
 * retry — on an injected timer and the fixture's clock — sends them oldest first as the limit allows, each state
 * an append-only sms_events row; the gateway is a local HTTP server standing in for the SMS gateway.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_WORKLIST_SETTINGS } from '../../electron/domain/worklists/settings';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { fakeTimer } from '../backups/kit';

let fx: Fixture;
let server: Server;
const received: { to: string; text: string }[] = [];
let id = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      received.push(JSON.parse(body) as { to: string; text: string });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `g-${++id}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/sms`;
  fx = await buildBackend();
  await fx.ok('worklists.setSettings', { ...DEFAULT_WORKLIST_SETTINGS, smsPerMinute: 1, sms: { driver: 'http', target: url } }, fx.sessions.admin);
});
afterAll(async () => {
  await fx.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const statesOf = async (messageId: number) => (await fx.sql.all<{ state: unknown }>('select state from sms_events where message_id = ? order by id', [messageId])).map((r) => r.state);

it('messages over the limit are queued and sent by the retry as the limit allows, oldest first', async () => {
  const { energy, money, hall } = fx.accounts;
  const result = await fx.ok('sms.send', { accountIds: [energy.id, money.id, hall.id], text: '您好，请及时充值。', kind: 'lowBalance' }, fx.sessions.clerk1);
  expect(result).toMatchObject({ sent: 1, rateLimited: 2 });
  expect(received).toHaveLength(1);
  const [, second, third] = [...result.messages].sort((a, b) => a.id - b.id);
  const { timer, pending, fire } = fakeTimer();
  const stop = fx.backend.services.sms.startRetries(timer, 10_000);
  try {
    fire(); // still within the minute: nothing goes
    await expect.poll(() => pending.length).toBe(1);
    expect(received).toHaveLength(1);
    fx.clock.advance(61_000);
    fire();
    await expect.poll(() => statesOf(second!.id)).toEqual(['rate_limited', 'sending', 'sent']);
    expect(await statesOf(third!.id)).toEqual(['rate_limited']);
    fx.clock.advance(61_000);
    await expect.poll(() => pending.length).toBe(1);
    fire();
    await expect.poll(() => statesOf(third!.id)).toEqual(['rate_limited', 'sending', 'sent']);
  } finally {
    stop();
  }
  expect(received).toHaveLength(3);
  // The contact is logged when the queued message goes, as for one sent at once.
  const contacts = (await fx.sql.all<{ account_id: unknown }>("select account_id from reminder_contacts where outcome = 'sms_sent' order by id")).map((r) => r.account_id);
  expect(contacts).toContain(hall.id);
  expect(pending).toHaveLength(0);
});

it('a new send waits behind the queue', async () => {
  fx.clock.advance(61_000);
  await fx.ok('sms.send', { accountIds: [fx.accounts.energy.id, fx.accounts.money.id], text: 'a' }, fx.sessions.clerk1);
  fx.clock.advance(61_000);
  const later = await fx.ok('sms.send', { accountIds: [fx.accounts.hall.id], text: 'b' }, fx.sessions.clerk1);
  expect(later).toMatchObject({ sent: 0, rateLimited: 1 }); // the queued 'a' has this minute's one slot
  expect(await fx.backend.services.sms.sendQueued()).toBe(1);
  expect(received.at(-1)).toMatchObject({ text: 'a' });
});

it('a modem that stays broken is logged once, not at every round of the retry', async () => {
  const { createSmsService } = await import('../../electron/services/sms-service');
  const logged: unknown[] = [];
  const broken = createSmsService({ db: fx.backend.database.db, clock: fx.clock, counterCode: 'A01' }, () => Promise.reject(new Error('the modem does not answer')), (e) => logged.push(e));
  fx.clock.advance(61_000);
  const sent = await fx.ok('sms.send', { accountIds: [fx.accounts.energy.id, fx.accounts.money.id], text: '请缴费', kind: 'arrears' }, fx.sessions.clerk1);
  expect(sent.rateLimited).toBeGreaterThanOrEqual(1); // one waits in the queue for the retry
  fx.clock.advance(61_000);
  const { timer, pending, fire } = fakeTimer();
  const stop = broken.startRetries(timer, 10_000);
  try {
    for (let round = 0; round < 3; round += 1) {
      fire();
      await expect.poll(() => pending.length).toBe(1);
    }
    expect(logged).toHaveLength(1);
    expect(String(logged[0])).toMatch(/does not answer/);
  } finally {
    stop();
    await broken.close();
  }
});
