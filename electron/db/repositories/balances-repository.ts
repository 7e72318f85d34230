/**
 * Hall-kept balance rows (migration 0110): time-of-use prices, charges, alerts, the metering basis of an
 * account and the readings a charge run reads (transmitted or manual).
 */
import type { Selectable } from 'kysely';
import type { Db } from './db';
import type { BalanceAlertTable, BalanceChargeTable } from '../schema-balances';
import type { TouPrices } from '../../domain/balances/charge';
import { price } from '../../../shared/money';

export type ChargeRow = Selectable<BalanceChargeTable>;
export type AlertRow = Selectable<BalanceAlertTable>;

export interface ChargeableReading {
  id: number;
  read_at: string;
  total: number;
  periods: string | null;
  relay: string | null;
}

export async function insertTouPrices(db: Db, versionId: number, tou: TouPrices): Promise<void> {
  await db.insertInto('tariff_tou_prices').values({ version_id: versionId, ...tou }).execute();
}

export async function touOfVersions(db: Db, versionIds: readonly number[]): Promise<Map<number, TouPrices>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db.selectFrom('tariff_tou_prices').selectAll().where('version_id', 'in', [...versionIds]).execute();
  return new Map(rows.map((r) => [Number(r.version_id), {
    spike: price(Number(r.spike)), peak: price(Number(r.peak)), flat: price(Number(r.flat)), valley: price(Number(r.valley)),
  }]));
}

/** Active hall-kept meters of open accounts, with the account's metering basis. */
export function hallMeters(db: Db, meterId?: number) {
  let query = db.selectFrom('meters').innerJoin('accounts', 'accounts.id', 'meters.account_id')
    .select(['meters.id as id', 'meters.account_id as account_id', 'meters.utility as utility', 'meters.tariff_id as tariff_id',
      'meters.credit_fen as credit_fen', 'meters.meter_no as meter_no', 'accounts.remote_is_settlement as remote_is_settlement'])
    .where('meters.credit_kind', '=', 'hall').where('meters.status', '=', 'active').where('accounts.status', '=', 'open');
  if (meterId !== undefined) query = query.where('meters.id', '=', meterId);
  return query.orderBy('meters.id').execute();
}

/** The to-reading of the meter's latest charge from `source` (where the next interval starts). */
export function lastChargedReading(db: Db, meterId: number, source: string): Promise<ChargeableReading | undefined> {
  return db.selectFrom('balance_charges').innerJoin('meter_readings', 'meter_readings.id', 'balance_charges.to_reading_id')
    .select(['meter_readings.id as id', 'meter_readings.read_at as read_at', 'meter_readings.total as total', 'meter_readings.periods as periods', 'meter_readings.relay as relay'])
    .where('balance_charges.meter_id', '=', meterId).where('balance_charges.source', '=', source)
    .orderBy('meter_readings.read_at', 'desc').orderBy('meter_readings.id', 'desc').limit(1)
    .executeTakeFirst() as Promise<ChargeableReading | undefined>;
}

/** Good readings with a total from `source`, oldest first, after `after` (read_at, then id) when given. */
export async function goodReadingsAfter(db: Db, meterId: number, source: string, after: { read_at: string; id: number } | null): Promise<ChargeableReading[]> {
  let query = db.selectFrom('meter_readings').select(['id', 'read_at', 'total', 'periods', 'relay'])
    .where('meter_id', '=', meterId).where('source', '=', source).where('quality', '=', 'good').where('total', 'is not', null);
  if (after) {
    query = query.where((eb) => eb.or([eb('read_at', '>', after.read_at), eb.and([eb('read_at', '=', after.read_at), eb('id', '>', after.id)])]));
  }
  const rows = await query.orderBy('read_at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), total: Number(r.total) }));
}

export type NewChargeRow = Omit<BalanceChargeTable, 'id'>;

export async function insertCharge(db: Db, charge: NewChargeRow): Promise<number> {
  const row = await db.insertInto('balance_charges').values(charge).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertAlert(db: Db, alert: Omit<BalanceAlertTable, 'id'>): Promise<number> {
  const row = await db.insertInto('balance_alerts').values(alert).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export function chargesOfMeter(db: Db, meterId: number, limit: number): Promise<ChargeRow[]> {
  return db.selectFrom('balance_charges').selectAll().where('meter_id', '=', meterId).orderBy('id', 'desc').limit(limit).execute();
}

export async function readAtOf(db: Db, readingIds: readonly number[]): Promise<Map<number, string>> {
  if (readingIds.length === 0) return new Map();
  const rows = await db.selectFrom('meter_readings').select(['id', 'read_at']).where('id', 'in', [...readingIds]).execute();
  return new Map(rows.map((r) => [Number(r.id), r.read_at]));
}

/** Alerts with their meter, account and customer, newest first (optionally of one meter). */
export function alertRows(db: Db, limit: number, meterId?: number) {
  let query = db.selectFrom('balance_alerts').innerJoin('meters', 'meters.id', 'balance_alerts.meter_id')
    .innerJoin('accounts', 'accounts.id', 'meters.account_id').innerJoin('customers', 'customers.id', 'accounts.customer_id')
    .select(['balance_alerts.id as id', 'balance_alerts.meter_id as meter_id', 'balance_alerts.level as level', 'balance_alerts.balance_fen as balance_fen',
      'balance_alerts.at as at', 'meters.meter_no as meter_no', 'meters.account_id as account_id', 'meters.credit_fen as credit_fen',
      'meters.status as meter_status', 'customers.name as customer_name']);
  if (meterId !== undefined) query = query.where('balance_alerts.meter_id', '=', meterId);
  return query.orderBy('balance_alerts.id', 'desc').limit(limit).execute();
}

/** The latest good transmitted reading of a meter (its relay state; a manual reading says nothing of the relay). */
export function latestGoodReading(db: Db, meterId: number) {
  return db.selectFrom('meter_readings').select(['id', 'read_at', 'total', 'relay', 'source']).where('meter_id', '=', meterId)
    .where('quality', '=', 'good').where('source', '=', 'meter').orderBy('read_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export function latestManualReading(db: Db, meterId: number) {
  return db.selectFrom('meter_readings').select(['id', 'read_at', 'total']).where('meter_id', '=', meterId)
    .where('source', '=', 'manual').orderBy('read_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function setRemoteIsSettlement(db: Db, accountId: number, value: boolean): Promise<void> {
  await db.updateTable('accounts').set({ remote_is_settlement: value ? 1 : 0 }).where('id', '=', accountId).execute();
}

export async function insertManualReading(db: Db, r: {
  meter_id: number; read_at: string; total: number; periods: string | null; agreement_ref: string; approval_id: number; entered_by: number;
}): Promise<number> {
  const row = await db.insertInto('meter_readings').values({
    ...r, sweep_id: null, remaining: null, overdraft: null, purchase_count: null, relay: null, valve: null, flags: '[]',
    quality: 'good', attempts: 1, error_code: null, error_message: null, source: 'manual',
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}
