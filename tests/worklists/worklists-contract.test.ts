/**
 * The worklists and SMS through the contract (zod, roles, services, SQLite): the three lists on the fixture
 * hall, a contact taking a customer off until due again, settings, the printed duplicate list (pdftotext-free:
 * the PDF's bytes), and SMS through the HTTP gateway adapter to a local server on 127.0.0.1 with a rate limit.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { DEFAULT_WORKLIST_SETTINGS } from '../../electron/domain/worklists/settings';

let fx: Fixture;
let server: Server;
let gateway = '';
const posted: { to: string; text: string }[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
  fx = await buildBackend();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => { posted.push(JSON.parse(body) as { to: string; text: string }); res.writeHead(200).end(JSON.stringify({ id: posted.length })); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway = `http://127.0.0.1:${(server.address() as { port: number }).port}/sms`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fx.backend.close();
});

/** Moves the clock and logs in again (sessions end after 12 idle hours). */
async function jump(to: (clock: Fixture['clock']) => void): Promise<void> {
  to(fx.clock);
  for (const who of ['admin', 'clerk1'] as const) await fx.relogin(who);
}

const list = (kind: 'lowBalance' | 'arrears' | 'notRecharged') => fx.ok('worklists.list', { kind }, fx.sessions.clerk1);

describe('lists', () => {
  it('arrears: a hall-kept balance below zero and an overdraft in use', async () => {
    await fx.sql.run('update meters set credit_fen = -1500 where id = ?', [fx.meters.hall]);
    await fx.sql.run('update meters set overdraft = 300, remaining = 0 where id = ?', [fx.meters.money]);
    const view = await list('arrears');
    expect(view.rows.map((r) => [r.meterId, r.reason]).sort()).toEqual([[fx.meters.hall, 'negative'], [fx.meters.money, 'overdraft']].sort());
    expect(view.rows.find((r) => r.meterId === fx.meters.hall)).toMatchObject({ balance: -1500, measure: 'fen', accountNo: fx.accounts.hall.accountNo });
  });

  it('low balance: an energy meter below the alarm amount in units', async () => {
    await fx.sql.run('update meters set remaining = 100 where id = ?', [fx.meters.energy]);
    const view = await list('lowBalance');
    expect(view.rows.find((r) => r.meterId === fx.meters.energy)).toMatchObject({ reason: 'belowAlarm', measure: 'units', balance: 100 });
    expect(view.rows.some((r) => r.meterId === fx.meters.hall)).toBe(false);
  });

  it('a contact takes the customer off the list until recontactDays have passed; it is audited', async () => {
    const contact = await fx.ok('worklists.logContact', { meterId: fx.meters.energy, kind: 'lowBalance', outcome: 'called', note: '已通知' }, fx.sessions.clerk1);
    expect(contact).toMatchObject({ outcome: 'called', meterId: fx.meters.energy, note: '已通知' });
    expect((await list('lowBalance')).rows.some((r) => r.meterId === fx.meters.energy)).toBe(false);
    expect(Number((await fx.sql.one<{ n: number }>("select count(*) as n from audit_log where action = 'worklist.contact'")).n)).toBe(1);
    await jump((c) => c.advance(7 * DAY));
    expect((await list('lowBalance')).rows.find((r) => r.meterId === fx.meters.energy)?.lastContact).toMatchObject({ outcome: 'called' });
  });

  it('a promise holds until its date has passed', async () => {
    await fx.ok('worklists.logContact', { meterId: fx.meters.hall, kind: 'arrears', outcome: 'promised', promisedDate: '2026-06-25' }, fx.sessions.clerk1);
    expect((await list('arrears')).rows.some((r) => r.meterId === fx.meters.hall)).toBe(false);
    await jump((c) => c.set('2026-06-26T02:00:00.000Z'));
    expect((await list('arrears')).rows.some((r) => r.meterId === fx.meters.hall)).toBe(true);
  });

  it('not recharged: listed once notRechargedDays pass without a sale', async () => {
    expect((await list('notRecharged')).total).toBe(0);
    await jump((c) => c.set('2026-09-01T02:00:00.000Z'));
    const view = await list('notRecharged');
    expect(view.rows.map((r) => r.meterId)).toContain(fx.meters.energy);
    expect(view.rows[0]!.daysSinceSale === null || view.rows[0]!.daysSinceSale >= 60).toBe(true);
  });

  it('prints the list as the duplicate customer list (PDF)', async () => {
    const doc = await fx.ok('worklists.print', { kind: 'arrears' }, fx.sessions.clerk1);
    expect(doc.fileName).toMatch(/^worklist-arrears-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(Buffer.from(doc.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('settings and SMS', () => {
  it('an admin changes the settings (audited); a clerk reads them', async () => {
    const next = { ...DEFAULT_WORKLIST_SETTINGS, smsPerMinute: 2, sms: { driver: 'http' as const, target: gateway } };
    expect(await fx.ok('worklists.setSettings', next, fx.sessions.admin)).toEqual(next);
    expect(await fx.ok('worklists.settings', {}, fx.sessions.clerk1)).toEqual(next);
  });

  it('sends through the gateway, at most smsPerMinute, records each state and logs the contact', async () => {
    const ids = [fx.accounts.energy.id, fx.accounts.money.id, fx.accounts.hall.id];
    const result = await fx.ok('sms.send', { accountIds: ids, template: 'arrears', kind: 'arrears' }, fx.sessions.clerk1);
    const withPhone = result.messages.length;
    expect(result.sent + result.rateLimited + result.noPhone.length).toBe(3);
    expect(result.sent).toBe(Math.min(2, withPhone));
    expect(posted).toHaveLength(result.sent);
    expect(posted[0]!.text).toContain('欠费');
    const status = await fx.ok('sms.status', {}, fx.sessions.clerk1);
    expect(status.filter((m) => m.state === 'sent')).toHaveLength(result.sent);
    expect(status.filter((m) => m.state === 'rate_limited').every((m) => m.error?.code === 'sms-rate-limited')).toBe(true);
    expect(Number((await fx.sql.one<{ n: number }>("select count(*) as n from reminder_contacts where outcome = 'sms_sent'")).n)).toBeGreaterThan(0);
  });
});
