/**
 * What a reading sweep teaches the hall besides the totals (issue 5 item 7):
 *  - the period energies of a time-of-use meter, stored with the reading (JSON in 0.01 units) for the charge run;
 *  - the remaining and overdraft a non-hall meter reports, which correct meters.remaining/overdraft (the brief:
 *    "readings correct it") — a hall-kept meter's balance is the hall's own, never the meter's.
 */
import { appendAudit } from '../db/repositories/audit-repository';
import { lockRowsForUpdate } from '../db/repositories/locks';
import type { PeriodTotals } from '../domain/balances/charge';
import { inTransaction, nowIso } from './deps';
import type { ServiceDeps } from './deps';

/** Register names of the Acrel Modbus map (codecs/maps/acrel.ts), in kWh with 0.01 resolution. */
const PERIOD_FIELDS = { spike: 'spikeEnergy', peak: 'peakEnergy', flat: 'flatEnergy', valley: 'valleyEnergy' } as const;

/** The reading's period energies as JSON in 0.01 units, or null when the protocol gives none (DL/T 645 today). */
export function periodsJson(extra: Readonly<Record<string, number>>): string | null {
  const periods = {} as Record<keyof PeriodTotals, number>;
  for (const [period, field] of Object.entries(PERIOD_FIELDS) as [keyof PeriodTotals, string][]) {
    const kwh = extra[field];
    if (kwh === undefined || !Number.isFinite(kwh) || kwh < 0) return null;
    // kWh at 0.01 resolution → the integer 0.01-unit count (the register's own count, so rounding only undoes float noise).
    periods[period] = Math.round(kwh * 100);
  }
  return JSON.stringify(periods);
}

/** Sets remaining/overdraft of the non-hall meters from the good readings of one sweep, audited together. */
export async function readingsCorrectMeters(deps: ServiceDeps, sweepId: number): Promise<void> {
  await inTransaction(deps, async (trx) => {
    // remaining is written absolute: the meters are locked first so a sale's credit is not overwritten.
    const ids = await trx.selectFrom('meter_readings').select('meter_id').where('sweep_id', '=', sweepId).where('quality', '=', 'good').execute();
    await lockRowsForUpdate(trx, 'meters', ids.map((r) => Number(r.meter_id)));
    const rows = await trx.selectFrom('meter_readings').innerJoin('meters', 'meters.id', 'meter_readings.meter_id')
      .select(['meter_readings.meter_id as meter_id', 'meter_readings.remaining as remaining', 'meter_readings.overdraft as overdraft',
        'meters.remaining as was_remaining', 'meters.overdraft as was_overdraft'])
      .where('meter_readings.sweep_id', '=', sweepId).where('meter_readings.quality', '=', 'good')
      .where('meter_readings.remaining', 'is not', null).where('meters.credit_kind', '!=', 'hall').where('meters.status', '=', 'active').execute();
    const changed = rows.filter((r) => r.remaining !== Number(r.was_remaining) || (r.overdraft !== null && r.overdraft !== Number(r.was_overdraft)));
    if (changed.length === 0) return;
    for (const r of changed) {
      await trx.updateTable('meters').set({ remaining: r.remaining!, ...(r.overdraft !== null ? { overdraft: r.overdraft } : {}) })
        .where('id', '=', Number(r.meter_id)).execute();
    }
    await appendAudit(trx, {
      at: nowIso(deps), userId: null, action: 'meters.remaining-from-readings', entity: 'read_sweep', entityId: sweepId,
      after: changed.map((r) => ({ meterId: Number(r.meter_id), remaining: r.remaining, overdraft: r.overdraft, before: { remaining: Number(r.was_remaining), overdraft: Number(r.was_overdraft) } })),
    });
  });
}
