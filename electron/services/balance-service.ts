/**
 * Hall-kept balances (远程费控, issue 5 item 7): settings, the charge run (after every reading sweep and on
 * balances.chargeNow), a recharge closing the relay, and the balance views. Automatic trips and closes go
 * through the AutomaticControl port (control-port.ts), injected by the composition root; with none (not wired
 * yet) balances are still charged and alerted, and no job is raised.
 */
import { DEFAULT_HALL_BALANCE, atOrBelow, levelOf } from '../domain/balances/keep-power';
import { lockAccountOfMeter } from '../db/repositories/locks';
import type { HallBalanceSettings } from '../domain/balances/keep-power';
import { appendAudit } from '../db/repositories/audit-repository';
import { alertRows, chargesOfMeter, hallMeters, latestGoodReading, readAtOf } from '../db/repositories/balances-repository';
import type { ChargeRow } from '../db/repositories/balances-repository';
import { getSetting, setSetting } from '../db/repositories/settings-repository';
import { findMeter } from '../db/repositories/meters-repository';
import type { Db } from '../db/repositories/db';
import { DomainError } from '../domain/errors';
import { chargeMeter, relayOpen } from './balance-charging';
import type { MeterRunResult } from './balance-charging';
import { readingsCorrectMeters } from './balance-readings';
import { found, inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { AutomaticControl } from './control-port';
import type { BalanceAlertView, BalanceChargeView, ChargeRunView, HallBalanceSettingsView, HallBalanceView } from '../../shared/contract/balance-views';
import type { BalanceLevel } from '../../shared/vocabulary';

export const HALL_BALANCE_SETTING = 'hall_balance';

export async function loadHallBalanceSettings(db: Db): Promise<HallBalanceSettings> {
  const stored = await getSetting(db, HALL_BALANCE_SETTING);
  const parsed = stored ? (JSON.parse(stored) as Partial<HallBalanceSettings>) : {};
  return { ...DEFAULT_HALL_BALANCE, ...parsed, keepPower: { ...DEFAULT_HALL_BALANCE.keepPower, ...parsed.keepPower } };
}

function chargeView(row: ChargeRow, readAt: Map<number, string>): BalanceChargeView {
  return {
    id: Number(row.id), meterId: Number(row.meter_id), fromReadAt: readAt.get(Number(row.from_reading_id)) ?? '',
    toReadAt: readAt.get(Number(row.to_reading_id)) ?? '', units: Number(row.units), charge: Number(row.charge_fen),
    balanceAfter: Number(row.balance_after_fen), detail: JSON.parse(row.detail) as BalanceChargeView['detail'],
    source: row.source as 'meter' | 'manual', at: row.at,
  };
}

type AlertRowOf = Awaited<ReturnType<typeof alertRows>>[number];

function alertView(row: AlertRowOf, settings: HallBalanceSettings): BalanceAlertView {
  const level = row.level as BalanceLevel;
  return {
    id: Number(row.id), meterId: Number(row.meter_id), meterNo: row.meter_no, accountId: Number(row.account_id), customerName: row.customer_name,
    level, balance: Number(row.balance_fen), at: row.at,
    open: row.meter_status === 'active' && atOrBelow(levelOf(Number(row.credit_fen), settings), level),
  };
}

const EMPTY_RUN: ChargeRunView = { meters: 0, charges: 0, charged: 0, alerts: 0, tripsRaised: 0, failed: 0 };

function addRun(run: ChargeRunView, r: MeterRunResult): ChargeRunView {
  return {
    ...run, meters: run.meters + 1, charges: run.charges + r.charges, charged: run.charged + r.charged,
    alerts: run.alerts + r.alerts, tripsRaised: run.tripsRaised + r.tripsRaised,
  };
}

export function createBalanceService(deps: ServiceDeps, control: AutomaticControl | null, log: (error: unknown) => void = (error) => console.error('[halldesk] balances', error)) {
  /** Charges every hall-kept meter, one transaction each; a meter that fails (no tariff…) is counted and left for the next run. */
  async function chargeAll(actor: Actor | null): Promise<ChargeRunView> {
    const settings = await loadHallBalanceSettings(deps.db);
    let run = EMPTY_RUN;
    for (const meter of await hallMeters(deps.db)) {
      try {
        const result = await inTransaction(deps, (trx) => chargeMeter(trx, meter, { settings, control, now: deps.clock.now() }));
        run = addRun(run, result);
      } catch (error) {
        log(error);
        run = { ...run, meters: run.meters + 1, failed: run.failed + 1 };
      }
    }
    if (actor) {
      await inTransaction(deps, (trx) => appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'balance.charge-now', entity: 'balance', entityId: 'all', after: run }));
    }
    return run;
  }

  /**
   * After a sale to a hall-kept meter commits: once the balance is above zero, a waiting automatic trip is
   * cancelled and, if the relay is open, an automatic close is raised effective now.
   */
  async function afterSale(meterId: number): Promise<void> {
    if (!control) return;
    const [meter] = await hallMeters(deps.db, meterId);
    if (!meter || Number(meter.credit_fen) <= 0) return;
    await inTransaction(deps, async (trx) => {
      await lockAccountOfMeter(trx, meterId); // the pending jobs are read, then raised or cancelled, as chargeMeter does
      await control.cancelPending(trx, meterId, 'relay_trip', 'recharged above zero');
      const pending = await control.pendingOf(trx, meterId);
      if (pending?.action === 'relay_close' || !(await relayOpen(trx, meterId, control))) return;
      await control.raise(trx, { meterId, command: { action: 'relay_close' }, effectiveAt: deps.clock.now(), reason: 'recharged above zero' });
    });
  }

  async function ofMeter(meterId: number, limit = 50): Promise<HallBalanceView> {
    found(await findMeter(deps.db, meterId), 'meter');
    const [meter] = await hallMeters(deps.db, meterId);
    if (!meter) throw new DomainError('not-hall-meter');
    const settings = await loadHallBalanceSettings(deps.db);
    const rows = await chargesOfMeter(deps.db, meterId, limit);
    const readAt = await readAtOf(deps.db, rows.flatMap((r) => [Number(r.from_reading_id), Number(r.to_reading_id)]));
    const latest = await latestGoodReading(deps.db, meterId);
    const last = await chargesOfMeter(deps.db, meterId, 1);
    const lastAt = last[0] ? (await readAtOf(deps.db, [Number(last[0].to_reading_id)])).get(Number(last[0].to_reading_id)) ?? null : null;
    return {
      meterId, meterNo: meter.meter_no, accountId: Number(meter.account_id), balance: Number(meter.credit_fen),
      level: levelOf(Number(meter.credit_fen), settings), relay: latest?.relay === 'open' || latest?.relay === 'closed' ? latest.relay : null,
      remoteIsSettlement: meter.remote_is_settlement === 1, lastChargedReadAt: lastAt,
      charges: rows.map((r) => chargeView(r, readAt)),
      alerts: (await alertRows(deps.db, limit, meterId)).map((r) => alertView(r, settings)),
      pendingJob: control ? await control.pendingOf(deps.db, meterId) : null,
    };
  }

  return {
    chargeAll,
    chargeNow: (actor: Actor) => chargeAll(actor),
    /** The collection hook: readings correct non-hall meters' remaining, then hall-kept meters are charged. */
    async afterSweep(sweepId: number): Promise<void> {
      try {
        await readingsCorrectMeters(deps, sweepId);
        await chargeAll(null);
      } catch (error) {
        log(error);
      }
    },
    /** The sales hook: the sale has committed whatever happens here, so a failure is logged, never thrown. */
    afterSale: (meterId: number) => afterSale(meterId).catch(log),
    ofMeter,
    async alerts(input: { open?: boolean; limit?: number }): Promise<BalanceAlertView[]> {
      const settings = await loadHallBalanceSettings(deps.db);
      const views = (await alertRows(deps.db, input.open ? 5000 : input.limit ?? 100)).map((r) => alertView(r, settings));
      return input.open ? views.filter((v) => v.open).slice(0, input.limit ?? 100) : views;
    },
    settings: (): Promise<HallBalanceSettingsView> => loadHallBalanceSettings(deps.db),
    async setSettings(actor: Actor, settings: HallBalanceSettings): Promise<HallBalanceSettingsView> {
      return inTransaction(deps, async (trx) => {
        const before = await loadHallBalanceSettings(trx);
        await setSetting(trx, HALL_BALANCE_SETTING, JSON.stringify(settings));
        const after = await loadHallBalanceSettings(trx);
        await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'settings.hall-balance', entity: 'settings', entityId: HALL_BALANCE_SETTING, before, after });
        return after;
      });
    },
  };
}

export type BalanceService = ReturnType<typeof createBalanceService>;
