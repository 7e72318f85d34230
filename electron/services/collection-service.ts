/**
 * Collection (issue 5 item 4): a sweep reads every meter with a bus and a protocol on the active buses (or one
 * bus, or a list of meters for a re-read sweep) through collect/sweep.ts — buses in parallel, the meters of a bus
 * in turn, failed meters re-read after the others — and stores each result as a `meter_readings` row, good or
 * failed with its error. No database transaction is held across the wire: the sweep row is opened in one, the
 * readings and the finished counts land together in another, audited. The read-completeness board and a
 * meter's readings with its monthly consumption are derived from the stored rows.
 */
import { readMeter } from '../hardware/meters/codecs/drivers';
import { sweep } from '../hardware/meters/collect/sweep';
import type { SweepProgress } from '../hardware/meters/collect/sweep';
import { appendAudit } from '../db/repositories/audit-repository';
import { findMeter } from '../db/repositories/meters-repository';
import { getSetting, setSetting } from '../db/repositories/settings-repository';
import {
  boardFacts, commMeters, findSweep, finishSweep, goodTotalsOfMeter, insertReading, insertSweep, latestSweep, listBuses, readingsOfMeter,
  findBus,
} from '../db/repositories/readings-repository';
import type { CommMeterRow, ReadingRow, SweepRow } from '../db/repositories/readings-repository';
import type { Db } from '../db/repositories/db';
import { DomainError } from '../domain/errors';
import { businessDate } from '../domain/time/business-time';
import type { BusKind, MeterProtocolCode, SweepKind } from '../../shared/contract/meter-methods';
import type {
  BoardBusView, BoardMeterView, MeterReadingsView, MonthlyConsumptionView, ReadingBoardView, ReadingView, SweepProgressView, SweepView,
} from '../../shared/contract/meter-views';
import { found, inTransaction, nowIso } from './deps';
import { periodsJson } from './balance-readings';
import { PROCESS_HOLDER, acquireLease, releaseLease } from './process-lease';
import type { Actor, ServiceDeps } from './deps';
import type { MeterCommService } from './meter-comm-service';
import { targetOf } from './meter-comm-service';

export const COLLECTION_SETTING = 'collection';

export interface CollectionSettings {
  /** Minutes between the sweeps of networked (remotely credited) meters. */
  readonly intervalMinutes: number;
  /** Re-reads of a failed meter within a sweep, after the other meters of its bus. */
  readonly rereads: number;
  /** Minutes after a scheduled sweep with failures before a re-read sweep of the failed meters (0 = none). */
  readonly rereadAfterMinutes: number;
}

export const DEFAULT_COLLECTION: CollectionSettings = { intervalMinutes: 15, rereads: 1, rereadAfterMinutes: 5 };

export async function loadCollectionSettings(db: Db): Promise<CollectionSettings> {
  const stored = await getSetting(db, COLLECTION_SETTING);
  return { ...DEFAULT_COLLECTION, ...(stored ? (JSON.parse(stored) as Partial<CollectionSettings>) : {}) };
}

export interface SweepRequest {
  readonly kind: SweepKind;
  readonly busId?: number;
  readonly meterIds?: readonly number[];
  /** Only meters credited remotely (the every-N-minutes sweep); the daily sweep reads them all. */
  readonly networkedOnly?: boolean;
  readonly scheduledFor?: Date;
  readonly actor?: Actor;
}

export interface SweepOutcome extends SweepView {
  /** Meters whose result was failed (for the re-read sweep). */
  readonly failedMeterIds: readonly number[];
}

function sweepView(row: SweepRow): SweepView {
  return {
    id: Number(row.id), kind: row.kind as SweepKind, scheduledFor: row.scheduled_for, busId: row.bus_id === null ? null : Number(row.bus_id),
    startedAt: row.started_at, finishedAt: row.finished_at, total: row.total, ok: row.ok, failed: row.failed,
  };
}

function readingView(row: ReadingRow): ReadingView {
  return {
    id: Number(row.id), meterId: Number(row.meter_id), sweepId: row.sweep_id === null ? null : Number(row.sweep_id), readAt: row.read_at,
    quality: row.quality as 'good' | 'failed', attempts: row.attempts, errorCode: row.error_code, errorMessage: row.error_message,
    total: row.total, remaining: row.remaining, overdraft: row.overdraft, purchaseCount: row.purchase_count,
    relay: row.relay as ReadingView['relay'], valve: row.valve as ReadingView['valve'], flags: JSON.parse(row.flags) as string[],
  };
}

/** Per Beijing month, the last good total and its difference to the previous month's last total. */
export function monthlyConsumption(totals: readonly { read_at: string; total: number | null }[]): MonthlyConsumptionView[] {
  const lastOfMonth = new Map<string, { total: number; at: string }>();
  for (const t of totals) {
    if (t.total === null) continue;
    lastOfMonth.set(businessDate(new Date(t.read_at)).slice(0, 7), { total: t.total, at: t.read_at });
  }
  const months = [...lastOfMonth.keys()].sort();
  return months.map((month) => {
    const last = lastOfMonth.get(month)!;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const previous = lastOfMonth.get(m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`);
    return { month, lastTotal: last.total, lastReadAt: last.at, consumption: previous ? last.total - previous.total : null };
  });
}

/** Longer than any sweep (1,000 meters take well under a minute): a crashed sweeper's lease lapses by then. */
const SWEEP_LEASE_MS = 15 * 60_000;

/** Runs after a sweep's readings are stored (hall-kept balances are charged from them; balance-service.ts). Never throws. */
export interface CollectionHooks {
  readonly afterSweep?: (sweepId: number) => Promise<void>;
}

export function createCollectionService(deps: ServiceDeps, comm: MeterCommService, holder: string = PROCESS_HOLDER, hooks: CollectionHooks = {}) {
  /** The sweep in progress: its live counts (the board shows them) and its end. Set before the first await of run(). */
  let running: { progress: SweepProgressView; done: Promise<unknown> } | null = null;

  async function targets(request: SweepRequest): Promise<CommMeterRow[]> {
    const buses = new Map((await listBuses(deps.db)).map((b) => [Number(b.id), b]));
    const meters = await commMeters(deps.db, { ...(request.busId !== undefined ? { busId: request.busId } : {}), ...(request.meterIds ? { meterIds: request.meterIds } : {}) });
    return meters.filter((m) => buses.get(m.bus_id)?.active === 1 && (!request.networkedOnly || m.credit_via === 'remote'));
  }

  async function run(request: SweepRequest): Promise<SweepOutcome> {
    if (running) throw new DomainError('sweep-running', { sweepId: running.progress.sweepId });
    const progress = { sweepId: 0, kind: request.kind, startedAt: nowIso(deps), done: 0, total: 0, failed: 0 };
    let finish: () => void = () => undefined;
    running = { progress, done: new Promise<void>((resolve) => { finish = resolve; }) };
    try {
      // Another process on this database (a headless `halldesk collect`, a second counter) may be sweeping.
      if (!(await acquireLease(deps, 'collection', SWEEP_LEASE_MS, holder))) throw new DomainError('sweep-running-elsewhere');
      try {
        const outcome = await runReserved(request, progress);
        if (hooks.afterSweep) await hooks.afterSweep(outcome.id);
        return outcome;
      } finally {
        await releaseLease(deps, 'collection', holder);
      }
    } finally {
      running = null;
      finish();
    }
  }

  async function runReserved(request: SweepRequest, progress: { -readonly [K in keyof SweepProgressView]: SweepProgressView[K] }): Promise<SweepOutcome> {
    if (request.busId !== undefined) {
      const bus = found(await findBus(deps.db, request.busId), 'bus');
      if (bus.active !== 1) throw new DomainError('bus-inactive', { code: bus.code });
    }
    const meters = await targets(request);
    if (meters.length === 0) throw new DomainError('nothing-to-read');
    const settings = await loadCollectionSettings(deps.db);
    const startedAt = nowIso(deps);
    const sweepId = await inTransaction(deps, (trx) => insertSweep(trx, {
      kind: request.kind, scheduled_for: request.scheduledFor?.toISOString() ?? null, started_at: startedAt,
      bus_id: request.busId ?? null, total: meters.length, user_id: request.actor?.userId ?? null,
    }));
    Object.assign(progress, { sweepId, startedAt, total: meters.length });
    await comm.ensureLoaded();
    const result = await sweep(meters.map((meter) => ({ busId: String(meter.bus_id), meter })), {
      exchangeOf: (busId) => comm.registry.get(busId).exchange,
      read: (exchange, meter) => readMeter(exchange, targetOf(meter)),
      now: () => deps.clock.now(),
      rereads: settings.rereads,
      onProgress: (p: SweepProgress) => { progress.done = p.done; progress.failed = p.failed; },
    });
    return inTransaction(deps, async (trx) => {
      for (const r of result.results) {
        const base = { meter_id: r.meter.id, sweep_id: sweepId, read_at: r.at.toISOString(), attempts: r.attempts };
        if (r.ok) {
          const v = r.reading;
          await insertReading(trx, {
            ...base, total: v.total, remaining: v.remaining, overdraft: v.overdraft, purchase_count: v.purchaseCount, relay: v.relay, valve: v.valve,
            flags: JSON.stringify(v.flags), quality: 'good', error_code: null, error_message: null, periods: periodsJson(v.extra),
          });
        } else {
          await insertReading(trx, {
            ...base, total: null, remaining: null, overdraft: null, purchase_count: null, relay: null, valve: null, flags: '[]',
            quality: 'failed', error_code: r.error.code, error_message: r.error.message.slice(0, 500),
          });
        }
      }
      const ok = result.results.filter((r) => r.ok).length;
      const failedIds = result.results.filter((r) => !r.ok).map((r) => r.meter.id);
      await finishSweep(trx, sweepId, { finished_at: nowIso(deps), ok, failed: failedIds.length });
      const row = found(await findSweep(trx, sweepId), 'sweep');
      await appendAudit(trx, {
        at: nowIso(deps), userId: request.actor?.userId ?? null, action: `readings.sweep-${request.kind}`, entity: 'read_sweep', entityId: sweepId,
        after: { ...sweepView(row), failedMeterIds: failedIds, ms: Math.round(result.ms) },
      });
      return { ...sweepView(row), failedMeterIds: failedIds };
    });
  }

  async function board(): Promise<ReadingBoardView> {
    const settings = await loadCollectionSettings(deps.db);
    const now = deps.clock.now();
    const staleMs = 2 * settings.intervalMinutes * 60_000;
    const buses = await listBuses(deps.db);
    const meters = await commMeters(deps.db);
    const facts = await boardFacts(deps.db);
    const boardBuses: BoardBusView[] = buses.map((bus) => {
      const rows: BoardMeterView[] = meters.filter((m) => m.bus_id === Number(bus.id)).map((m) => {
        const f = facts.get(m.id);
        const lastGoodAt = f?.lastGoodAt ?? null;
        const failed = f?.lastFailed ?? null;
        return {
          meterId: m.id, meterNo: m.meter_no, accountId: Number(m.account_id), address: m.comm_address, protocol: m.protocol as MeterProtocolCode,
          lastGoodAt, lastAttemptAt: f?.last?.read_at ?? null, missed: f?.last?.quality === 'failed',
          stale: lastGoodAt === null || now.getTime() - Date.parse(lastGoodAt) > staleMs,
          lastError: failed ? { code: failed.error_code ?? 'internal', message: failed.error_message ?? '', at: failed.read_at } : null,
        };
      });
      const missed = rows.filter((r) => r.missed).length;
      return {
        busId: Number(bus.id), code: bus.code, name: bus.name, kind: bus.kind as BusKind, endpoint: bus.endpoint, active: bus.active === 1,
        meters: rows, missed, stale: rows.filter((r) => r.stale).length, unreachable: rows.length > 0 && missed === rows.length,
      };
    });
    const latest = await latestSweep(deps.db);
    const scheduled = await latestSweep(deps.db, 'scheduled');
    const live = running?.progress ?? null;
    return {
      at: now.toISOString(), intervalMinutes: settings.intervalMinutes,
      latestSweep: latest ? sweepView(latest) : null, latestScheduledSweep: scheduled ? sweepView(scheduled) : null,
      running: live && live.sweepId > 0 ? { ...live } : null,
      buses: boardBuses,
    };
  }

  async function ofMeter(meterId: number, limit = 50): Promise<MeterReadingsView> {
    found(await findMeter(deps.db, meterId), 'meter');
    const readings = (await readingsOfMeter(deps.db, meterId, limit)).map(readingView);
    return { meterId, readings, monthly: monthlyConsumption(await goodTotalsOfMeter(deps.db, meterId)) };
  }

  return {
    run,
    /** readings.sweep: a manual sweep now, by a supervisor or an admin. */
    manual: async (actor: Actor, busId?: number): Promise<SweepView> => {
      const { failedMeterIds: _ignored, ...view } = await run({ kind: 'manual', actor, ...(busId !== undefined ? { busId } : {}) });
      return view;
    },
    board,
    ofMeter,
    settings: () => loadCollectionSettings(deps.db),
    /** collection.setSettings: the scheduler reads them before planning each slot, so the next slot follows them. */
    setSettings: (actor: Actor, next: CollectionSettings): Promise<CollectionSettings> => inTransaction(deps, async (trx) => {
      const before = await loadCollectionSettings(trx);
      const after = { intervalMinutes: next.intervalMinutes, rereads: next.rereads, rereadAfterMinutes: next.rereadAfterMinutes };
      await setSetting(trx, COLLECTION_SETTING, JSON.stringify(after));
      await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'collection.settings', entity: 'setting', entityId: COLLECTION_SETTING, before, after });
      return after;
    }),
    isRunning: () => running !== null,
    /** Waits for the running sweep (if any) to end, whatever its outcome. */
    async idle(): Promise<void> {
      if (running) await running.done;
    },
  };
}

export type CollectionService = ReturnType<typeof createCollectionService>;
