/**
 * `seedDemoHall`: a realistic hall on an empty database — demo logins, tariffs with versions, a
 * district of customers with electricity and water meters, and a year of counter sales across
 * several clerks' shifts, all consistent so that `db verify` is clean. The year is simulated in
 * memory with the real domain functions (quoteSale, planSale) and written with the bulk writer in one
 * session (one transaction), so 200,000 customers and 2,000,000 sales take minutes, not hours.
 */
import { CARD_RULES_SETTING } from '../services/cards/card-sale';
import type { DatabaseHandle } from '../db/database-handle';
import type { Backend } from '../main/composition';
import { BulkAccountOpener } from '../bulk/accounts-writer';
import { BulkWriter, maxId } from '../bulk/bulk-writer';
import { inProcessSession, withSession } from '../bulk/sql-session';
import type { BulkSession } from '../bulk/sql-session';
import { bulkSessionFor } from '../bulk/sqlite-worker-session';
import { planAccounts } from './hall';
import type { PlannedAccount } from './hall';
import { Prng } from './prng';
import { SalesSimulator, simMeter } from './sales-sim';
import type { SimMeter } from './sales-sim';
import { SalesWriter } from './sales-writer';
import type { DayShift } from './sales-writer';
import { counterCodes, historyStart, planDays } from './schedule';
import type { PlannedDay } from './schedule';
import { ensureStaff, ensureTariffs } from './setup';
import { setSetting } from '../db/repositories/settings-repository';
import { appendAudit } from '../db/repositories/audit-repository';
import { DEMO_LOGINS_SETTING } from '../services/hall-service';
import type { DemoTariffRef, Staff } from './setup';

export interface SeedOptions {
  readonly customers?: number;
  /** Sales over the year; default 12 per customer. */
  readonly sales?: number;
  /** Same seed, same hall (names, meters, purchases); dates follow `now`. */
  readonly seed?: string;
  readonly counterCode?: string;
  readonly now?: Date;
  /** 'worker' (default) writes on a second thread; 'in-process' on the caller's connection. */
  readonly session?: 'worker' | 'in-process';
  readonly log?: (line: string) => void;
}

export interface SeedCounts {
  readonly customers: number;
  readonly meters: number;
  readonly tariffs: number;
  readonly shifts: number;
  readonly sales: number;
  readonly ledgerEntries: number;
  readonly counters: readonly string[];
  readonly logins: readonly { readonly username: string; readonly password: string; readonly role: string }[];
  readonly seconds: number;
}

/** The database already has accounts: a demo hall is only ever seeded into an empty one. */
export class DemoSeedRefused extends Error {
  override name = 'DemoSeedRefused';
}

const ACCOUNT_STEP = 5_000;
/**
 * The year is committed every this many sales: SQLite slows down as one transaction's WAL grows
 * (every page read searches it), and 2,000,000 sales in one transaction took a third longer. An
 * interrupted seed therefore leaves a partial hall: delete the data folder and seed again.
 */
const COMMIT_SALES = 250_000;
const SHIFT_FLOAT = 50_000;
/** Sales a counter takes in a year at most, so serials stay within six digits (db verify reads six). */
const SALES_PER_COUNTER = 700_000;

async function openAccounts(session: BulkSession, plan: readonly PlannedAccount[], staff: Staff) {
  const writer = new BulkWriter(session);
  const before = await maxId(session, 'meters');
  const opener = await BulkAccountOpener.start(writer, { userId: staff.adminId, source: 'demo-seed' });
  for (let start = 0; start < plan.length; start += ACCOUNT_STEP) await opener.open(plan.slice(start, start + ACCOUNT_STEP).map((p) => p.open));
  const rows = await session.all<{ id: number; meter_no: string; account_id: number }>(
    session.compiler.selectFrom('meters').select(['id', 'meter_no', 'account_id']).where('id', '>', before).compile());
  return new Map(rows.map((r) => [r.meter_no, { id: Number(r.id), accountId: Number(r.account_id) }]));
}

function simMeters(plan: readonly PlannedAccount[], ids: Map<string, { id: number; accountId: number }>, tariffs: Map<string, DemoTariffRef>, sales: number): SimMeter[] {
  const profiles = plan.flatMap((p) => p.meters);
  return profiles.map((profile) => {
    const row = ids.get(profile.meterNo);
    if (!row) throw new Error(`demo seed: meter ${profile.meterNo} was not written`);
    return simMeter(row.id, row.accountId, profile, tariffs.get(profile.tariffCode)!, sales / profiles.length);
  });
}

function simulateDay(day: PlannedDay, meters: readonly SimMeter[], sim: SalesSimulator, rng: Prng, staff: Staff): DayShift[] {
  return day.shifts.map((plan) => {
    const span = plan.closedAt.getTime() - plan.openedAt.getTime();
    const sales = [];
    for (let i = 0; i < plan.sales; i += 1) {
      const at = new Date(plan.openedAt.getTime() + ((i + rng.next()) * span) / plan.sales);
      let sale = null;
      for (let tries = 0; tries < 5 && !sale; tries += 1) sale = sim.sell(rng.pick(meters), at, day.date);
      if (sale) sales.push(sale);
    }
    const shortOver = rng.chance(0.05) ? (rng.chance(0.4) ? 1 : -1) * rng.between(1, 50) * 100 : 0;
    return { clerkId: staff.sellers[plan.sellerIndex]!.id, counter: plan.counter, openedAt: plan.openedAt, closedAt: plan.closedAt, float: SHIFT_FLOAT, shortOver, sales };
  });
}

/** The meters' running state, units-to-date and receipt sequences, as the services leave them. */
async function writeFinalState(session: BulkSession, meters: readonly SimMeter[], sim: SalesSimulator, out: SalesWriter): Promise<void> {
  const update = session.compiler.updateTable('meters').set({ remaining: 0, credit_fen: 0 }).where('id', '=', 0).compile();
  const changed = meters.filter((m) => m.remaining !== 0 || m.credit !== 0).map((m) => [m.remaining, m.credit, m.id]);
  for (let start = 0; start < changed.length; start += 10_000) await session.each(update.sql, changed.slice(start, start + 10_000));
  const writer = new BulkWriter(session);
  await writer.insert('units_to_date', ['account_id', 'utility', 'period_key', 'units'], [...sim.unitsToDate]
    .filter(([, n]) => n > 0).map(([key, n]) => [...key.split('|').map((part, i) => (i === 0 ? Number(part) : part)), n]));
  await writer.insert('receipt_sequences', ['counter_code', 'year', 'last_no'], [...out.serials].map(([key, last]) => {
    const [counter, year] = key.split('|');
    return [counter, Number(year), last];
  }));
}

function handleOf(target: Backend | DatabaseHandle): DatabaseHandle {
  return 'dispatch' in target ? target.database : target;
}

export async function seedDemoHall(target: Backend | DatabaseHandle, options: SeedOptions = {}): Promise<SeedCounts> {
  const started = performance.now();
  const handle = handleOf(target);
  const log = options.log ?? (() => undefined);
  const customers = options.customers ?? 300;
  const salesWanted = options.sales ?? customers * 12;
  const now = options.now ?? new Date();
  const existing = await handle.db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new DemoSeedRefused(`the database already has ${Number(existing.n)} accounts; a demo hall needs an empty one`);
  const counters = counterCodes(options.counterCode ?? 'A01', Math.max(2, Math.ceil(salesWanted / SALES_PER_COUNTER)));
  const staff = await ensureStaff(handle.db, counters.length, now);
  // Marks the hall as a demo: only then does the login screen show these (documented) logins.
  const demoLogins = staff.logins.map((u) => ({ username: u.username, role: u.role, displayName: u.displayName }));
  await setSetting(handle.db, DEMO_LOGINS_SETTING, JSON.stringify(staff.logins.map((u) => ({ username: u.username, password: u.password, role: u.role, displayName: u.displayName }))));
  await appendAudit(handle.db, { at: now.toISOString(), userId: staff.adminId, action: 'setting.set', entity: 'setting', entityId: DEMO_LOGINS_SETTING, after: demoLogins });
  // The demo hall's card meters carry cards from the hall's former vendor program (issue 6): sales to them are
  // recorded without a card write until the clerk issues a HallDesk card (发卡), after which every sale writes it.
  await setSetting(handle.db, CARD_RULES_SETTING, JSON.stringify({ unissuedCardSales: true }));
  await appendAudit(handle.db, { at: now.toISOString(), userId: staff.adminId, action: 'setting.set', entity: 'setting', entityId: CARD_RULES_SETTING, after: { unissuedCardSales: true } });
  const start = historyStart(now);
  const tariffs = await ensureTariffs(handle.db, staff.adminId, start, now);
  const rng = new Prng(options.seed ?? 'halldesk');
  const plan = planAccounts(rng, customers, start, new Map([...tariffs].map(([code, t]) => [code, t.id])));
  const days = planDays(start, salesWanted, counters, staff.sellers.length);
  // Every reference the seed writes is an id it read back from the database: foreign key checks would
  // only repeat that, at a quarter of SQLite's work (seed.test.ts checks the result with foreign_key_check).
  const open = options.session === 'in-process' ? () => inProcessSession(handle.db) : bulkSessionFor(handle, { foreignKeys: false });
  const out = await withSession(open, async (session) => {
    const meters = simMeters(plan, await openAccounts(session, plan, staff), tariffs, salesWanted);
    log(`opened ${plan.length} accounts with ${meters.length} meters (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const sim = new SalesSimulator(rng);
    const writer = new SalesWriter(new BulkWriter(session));
    let committedAt = 0;
    for (const [d, day] of days.entries()) {
      await writer.writeDay(simulateDay(day, meters, sim, rng, staff));
      if (writer.sales >= committedAt + COMMIT_SALES) {
        await session.commitAndContinue();
        committedAt = writer.sales;
      }
      if ((d + 1) % 73 === 0) log(`sales through ${day.date}: ${writer.sales} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    await writeFinalState(session, meters, sim, writer);
    return { meters: meters.length, sales: writer.sales, ledger: writer.ledgerLines };
  });
  return {
    customers: plan.length, meters: out.meters, tariffs: tariffs.size, shifts: days.reduce((n, d) => n + d.shifts.length, 0), sales: out.sales,
    ledgerEntries: out.ledger, counters, logins: staff.logins.map((u) => ({ username: u.username, password: u.password, role: u.role })),
    seconds: (performance.now() - started) / 1000,
  };
}
