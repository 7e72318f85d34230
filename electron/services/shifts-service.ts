import { DomainError } from '../domain/errors';
import { countedTotal, reconcileShift, unknownDenominations } from '../domain/shifts/shift';
import { fen } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import { shiftCashMovements } from '../db/repositories/ledger-repository';
import { drawerBreakdown } from '../db/repositories/deposits-repository';
import { closeShiftRow, findShift, insertShift, lockOpenShiftShared, openShiftOf, shiftSalesSummary } from '../db/repositories/shifts-repository';
import { advisoryXactLock, lockRowsForUpdate } from '../db/repositories/locks';
import { findUser } from '../db/repositories/users-repository';
import type { Db } from '../db/repositories/db';
import { found, inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { ShiftReport, ShiftView } from '../../shared/contract/views';
import type { Utility } from '../../shared/vocabulary';

type ShiftRow = NonNullable<Awaited<ReturnType<typeof findShift>>>;

function shiftView(row: ShiftRow): ShiftView {
  const nullable = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: Number(row.id), clerkId: Number(row.clerk_id), counterCode: row.counter_code, status: row.status as 'open' | 'closed',
    openedAt: row.opened_at, float: Number(row.float_fen), closedAt: row.closed_at, expected: nullable(row.expected_fen),
    counted: nullable(row.counted_fen), shortOver: nullable(row.short_over_fen),
    denominations: row.denominations === null ? null : (JSON.parse(row.denominations) as Record<string, number>),
  };
}

/**
 * The open shift of the acting clerk at this counter, or `no-open-shift`: every cash movement belongs to a
 * shift. A shift belongs to the counter it was opened at (its drawer is there): selling at another counter
 * while it is open is refused, naming that counter. The shift is locked against its close until the caller's
 * transaction ends, so a close never reconciles a drawer while a sale is being written into it.
 */
export async function requireOpenShift(db: Db, actor: Actor, counterCode: string): Promise<ShiftRow> {
  const shift = await openShiftHere(db, actor, counterCode);
  if (!await lockOpenShiftShared(db, Number(shift.id))) throw new DomainError('no-open-shift');
  return shift;
}

async function openShiftHere(db: Db, actor: Actor, counterCode: string): Promise<ShiftRow> {
  const shift = await openShiftOf(db, actor.userId);
  if (!shift) throw new DomainError('no-open-shift');
  if (shift.counter_code !== counterCode) throw new DomainError('shift-open-elsewhere', { counter: shift.counter_code });
  return shift;
}

export async function shiftReport(db: Db, shiftId: number): Promise<ShiftReport> {
  const row = found(await findShift(db, shiftId), 'shift');
  const clerk = found(await findUser(db, Number(row.clerk_id)), 'user');
  const summary = await shiftSalesSummary(db, shiftId);
  const cashIn = await shiftCashMovements(db, shiftId);
  const drawer = await drawerBreakdown(db, shiftId);
  const byUtility = summary.byUtility.map((u) => ({ utility: u.utility as Utility, count: Number(u.count), amount: Number(u.amount), units: Number(u.units) }));
  return {
    shift: shiftView(row), clerkName: clerk.display_name,
    saleCount: byUtility.reduce((n, u) => n + u.count, 0), salesTotal: byUtility.reduce((n, u) => n + u.amount, 0),
    refundsTotal: drawer.refunds, dropsTotal: drawer.drops, depositsTotal: drawer.deposits, cashIn, expectedCash: Number(row.float_fen) + cashIn,
    byUtility, firstReceipt: summary.first, lastReceipt: summary.last,
  };
}

export function createShiftsService(deps: ServiceDeps) {
  return {
    async open(actor: Actor, float: number): Promise<ShiftView> {
      return inTransaction(deps, async (trx) => {
        // Two counters opening a shift for one clerk at once: the second waits here, then sees the first's.
        await advisoryXactLock(trx, `shift-of-clerk:${actor.userId}`);
        const open = await openShiftOf(trx, actor.userId);
        if (open && open.counter_code !== deps.counterCode) throw new DomainError('shift-open-elsewhere', { counter: open.counter_code });
        if (open) throw new DomainError('shift-already-open');
        const id = await insertShift(trx, { clerkId: actor.userId, counterCode: deps.counterCode, float, at: nowIso(deps) });
        const view = shiftView(found(await findShift(trx, id), 'shift'));
        await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'shift.open', entity: 'shift', entityId: id, after: view });
        return view;
      });
    },

    async current(actor: Actor): Promise<ShiftView | null> {
      const row = await openShiftOf(deps.db, actor.userId);
      return row ? shiftView(row) : null;
    },

    /**
     * 交班: the drawer counted by denomination; the difference is recorded as short/over, never forced to match.
     * At any counter: a clerk whose workstation died carries the drawer to another one and closes there (the
     * audit record names both counters); only selling is tied to the shift's own counter.
     */
    async close(actor: Actor, counted: Record<string, number>, note: string | null): Promise<ShiftReport> {
      const unknown = unknownDenominations(counted);
      if (unknown.length > 0) throw new DomainError('unknown-denomination', { values: unknown.join(', ') });
      return inTransaction(deps, async (trx) => {
        const open = await openShiftOf(trx, actor.userId);
        if (!open) throw new DomainError('no-open-shift');
        // The row lock waits for the sales and cash movements in flight (they hold it FOR SHARE), then re-reads.
        await lockRowsForUpdate(trx, 'shifts', [Number(open.id)]);
        const shift = found(await findShift(trx, Number(open.id)), 'shift');
        if (shift.status !== 'open') throw new DomainError('no-open-shift');
        const before = shiftView(shift);
        const result = reconcileShift(fen(Number(shift.float_fen)), fen(await shiftCashMovements(trx, Number(shift.id))), countedTotal(counted));
        await closeShiftRow(trx, Number(shift.id), {
          at: nowIso(deps), expected: result.expected, counted: result.counted, shortOver: result.shortOver,
          denominations: JSON.stringify(counted), note,
        });
        const report = await shiftReport(trx, Number(shift.id));
        await appendAudit(trx, {
          at: nowIso(deps), userId: actor.userId, action: 'shift.close', entity: 'shift', entityId: Number(shift.id), before,
          after: { ...report.shift, closedAtCounter: deps.counterCode },
        });
        return report;
      });
    },

    /** A clerk sees their own shifts; supervisors and admins see every shift. */
    async report(actor: Actor, shiftId: number): Promise<ShiftReport> {
      const report = await shiftReport(deps.db, shiftId);
      if (actor.role === 'clerk' && report.shift.clerkId !== actor.userId) throw new DomainError('shift-not-yours');
      return report;
    },
  };
}
