/**
 * The worklist's reads: the listed meters picked out by the database (worklist-list-query.ts), the latest
 * handling contact per meter, and the display details of the few rows shown.
 */
import { sql } from 'kysely';
import type { Db } from '../db/repositories/db';
import type { ContactOutcome, ContactView, WorklistKind } from '../../shared/contract/worklist-views';

/** The first-tier price of each tariff's latest version (states the alarm amount in units). */
export async function firstTierPrices(db: Db): Promise<Map<number, number>> {
  const rows = await db.selectFrom('tariff_versions as v').innerJoin('tariff_tiers as t', 't.version_id', 'v.id')
    .select(['v.tariff_id', 'v.id', 't.price']).where('t.seq', '=', 1).orderBy('v.id').execute();
  // Ascending version id: the latest version of a tariff is written last.
  return new Map(rows.map((r) => [Number(r.tariff_id), Number(r.price)]));
}

/** A logged contact as the contract shows it. */
export type ContactRow = ContactView;

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
