/**
 * Bank deposits: holiday cash obligations (due the next bank working day, overdue after it) and cash
 * drops are banked under one deposit slip whose amount must equal what is selected; each item is
 * deposited once (unique keys in deposit_items). The deposit's ledger lines move the money to the bank.
 */
import { DomainError } from '../domain/errors';
import { planDeposit } from '../domain/sales/ledger-plan';
import { businessDate } from '../domain/time/business-time';
import { fen, formatYuan } from '../../shared/money';
import { appendAudit } from '../db/repositories/audit-repository';
import {
  dropsByIds, findDepositBySlip, insertDeposit, insertDepositItems, listDeposits, obligationsByIds, openObligations, undepositedDrops,
} from '../db/repositories/deposits-repository';
import { advisoryXactLock } from '../db/repositories/locks';
import type { ObligationRow } from '../db/repositories/deposits-repository';
import { appendLedger } from '../db/repositories/ledger-repository';
import { bankKey } from '../db/repositories/vouchers-repository';
import type { Db } from '../db/repositories/db';
import { dropView } from './cash-service';
import { inTransaction } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { ContractInput } from '../../shared/contract/methods';
import type { DepositView, ObligationView, PendingDepositsView } from '../../shared/contract/money-views';

export function obligationView(row: ObligationRow, today: string): ObligationView {
  const depositId = row.deposit_id === null ? null : Number(row.deposit_id);
  const state = depositId !== null ? 'deposited' : Number(row.reversed) ? 'reversed' : row.due_date < today ? 'overdue' : 'pending';
  return {
    id: Number(row.id), saleId: Number(row.sale_id), receiptNo: row.receipt_no, accountId: Number(row.account_id), accountNo: row.account_no,
    customerName: row.customer_name, clerkId: Number(row.clerk_id), clerkName: row.clerk_name, shiftId: Number(row.shift_id),
    amount: Number(row.amount_fen), businessDate: row.business_date, dueDate: row.due_date, state, depositId,
  };
}

export async function pendingDeposits(db: Db, today: string): Promise<PendingDepositsView> {
  const obligations = (await openObligations(db)).map((o) => obligationView(o, today));
  const drops = (await undepositedDrops(db)).map(dropView);
  const overdue = obligations.filter((o) => o.state === 'overdue');
  return {
    today, obligations, drops, overdueCount: overdue.length, overdueAmount: overdue.reduce((s, o) => s + o.amount, 0),
    pendingAmount: obligations.reduce((s, o) => s + o.amount, 0) + drops.reduce((s, d) => s + d.amount, 0),
  };
}

async function depositViews(db: Db, f: Parameters<typeof listDeposits>[1]): Promise<DepositView[]> {
  const { deposits, items } = await listDeposits(db, f);
  return deposits.map((d) => {
    const mine = items.filter((i) => Number(i.deposit_id) === Number(d.id));
    return {
      id: Number(d.id), bank: d.bank, slipRef: d.slip_ref, amount: Number(d.amount_fen), depositDate: d.deposit_date, recordedBy: Number(d.recorded_by),
      recordedByName: d.recorded_by_name, at: d.created_at,
      obligationIds: mine.filter((i) => i.obligation_id !== null).map((i) => Number(i.obligation_id)),
      dropIds: mine.filter((i) => i.drop_id !== null).map((i) => Number(i.drop_id)),
    };
  });
}

/** The selected items, each still waiting to be banked, and their total. */
async function selectedItems(db: Db, selection: ContractInput<'deposits.record'>) {
  // An id listed twice is the same item: it is banked once and counted once.
  const input = { obligationIds: [...new Set(selection.obligationIds)], dropIds: [...new Set(selection.dropIds)] };
  const obligations = await obligationsByIds(db, input.obligationIds);
  const drops = await dropsByIds(db, input.dropIds);
  for (const id of input.obligationIds) {
    const o = obligations.find((row) => Number(row.id) === id);
    if (!o || o.deposit_id !== null || Number(o.reversed)) throw new DomainError('deposit-item-unavailable', { id });
  }
  for (const id of input.dropIds) {
    const d = drops.find((row) => Number(row.id) === id);
    if (!d || d.deposit_id !== null) throw new DomainError('deposit-item-unavailable', { id });
  }
  const total = obligations.reduce((s, o) => s + Number(o.amount_fen), 0) + drops.reduce((s, d) => s + Number(d.amount_fen), 0);
  return { obligations, drops, total };
}

export function createDepositsService(deps: ServiceDeps) {
  async function record(actor: Actor, input: ContractInput<'deposits.record'>): Promise<DepositView> {
    return inTransaction(deps, async (trx) => {
      const now = deps.clock.now();
      if (input.depositDate > businessDate(now)) throw new DomainError('deposit-date-future', { date: input.depositDate });
      // The slip and the items are checked free, then taken: deposits are recorded one at a time across counters,
      // so the same holiday cash or drop is never banked twice (rare enough to serialize them all).
      await advisoryXactLock(trx, 'deposits.record');
      if (await findDepositBySlip(trx, bankKey(input.bank), bankKey(input.slipRef))) throw new DomainError('deposit-slip-duplicate', { bank: input.bank, slipRef: input.slipRef });
      const { obligations, drops, total } = await selectedItems(trx, input);
      if (total !== input.amount) throw new DomainError('deposit-amount-mismatch', { amount: formatYuan(fen(input.amount)), expected: formatYuan(fen(total)) });
      const at = now.toISOString();
      const id = await insertDeposit(trx, {
        bank: input.bank, bankKey: bankKey(input.bank), slipRef: input.slipRef, slipKey: bankKey(input.slipRef), amount: input.amount,
        depositDate: input.depositDate, recordedBy: actor.userId, at,
      });
      await insertDepositItems(trx, id, [
        ...obligations.map((o) => ({ obligationId: Number(o.id), dropId: null, amount: Number(o.amount_fen) })),
        ...drops.map((d) => ({ obligationId: null, dropId: Number(d.id), amount: Number(d.amount_fen) })),
      ]);
      const lines = planDeposit(obligations.map((o) => ({ shiftId: Number(o.shift_id), amount: fen(Number(o.amount_fen)) })), drops.map((d) => fen(Number(d.amount_fen))));
      await appendLedger(trx, `DEP-${id}`, lines, { saleId: null, accountId: null, shiftId: null, at });
      const [view] = await depositViews(trx, { ids: [id], limit: 1 });
      await appendAudit(trx, { at, userId: actor.userId, action: 'deposit.record', entity: 'deposit', entityId: id, after: view });
      return view!;
    });
  }

  return {
    record,
    pending: (): Promise<PendingDepositsView> => pendingDeposits(deps.db, businessDate(deps.clock.now())),
    list: (input: ContractInput<'deposits.list'>): Promise<DepositView[]> => depositViews(deps.db, { from: input.from, to: input.to, limit: input.limit ?? 100 }),
  };
}
