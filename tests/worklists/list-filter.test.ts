/**
 * The worklist's set query (electron/services/worklist-list-query.ts, built from domain/worklists/list-filter.ts)
 * against the rules themselves: on a small hall with sales on several dates, random balances, overdrafts,
 * contacts, settings and days, every list (and one area's) must hold exactly the meters worklistEntry puts on
 * it, in the documented order, with the same reasons and days left — checked meter by meter by a reference
 * that judges every meter in code, as the lists were computed before they moved into SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { createWorklistService, WORKLIST_SETTING } from '../../electron/services/worklist-service';
import { firstTierPrices } from '../../electron/services/worklist-queries';
import { loadHallBalanceSettings } from '../../electron/services/balance-service';
import { setSetting } from '../../electron/db/repositories/settings-repository';
import { businessDate } from '../../electron/domain/time/business-time';
import { addDays, alarmInMeasure, worklistEntry } from '../../electron/domain/worklists/rules';
import type { LastContact, ListEntry, MeterFacts } from '../../electron/domain/worklists/rules';
import { DEFAULT_WORKLIST_SETTINGS } from '../../electron/domain/worklists/settings';
import type { WorklistSettings } from '../../electron/domain/worklists/settings';
import type { WorklistKind } from '../../shared/contract/worklist-views';
import type { CreditKind } from '../../shared/vocabulary';

let fx: Fixture;
let seed = 20261127;
/** mulberry32: a small deterministic generator (the same rounds every run), integers in [0, n). */
function rand(n: number): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
}

const SALE_DAYS = ['2026-03-02', '2026-04-20', '2026-05-28', '2026-06-15'];
/** The business date of the meters installed late on the first sale day (UTC), below. */
const LATE_INSTALL = '2026-03-03';

beforeAll(async () => {
  fx = await buildBackend({ at: `${SALE_DAYS[0]}T02:00:00.000Z` });
  const kinds = ['energy', 'money', 'hall', 'water', 'energy', 'money', 'hall', 'energy'] as const;
  for (const kind of kinds) await fx.openAccount([fx.newMeter(kind)]);
  await fx.sql.run("update premises set area = '东区' where id % 2 = 0");
  const meters = (await fx.sql.all<{ id: number }>("select id from meters where credit_kind <> 'hall' order by id")).map((m) => m.id);
  for (const day of SALE_DAYS) {
    fx.clock.set(`${day}T02:00:00.000Z`);
    const session = await fx.relogin('clerk1');
    await fx.ok('shifts.open', { float: 0 }, session);
    for (const meterId of meters) {
      if (rand(3) === 0) continue;
      // Whole yuan, so that with a window of 50 or 100 days b·W = D·bought is hit exactly (below).
      const amount = 100 * (200 + rand(3_000));
      await fx.ok('sales.sell', { meterId, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: fx.key() }, session);
    }
    // Counted short or over does not matter here: only the sales' dates and amounts do.
    await fx.ok('shifts.close', { counted: {} }, session);
    if (day !== SALE_DAYS[0]) continue;
    // Installed at 01:00 Beijing of the next day: a business date one past the UTC date, never sold to.
    fx.clock.set(`${day}T17:00:00.000Z`);
    await fx.relogin('clerk1');
    for (const kind of ['money', 'energy'] as const) await fx.openAccount([fx.newMeter(kind)]);
  }
}, 120_000);
afterAll(async () => { await fx?.close(); });

interface MeterRow { id: number; credit_kind: CreditKind; credit_fen: number; remaining: number; overdraft: number; tariff_id: number; installed_at: string; area: string }

/** The lists as they were computed before: every active meter of an open account judged in code. */
async function reference(kind: WorklistKind, area: string | undefined, today: string, settings: WorklistSettings) {
  const db = fx.backend.database.db;
  const [prices, balance] = await Promise.all([firstTierPrices(db), loadHallBalanceSettings(db)]);
  const meters = await fx.sql.all<MeterRow>(`select m.id, m.credit_kind, m.credit_fen, m.remaining, m.overdraft, m.tariff_id, m.installed_at, p.area from meters m
    join accounts a on a.id = m.account_id join premises p on p.id = a.premises_id where m.status = 'active' and a.status = 'open'`);
  const from = addDays(today, -(kind === 'lowBalance' ? settings.averageWindowDays : settings.notRechargedDays));
  const sums = new Map((await fx.sql.all<{ meter_id: number; units: number; fen: number; last: string }>(
    'select meter_id, sum(units) as units, sum(charge_fen) as fen, max(business_date) as last from sales where business_date >= ? group by meter_id', [from]))
    .map((s) => [s.meter_id, { ...s, units: Number(s.units), fen: Number(s.fen) }]));
  const contacts = new Map((await fx.sql.all<{ meter_id: number; outcome: LastContact['outcome']; promised_date: string | null; at: string }>(`select meter_id, outcome, promised_date, at from reminder_contacts where id in
    (select max(id) from reminder_contacts where kind = ? and outcome <> 'note' group by meter_id)`, [kind]))
    .map((c) => [c.meter_id, { outcome: c.outcome, date: businessDate(new Date(c.at)), promisedDate: c.promised_date }]));
  const listed: { meter: MeterRow; entry: ListEntry; last: string | null }[] = [];
  for (const meter of meters.filter((m) => area === undefined || m.area === area)) {
    const s = kind === 'arrears' ? undefined : sums.get(meter.id);
    const facts: MeterFacts = {
      meterId: meter.id, creditKind: meter.credit_kind, balance: meter.credit_kind === 'hall' ? meter.credit_fen : meter.remaining, overdraft: meter.overdraft,
      price: prices.get(meter.tariff_id) ?? 0, boughtInWindow: s ? (meter.credit_kind === 'energy' ? s.units : s.fen) : 0, lastSaleDate: s ? s.last : null,
      installedDate: s ? s.last : kind === 'notRecharged' ? businessDate(new Date(meter.installed_at)) : today,
    };
    const entry = worklistEntry(kind, facts, contacts.get(meter.id) ?? null, { today, settings, alarmFen: balance.alarm1 });
    if (entry) listed.push({ meter, entry, last: facts.lastSaleDate });
  }
  const balanceOf = (m: MeterRow) => (m.credit_kind === 'hall' ? m.credit_fen : m.remaining);
  listed.sort((a, b) => {
    if (kind === 'notRecharged') return (a.last ?? '').localeCompare(b.last ?? '') || a.meter.id - b.meter.id;
    const days = (a.entry.daysLeft ?? Infinity) - (b.entry.daysLeft ?? Infinity);
    return (days || balanceOf(a.meter) - balanceOf(b.meter)) || a.meter.id - b.meter.id;
  });
  return listed.map((l) => [l.meter.id, l.entry.reason, l.entry.daysLeft]);
}

/**
 * Balances in each meter's measure: random, or exactly on a boundary of the rules — the alarm amount, or the
 * balance at which the days left reach lowBalanceDays (b·W = D·bought) — or one below it.
 */
async function scramble(today: string, settings: WorklistSettings): Promise<void> {
  const db = fx.backend.database.db;
  const [prices, balance] = await Promise.all([firstTierPrices(db), loadHallBalanceSettings(db)]);
  const from = addDays(today, -settings.averageWindowDays);
  const rows = await fx.sql.all<{ id: number; credit_kind: CreditKind; tariff_id: number; bought: number }>(`select m.id, m.credit_kind, m.tariff_id, coalesce(sum(case when m.credit_kind = 'energy' then s.units else s.charge_fen end), 0) as bought
    from meters m left join sales s on s.meter_id = m.id and s.business_date >= ? group by m.id`, [from]);
  for (const m of rows.map((r) => ({ ...r, bought: Number(r.bought) }))) {
    const alarm = m.credit_kind === 'energy' ? alarmInMeasure({ creditKind: 'energy', price: prices.get(m.tariff_id) ?? 0 } as MeterFacts, balance.alarm1) : balance.alarm1;
    const onDays = m.bought > 0 && settings.averageWindowDays > 0 ? Math.ceil((settings.lowBalanceDays * m.bought) / settings.averageWindowDays) : alarm;
    // onDays lasts exactly lowBalanceDays when W divides D·bought: off the list, and onDays − 1 on it.
    const value = [rand(12_000) - 3_000, alarm, alarm - 1, onDays, onDays - 1][rand(5)]!;
    const overdraft = rand(6) === 0 ? 1 + rand(500) : 0;
    await fx.sql.run('update meters set remaining = ?, credit_fen = ?, overdraft = ? where id = ?', [Math.max(value, 0), value, overdraft, m.id]);
  }
}

async function contact(today: string): Promise<void> {
  const meter = await fx.sql.one<{ id: number; account_id: number }>('select id, account_id from meters order by random() limit 1');
  const outcome = (['called', 'no_answer', 'sms_sent', 'promised', 'note'] as const)[rand(5)]!;
  const at = `${addDays(today, -rand(10))}T${String(rand(24)).padStart(2, '0')}:30:00.000Z`;
  await fx.sql.run('insert into reminder_contacts (account_id, meter_id, kind, outcome, promised_date, note, user_id, at) values (?, ?, ?, ?, ?, ?, ?, ?)', [meter.account_id, meter.id, (['lowBalance', 'arrears', 'notRecharged'] as const)[rand(3)], outcome, outcome === 'promised' ? addDays(today, rand(5) - 2) : null, null, fx.users.clerk1, at]);
}

describe('the set query lists exactly what the rules list', () => {
  it('on random states, days and settings, for every list and an area', async () => {
    const service = createWorklistService({ db: fx.backend.database.db, clock: fx.clock, counterCode: 'A01' });
    let compared = 0;
    for (let round = 0; round < 40; round++) {
      const settings = { ...DEFAULT_WORKLIST_SETTINGS, lowBalanceDays: rand(4) * 10, averageWindowDays: [50, 100, 30 + rand(120)][rand(3)]!, notRechargedDays: 20 + rand(120), recontactDays: 1 + rand(9) };
      // Every other round the not-recharged cutoff falls on a sale day or an installation day exactly.
      const today = round % 2 ? addDays([...SALE_DAYS, LATE_INSTALL][rand(5)]!, settings.notRechargedDays) : addDays(SALE_DAYS[3]!, rand(120));
      fx.clock.set(`${today}T03:00:00.000Z`);
      await setSetting(fx.backend.database.db, WORKLIST_SETTING, JSON.stringify(settings));
      await scramble(today, settings);
      for (let i = 0; i < 3; i++) await contact(today);
      for (const kind of ['lowBalance', 'arrears', 'notRecharged'] as const) {
        for (const area of [undefined, '东区']) {
          const view = await service.list({ kind, area, limit: 500 });
          const expected = await reference(kind, area, today, settings);
          expect(view.rows.map((r) => [r.meterId, r.reason, r.daysLeft]), `${kind} ${area ?? ''} ${today} ${JSON.stringify(settings)}`).toEqual(expected);
          expect(view.total).toBe(expected.length);
          compared += expected.length;
        }
      }
    }
    // The rounds must actually have listed meters on every list, or the comparison proves little.
    expect(compared).toBeGreaterThan(300);
  }, 120_000);

  it('a page holds the worst first and the total counts them all', async () => {
    const service = createWorklistService({ db: fx.backend.database.db, clock: fx.clock, counterCode: 'A01' });
    const all = await service.list({ kind: 'lowBalance', limit: 500 });
    const page = await service.list({ kind: 'lowBalance', limit: 2 });
    expect(page.total).toBe(all.total);
    expect(page.rows).toEqual(all.rows.slice(0, 2));
  });
});
