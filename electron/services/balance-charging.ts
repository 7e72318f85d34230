/**
 * Charging hall-kept meters (远程费控, issue 5 item 7): every good reading not yet charged, oldest first, in one
 * transaction per meter — a balance_charges row per interval (UNIQUE per to-reading: never charged twice), its
 * ledger entry (customer_credit +charge, revenue −charge; planConsumptionCharge), meters.credit_fen reduced (it
 * may go below zero: the money is owed), units-to-date advanced by consumption (for hall meters consumption, not
 * purchases, fills the tiers), an alert at each newly reached lower level, the audit record, and — at the trip
 * point — an automatic trip through the AutomaticControl port, deferred past the keep-power window.
 * High-voltage accounts whose remote meter is not the settlement meter are charged from manual readings only.
 */
import { chargeInterval } from '../domain/balances/charge';
import { lockAccountOfMeter } from '../db/repositories/locks';
import type { ChargeReading, IntervalCharge, PeriodTotals } from '../domain/balances/charge';
import { earliestTripAt, lowerLevelReached, tripPoint } from '../domain/balances/keep-power';
import type { HallBalanceSettings } from '../domain/balances/keep-power';
import { isBankWorkingDay } from '../domain/calendar/bank-calendar';
import { planConsumptionCharge } from '../domain/sales/ledger-plan';
import { businessDate, businessYear, periodKey } from '../domain/time/business-time';
import { fen, units } from '../../shared/money';
import { addUnitsToDate, unitsToDate } from '../db/repositories/accounts-repository';
import { appendAudit } from '../db/repositories/audit-repository';
import { goodReadingsAfter, insertAlert, insertCharge, lastChargedReading, latestGoodReading, touOfVersions } from '../db/repositories/balances-repository';
import type { ChargeableReading, hallMeters } from '../db/repositories/balances-repository';
import { appendLedger } from '../db/repositories/ledger-repository';
import { findMeter, setMeterState } from '../db/repositories/meters-repository';
import type { Db } from '../db/repositories/db';
import { loadBankCalendar } from './calendar-service';
import { tariffInForce } from './tariffs-service';
import { found } from './deps';
import type { AutomaticControl } from './control-port';

export type HallMeterRow = Awaited<ReturnType<typeof hallMeters>>[number];

export interface MeterRunResult {
  readonly charges: number;
  readonly charged: number;
  readonly alerts: number;
  readonly tripsRaised: number;
}

interface RunContext {
  readonly settings: HallBalanceSettings;
  readonly control: AutomaticControl | null;
  readonly now: Date;
}

function toChargeReading(r: ChargeableReading): ChargeReading {
  return { total: r.total, periods: r.periods === null ? null : (JSON.parse(r.periods) as PeriodTotals) };
}

/** Prices one interval at the tariff version in force on the later reading's business date. */
async function priceInterval(trx: Db, meter: HallMeterRow, from: ChargeableReading, to: ChargeableReading) {
  const date = businessDate(new Date(to.read_at));
  const { version } = await tariffInForce(trx, Number(meter.tariff_id), date);
  const period = periodKey(version.period, date);
  const soFar = units(await unitsToDate(trx, Number(meter.account_id), meter.utility, period));
  const tou = (await touOfVersions(trx, [version.id])).get(version.id) ?? null;
  const priced = chargeInterval(toChargeReading(from), toChargeReading(to), { tiers: version.tiers, tou, unitsToDate: soFar });
  return { priced, period, versionId: version.id };
}

function detailOf(priced: IntervalCharge, from: ChargeableReading, to: ChargeableReading) {
  return {
    basis: priced.basis, tiers: priced.tiers, periods: priced.periods,
    ...(priced.basis === 'total-decreased' ? { fromTotal: from.total, toTotal: to.total } : {}),
  };
}

/** Books one interval; answers the balance after it and whether a lower level was reached. */
async function bookInterval(trx: Db, meter: HallMeterRow, from: ChargeableReading, to: ChargeableReading, balance: number, ctx: RunContext) {
  const { priced, period, versionId } = await priceInterval(trx, meter, from, to);
  const at = ctx.now.toISOString();
  const after = balance - priced.charge;
  const chargeId = await insertCharge(trx, {
    meter_id: Number(meter.id), account_id: Number(meter.account_id), utility: meter.utility, period_key: period, tariff_version_id: versionId,
    from_reading_id: from.id, to_reading_id: to.id, units: priced.units, charge_fen: priced.charge, balance_after_fen: after,
    detail: JSON.stringify(detailOf(priced, from, to)), source: meter.remote_is_settlement === 1 ? 'meter' : 'manual', at,
  });
  await appendLedger(trx, `BC-${chargeId}`, planConsumptionCharge(Number(meter.id), fen(priced.charge)), { saleId: null, accountId: Number(meter.account_id), shiftId: null, at });
  if (priced.units > 0) await addUnitsToDate(trx, { accountId: Number(meter.account_id), utility: meter.utility, periodKey: period }, priced.units);
  const level = lowerLevelReached(balance, after, ctx.settings);
  if (level) await insertAlert(trx, { meter_id: Number(meter.id), level, balance_fen: after, charge_id: chargeId, at });
  return { after, charge: priced.charge, alerted: level !== null, chargeId, basis: priced.basis };
}

/** Whether the meter's relay is open: the last successful relay job tripped it, or the latest good reading says so. */
export async function relayOpen(trx: Db, meterId: number, control: AutomaticControl | null): Promise<boolean> {
  const latest = await latestGoodReading(trx, meterId);
  if (latest?.relay === 'open') return true;
  return (await control?.lastRelayAction(trx, meterId)) === 'relay_trip';
}

/** The earliest instant outside the keep-power window, on the holiday calendar. */
export async function tripEffectiveAt(trx: Db, settings: HallBalanceSettings, now: Date): Promise<Date> {
  const year = businessYear(now);
  const calendar = await loadBankCalendar(trx, year, year + 1);
  return earliestTripAt(now, settings.keepPower, (date) => isBankWorkingDay(calendar, date));
}

/** At the trip point, with auto trip on and no automatic trip waiting: raises one (a waiting close is cancelled). */
async function tripIfDue(trx: Db, meterId: number, balance: number, ctx: RunContext): Promise<boolean> {
  if (!ctx.control || !ctx.settings.autoTrip || balance > tripPoint(ctx.settings)) return false;
  const pending = await ctx.control.pendingOf(trx, meterId);
  if (pending?.action === 'relay_trip' || await relayOpen(trx, meterId, ctx.control)) return false;
  if (pending?.action === 'relay_close') await ctx.control.cancelPending(trx, meterId, 'relay_close', 'balance back at the trip point');
  await ctx.control.raise(trx, {
    meterId, command: { action: 'relay_trip' }, effectiveAt: await tripEffectiveAt(trx, ctx.settings, ctx.now),
    reason: `hall-kept balance ${balance} fen at the trip point`,
  });
  return true;
}

/** Charges one meter's uncharged readings inside `trx`. The first reading ever is the baseline (nothing to charge). */
export async function chargeMeter(trx: Db, meter: HallMeterRow, ctx: RunContext): Promise<MeterRunResult> {
  // Two counters' sweeps charging one meter: the second waits, then finds the readings charged; a sale to the
  // meter (which locks the same rows) never interleaves with the balance read below and written at the end.
  await lockAccountOfMeter(trx, Number(meter.id));
  const source = meter.remote_is_settlement === 1 ? 'meter' : 'manual';
  const last = await lastChargedReading(trx, Number(meter.id), source);
  const readings = await goodReadingsAfter(trx, Number(meter.id), source, last ?? null);
  let previous = last ?? readings.shift();
  if (!previous || readings.length === 0) return { charges: 0, charged: 0, alerts: 0, tripsRaised: 0 };
  const before = Number(found(await findMeter(trx, Number(meter.id)), 'meter').credit_fen);
  let balance = before;
  let charged = 0;
  let alerts = 0;
  const booked: { chargeId: number; charge: number; basis: string }[] = [];
  for (const reading of readings) {
    const step = await bookInterval(trx, meter, previous, reading, balance, ctx);
    balance = step.after;
    charged += step.charge;
    alerts += step.alerted ? 1 : 0;
    booked.push({ chargeId: step.chargeId, charge: step.charge, basis: step.basis });
    previous = reading;
  }
  await setMeterState(trx, Number(meter.id), { credit_fen: balance });
  await appendAudit(trx, {
    at: ctx.now.toISOString(), userId: null, action: 'balance.charge', entity: 'meter', entityId: Number(meter.id),
    before: { balance: before }, after: { balance, charged, charges: booked },
  });
  const tripped = await tripIfDue(trx, Number(meter.id), balance, ctx);
  return { charges: booked.length, charged, alerts, tripsRaised: tripped ? 1 : 0 };
}
