/**
 * The clerk's drawer: what it should hold, its limit, and cash drops to a supervisor, who authenticates
 * at the counter to receive the money (the drop is recorded under both names).
 */
import { DomainError } from '../domain/errors';
import { drawerExpected } from '../domain/money/rules';
import { planDrop } from '../domain/sales/ledger-plan';
import { businessDate } from '../domain/time/business-time';
import { fen, formatYuan } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import { drawerBreakdown, findDrop, heldHolidayCashOfShift, insertDrop, overdueCountOfClerk } from '../db/repositories/deposits-repository';
import type { DropRow } from '../db/repositories/deposits-repository';
import { appendLedger } from '../db/repositories/ledger-repository';
import type { Db } from '../db/repositories/db';
import { loadMoneyRules } from './money-rules-service';
import { requireOpenShift } from './shifts-service';
import { openShiftOf } from '../db/repositories/shifts-repository';
import { lockRowsForUpdate } from '../db/repositories/locks';
import { found, inTransaction } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { ContractInput } from '../../shared/contract/methods';
import type { CashDropView, DrawerView } from '../../shared/contract/money-views';

export function dropView(row: DropRow): CashDropView {
  return {
    id: Number(row.id), shiftId: Number(row.shift_id), clerkId: Number(row.clerk_id), clerkName: row.clerk_name, receivedBy: Number(row.received_by),
    receivedByName: row.received_by_name, amount: Number(row.amount_fen), at: row.created_at, depositId: row.deposit_id === null ? null : Number(row.deposit_id),
  };
}

export async function drawerOf(db: Db, actor: Actor, today: string, counterCode: string): Promise<DrawerView> {
  const shift = await requireOpenShift(db, actor, counterCode);
  const rules = await loadMoneyRules(db);
  const b = await drawerBreakdown(db, Number(shift.id));
  const expected = drawerExpected(Number(shift.float_fen), b.taken - b.drops - b.deposits - b.refunds);
  const overdue = await overdueCountOfClerk(db, actor.userId, today);
  return {
    shiftId: Number(shift.id), float: Number(shift.float_fen), cashTaken: b.taken, drops: b.drops, deposits: b.deposits, refunds: b.refunds,
    expected, limit: rules.drawerLimit, limitReached: expected >= rules.drawerLimit, overdueObligations: overdue,
    holidayCashBlocked: rules.blockHolidayCashWhenOverdue && overdue > 0,
  };
}

export function createCashService(deps: ServiceDeps, verifyPresent: (username: string, password: string) => Promise<Actor>) {
  async function drop(actor: Actor, input: ContractInput<'cash.drop'>): Promise<CashDropView> {
    const receiver = await verifyPresent(input.receiver.username, input.receiver.password);
    if (receiver.role !== 'supervisor') throw new DomainError('approval-not-supervisor');
    if (receiver.userId === actor.userId) throw new DomainError('approval-self');
    return inTransaction(deps, async (trx) => {
      const now = deps.clock.now();
      // Two drops from one drawer at once must not both pass the check below: the second waits for the first.
      const open = await openShiftOf(trx, actor.userId);
      if (open) await lockRowsForUpdate(trx, 'shifts', [Number(open.id)]);
      const drawer = await drawerOf(trx, actor, businessDate(now), deps.counterCode);
      // Holiday cash is banked from the drawer by its deposit (deposits-service), so it is never dropped to the safe:
      // dropping it too would take the same notes out of the drawer twice.
      const available = drawer.expected - await heldHolidayCashOfShift(trx, drawer.shiftId);
      if (input.amount > available) throw new DomainError('drop-exceeds-drawer', { expected: formatYuan(fen(Math.max(0, available))) });
      const at = now.toISOString();
      const id = await insertDrop(trx, { shiftId: drawer.shiftId, clerkId: actor.userId, receivedBy: receiver.userId, amount: input.amount, note: input.note ?? null, at });
      await appendLedger(trx, `DROP-${id}`, planDrop(fen(input.amount)), { saleId: null, accountId: null, shiftId: drawer.shiftId, at });
      const view = dropView(found(await findDrop(trx, id), 'cash drop'));
      await appendAudit(trx, { at, userId: actor.userId, action: 'cash.drop', entity: 'cash-drop', entityId: id, after: view });
      return view;
    });
  }

  return {
    drop,
    drawer: (actor: Actor): Promise<DrawerView> => drawerOf(deps.db, actor, businessDate(deps.clock.now()), deps.counterCode),
  };
}
