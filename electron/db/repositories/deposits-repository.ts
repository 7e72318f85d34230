import { sql } from 'kysely';
import type { Db } from './db';
import type { DepositObligationTable } from '../schema-money';

export interface ObligationRow {
  id: number; sale_id: number; receipt_no: string; account_id: number; account_no: string; customer_name: string;
  clerk_id: number; clerk_name: string; shift_id: number; amount_fen: number; business_date: string; due_date: string;
  deposit_id: number | null; reversed: number;
}

function obligationQuery(db: Db) {
  return db.selectFrom('deposit_obligations as o')
    .innerJoin('sales as s', 's.id', 'o.sale_id')
    .innerJoin('accounts as a', 'a.id', 'o.account_id')
    .innerJoin('customers as c', 'c.id', 'a.customer_id')
    .innerJoin('users as u', 'u.id', 'o.clerk_id')
    .leftJoin('deposit_items as di', 'di.obligation_id', 'o.id')
    .select(['o.id', 'o.sale_id', 's.receipt_no', 'o.account_id', 'a.account_no', 'c.name as customer_name', 'o.clerk_id',
      'u.display_name as clerk_name', 'o.shift_id', 'o.amount_fen', 'o.business_date', 'o.due_date', 'di.deposit_id'])
    .select((eb) => eb.exists(eb.selectFrom('sale_reversals as r').select('r.id').whereRef('r.sale_id', '=', 'o.sale_id')).as('reversed'));
}

/** Not deposited and not reversed: the cash is still to be banked. */
function openOnly<Q extends ReturnType<typeof obligationQuery>>(q: Q): Q {
  return q.where('di.deposit_id', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sale_reversals as r2').select('r2.id').whereRef('r2.sale_id', '=', 'o.sale_id')))) as Q;
}

export async function insertObligation(db: Db, o: Omit<DepositObligationTable, 'id'>): Promise<number> {
  const row = await db.insertInto('deposit_obligations').values(o).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function openObligations(db: Db): Promise<ObligationRow[]> {
  return openOnly(obligationQuery(db)).orderBy('o.due_date').orderBy('o.id').execute() as Promise<ObligationRow[]>;
}

export async function obligationsByIds(db: Db, ids: readonly number[]): Promise<ObligationRow[]> {
  if (ids.length === 0) return [];
  return obligationQuery(db).where('o.id', 'in', [...ids]).execute() as Promise<ObligationRow[]>;
}

export async function obligationOfSale(db: Db, saleId: number) {
  return db.selectFrom('deposit_obligations').selectAll().where('sale_id', '=', saleId).executeTakeFirst();
}

/** Open obligations of one clerk due before `today`: overdue. */
export async function overdueCountOfClerk(db: Db, clerkId: number, today: string): Promise<number> {
  const rows = await openOnly(obligationQuery(db)).where('o.clerk_id', '=', clerkId).where('o.due_date', '<', today).execute();
  return rows.length;
}

/** Holiday cash of one shift still to be banked: it stays in the drawer until its deposit takes it from there. */
export async function heldHolidayCashOfShift(db: Db, shiftId: number): Promise<number> {
  const rows = await openOnly(obligationQuery(db)).where('o.shift_id', '=', shiftId).execute();
  return rows.reduce((sum, row) => sum + Number(row.amount_fen), 0);
}

/** Holiday cash one account paid in one holiday period, reversed sales excluded. */
export async function holidayCashOfAccount(db: Db, accountId: number, holidayStart: string): Promise<number> {
  const row = await db.selectFrom('deposit_obligations as o').select((eb) => eb.fn.sum<number>('o.amount_fen').as('total'))
    .where('o.account_id', '=', accountId).where('o.holiday_start', '=', holidayStart)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sale_reversals as r').select('r.id').whereRef('r.sale_id', '=', 'o.sale_id'))))
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export interface DropRow {
  id: number; shift_id: number; clerk_id: number; clerk_name: string; received_by: number; received_by_name: string;
  amount_fen: number; created_at: string; deposit_id: number | null;
}

function dropQuery(db: Db) {
  return db.selectFrom('cash_drops as d').innerJoin('users as c', 'c.id', 'd.clerk_id').innerJoin('users as r', 'r.id', 'd.received_by')
    .leftJoin('deposit_items as di', 'di.drop_id', 'd.id')
    .select(['d.id', 'd.shift_id', 'd.clerk_id', 'c.display_name as clerk_name', 'd.received_by', 'r.display_name as received_by_name',
      'd.amount_fen', 'd.created_at', 'di.deposit_id']);
}

export async function insertDrop(db: Db, d: { shiftId: number; clerkId: number; receivedBy: number; amount: number; note: string | null; at: string }): Promise<number> {
  const row = await db.insertInto('cash_drops').values({
    shift_id: d.shiftId, clerk_id: d.clerkId, received_by: d.receivedBy, amount_fen: d.amount, note: d.note, created_at: d.at,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findDrop(db: Db, id: number): Promise<DropRow | undefined> {
  return dropQuery(db).where('d.id', '=', id).executeTakeFirst() as Promise<DropRow | undefined>;
}

export async function undepositedDrops(db: Db): Promise<DropRow[]> {
  return dropQuery(db).where('di.deposit_id', 'is', null).orderBy('d.id').execute() as Promise<DropRow[]>;
}

export async function dropsByIds(db: Db, ids: readonly number[]): Promise<DropRow[]> {
  if (ids.length === 0) return [];
  return dropQuery(db).where('d.id', 'in', [...ids]).execute() as Promise<DropRow[]>;
}

export async function insertDeposit(db: Db, d: { bank: string; bankKey: string; slipRef: string; slipKey: string; amount: number; depositDate: string; recordedBy: number; at: string }): Promise<number> {
  const row = await db.insertInto('bank_deposits').values({
    bank: d.bank, bank_key: d.bankKey, slip_ref: d.slipRef, slip_key: d.slipKey, amount_fen: d.amount, deposit_date: d.depositDate,
    recorded_by: d.recordedBy, created_at: d.at,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function insertDepositItems(db: Db, depositId: number, items: readonly { obligationId: number | null; dropId: number | null; amount: number }[]): Promise<void> {
  await db.insertInto('deposit_items').values(items.map((i) => ({ deposit_id: depositId, obligation_id: i.obligationId, drop_id: i.dropId, amount_fen: i.amount }))).execute();
}

export async function findDepositBySlip(db: Db, bankKey: string, slipKey: string) {
  return db.selectFrom('bank_deposits').select('id').where('bank_key', '=', bankKey).where('slip_key', '=', slipKey).executeTakeFirst();
}

export async function listDeposits(db: Db, f: { from?: string; to?: string; ids?: readonly number[]; limit: number }) {
  let q = db.selectFrom('bank_deposits as b').innerJoin('users as u', 'u.id', 'b.recorded_by').selectAll('b').select('u.display_name as recorded_by_name');
  if (f.from) q = q.where('b.deposit_date', '>=', f.from);
  if (f.to) q = q.where('b.deposit_date', '<=', f.to);
  if (f.ids) q = q.where('b.id', 'in', [...f.ids]);
  const deposits = await q.orderBy('b.id', 'desc').limit(f.limit).execute();
  const ids = deposits.map((d) => Number(d.id));
  const items = ids.length === 0 ? [] : await db.selectFrom('deposit_items').selectAll().where('deposit_id', 'in', ids).orderBy('id').execute();
  return { deposits, items };
}

/** The drawer of one shift by kind of movement: sales in, drops, deposits of its holiday cash, refunds (closing refunds and reversals). */
export async function drawerBreakdown(db: Db, shiftId: number) {
  const rows = await sql<{ kind: string; total: number }>`select case
      when sale_id is not null then 'taken'
      when txn_ref like 'DROP-%' then 'drops'
      when txn_ref like 'DEP-%' then 'deposits'
      else 'refunds' end as kind, sum(amount_fen) as total
    from ledger_entries where shift_id = ${shiftId} and book = 'cash' group by 1`.execute(db);
  const get = (kind: string) => Number(rows.rows.find((r) => r.kind === kind)?.total ?? 0);
  // Outflows are negative in the cash book; `0 - x` (not `-x`) so that none at all reads 0, not -0.
  return { taken: get('taken'), drops: 0 - get('drops'), deposits: 0 - get('deposits'), refunds: 0 - get('refunds') };
}
