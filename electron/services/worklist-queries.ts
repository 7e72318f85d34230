/**
 * The worklist's reads: every active meter's balance facts, its sales within the window (read from the
 * sales_worklist covering index, migration 0150), the latest handling contact per meter, and the display
 * details of the few rows shown. Kept to a handful of set queries so a 200,000-customer hall lists in
 * well under the worklist_ms target (500 ms).
 */
import { sql } from 'kysely';
import type { Db } from '../db/repositories/db';
import type { MeterFacts } from '../domain/worklists/rules';
import type { ContactOutcome, WorklistKind } from '../../shared/contract/worklist-views';
import type { CreditKind } from '../../shared/vocabulary';

export interface MeterFactRow extends Omit<MeterFacts, 'boughtInWindow' | 'lastSaleDate' | 'price' | 'installedDate'> {
  readonly accountId: number;
  readonly tariffId: number;
  readonly installedAt: string;
}

/**
 * Active meters of open accounts (optionally of one area), with their balance in their own measure.
 * inArrears: only meters that can be in arrears (a superset of the rule's, which still decides), so the
 * arrears list does not carry every meter of the hall through.
 */
export async function activeMeterFacts(db: Db, area: string | undefined, inArrears = false): Promise<MeterFactRow[]> {
  let query = db.selectFrom('meters as m').innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['m.id', 'm.account_id', 'm.credit_kind', 'm.credit_fen', 'm.remaining', 'm.overdraft', 'm.tariff_id', 'm.installed_at'])
    .where('m.status', '=', 'active').where('a.status', '=', 'open');
  if (inArrears) query = query.where((eb) => eb.or([eb('m.credit_fen', '<', 0), eb('m.overdraft', '>', 0)]));
  if (area !== undefined) query = query.innerJoin('premises as p', 'p.id', 'a.premises_id').where('p.area', '=', area);
  const rows = await query.execute();
  return rows.map((r) => ({
    meterId: Number(r.id), accountId: Number(r.account_id), creditKind: r.credit_kind as CreditKind,
    balance: r.credit_kind === 'hall' ? Number(r.credit_fen) : Number(r.remaining), overdraft: Number(r.overdraft),
    tariffId: Number(r.tariff_id), installedAt: r.installed_at,
  }));
}

export interface WindowSales { readonly units: number; readonly fen: number; readonly lastDate: string }

/** Per meter: units and fen bought since `from` (a business date) up to sale `uptoId`, and the latest sale date. */
async function salesSince(db: Db, from: string, uptoId: number): Promise<Map<number, WindowSales>> {
  // `+meter_id`: group in a temp b-tree after the sales_worklist covering-index range scan, rather than walk
  // sales_meter and read every sale row (8× slower on the bench hall).
  const rows = await db.selectFrom('sales').where('business_date', '>=', from).where('id', '<=', uptoId)
    .select([sql<number>`meter_id`.as('meter_id'), sql<number>`sum(units)`.as('units'), sql<number>`sum(charge_fen)`.as('fen'), sql<string>`max(business_date)`.as('last')])
    .groupBy(sql`+meter_id`).execute();
  return new Map(rows.map((r) => [Number(r.meter_id), { units: Number(r.units), fen: Number(r.fen), lastDate: r.last }]));
}

interface WindowState { from: string; lastId: number; sums: Map<number, WindowSales> }

/**
 * The window sums, kept between calls and brought up to date from the sales added since (sales are
 * append-only, so sales past lastId are all there is to add); a new window start (a new day) reads afresh.
 * A clerk flips between lists many times a day: only the first list of the day pays the full scan.
 */
export function salesWindowCache() {
  let state: WindowState | null = null;
  return async (db: Db, from: string): Promise<Map<number, WindowSales>> => {
    const top = await db.selectFrom('sales').select(sql<number | null>`max(id)`.as('id')).executeTakeFirst();
    const lastId = Number(top?.id ?? 0);
    if (!state || state.from !== from) {
      state = { from, lastId, sums: await salesSince(db, from, lastId) };
      return state.sums;
    }
    if (lastId > state.lastId) {
      const added = await db.selectFrom('sales').select(['meter_id', 'units', 'charge_fen', 'business_date'])
        .where('id', '>', state.lastId).where('id', '<=', lastId).where('business_date', '>=', from).execute();
      const sums = new Map(state.sums);
      for (const s of added) {
        const was = sums.get(Number(s.meter_id));
        sums.set(Number(s.meter_id), {
          units: (was?.units ?? 0) + Number(s.units), fen: (was?.fen ?? 0) + Number(s.charge_fen),
          lastDate: was && was.lastDate > s.business_date ? was.lastDate : s.business_date,
        });
      }
      state = { from, lastId, sums };
    }
    return state.sums;
  };
}

export type SalesWindow = ReturnType<typeof salesWindowCache>;

/** The first-tier price of each tariff's latest version (states the alarm amount in units). */
export async function firstTierPrices(db: Db): Promise<Map<number, number>> {
  const rows = await db.selectFrom('tariff_versions as v').innerJoin('tariff_tiers as t', 't.version_id', 'v.id')
    .select(['v.tariff_id', 'v.id', 't.price']).where('t.seq', '=', 1).orderBy('v.id').execute();
  // Ascending version id: the latest version of a tariff is written last.
  return new Map(rows.map((r) => [Number(r.tariff_id), Number(r.price)]));
}

export interface ContactRow {
  readonly id: number;
  readonly meterId: number;
  readonly accountId: number;
  readonly kind: WorklistKind;
  readonly outcome: ContactOutcome;
  readonly promisedDate: string | null;
  readonly note: string | null;
  readonly user: string;
  readonly at: string;
}

const contactColumns = ['c.id', 'c.meter_id', 'c.account_id', 'c.kind', 'c.outcome', 'c.promised_date', 'c.note', 'u.display_name', 'c.at'] as const;

function contactRow(r: { id: number; meter_id: number; account_id: number; kind: string; outcome: string; promised_date: string | null; note: string | null; display_name: string; at: string }): ContactRow {
  return {
    id: Number(r.id), meterId: Number(r.meter_id), accountId: Number(r.account_id), kind: r.kind as WorklistKind,
    outcome: r.outcome as ContactOutcome, promisedDate: r.promised_date, note: r.note, user: r.display_name, at: r.at,
  };
}

/** The latest contact per meter on this list that handles it (a note alone does not take a customer off). */
export async function latestContacts(db: Db, kind: WorklistKind): Promise<Map<number, ContactRow>> {
  const latest = db.selectFrom('reminder_contacts').select(sql<number>`max(id)`.as('id'))
    .where('kind', '=', kind).where('outcome', '<>', 'note').groupBy('meter_id');
  const rows = await db.selectFrom('reminder_contacts as c').innerJoin('users as u', 'u.id', 'c.user_id')
    .select(contactColumns).where('c.id', 'in', latest).execute();
  return new Map(rows.map((r) => [Number(r.meter_id), contactRow(r)]));
}

export async function contactById(db: Db, id: number): Promise<ContactRow> {
  const row = await db.selectFrom('reminder_contacts as c').innerJoin('users as u', 'u.id', 'c.user_id')
    .select(contactColumns).where('c.id', '=', id).executeTakeFirstOrThrow();
  return contactRow(row);
}

export interface MeterDisplay {
  readonly accountNo: string; readonly customerName: string; readonly phone: string | null; readonly address: string;
  readonly area: string; readonly meterNo: string; readonly utility: string;
}

/** Customer, premises and meter number of the rows shown. */
export async function displayOf(db: Db, meterIds: readonly number[]): Promise<Map<number, MeterDisplay>> {
  if (meterIds.length === 0) return new Map();
  const rows = await db.selectFrom('meters as m').innerJoin('accounts as a', 'a.id', 'm.account_id')
    .innerJoin('customers as c', 'c.id', 'a.customer_id').innerJoin('premises as p', 'p.id', 'a.premises_id')
    .select(['m.id', 'm.meter_no', 'm.utility', 'a.account_no', 'c.name', 'c.phone', 'p.area', 'p.building', 'p.unit', 'p.room'])
    .where('m.id', 'in', [...meterIds]).execute();
  return new Map(rows.map((r) => [Number(r.id), {
    accountNo: r.account_no, customerName: r.name, phone: r.phone, area: r.area, meterNo: r.meter_no, utility: r.utility,
    address: `${r.area} ${r.building}-${r.unit}-${r.room}`,
  }]));
}

/** The latest sale date of each meter (for rows whose last sale is older than the window). */
export async function lastSaleDates(db: Db, meterIds: readonly number[]): Promise<Map<number, string>> {
  if (meterIds.length === 0) return new Map();
  const latest = db.selectFrom('sales').select(sql<number>`max(id)`.as('id')).where('meter_id', 'in', [...meterIds]).groupBy('meter_id');
  const rows = await db.selectFrom('sales').select(['meter_id', 'business_date']).where('id', 'in', latest).execute();
  return new Map(rows.map((r) => [Number(r.meter_id), r.business_date]));
}
