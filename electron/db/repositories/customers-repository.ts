import { PREFIX_HIGH } from './db';
import type { Db } from './db';

export interface NewCustomer {
  customerNo: string; name: string; phone: string | null; idNumber: string | null; category: string; at: string;
}

export async function insertCustomer(db: Db, c: NewCustomer): Promise<number> {
  const row = await db.insertInto('customers').values({
    customer_no: c.customerNo, name: c.name, phone: c.phone, id_number: c.idNumber, category: c.category, created_at: c.at,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findCustomer(db: Db, id: number) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Finds or creates the premises row for an address; returns its id. */
export async function upsertPremises(db: Db, p: { area: string; building: string; unit: string; room: string }): Promise<number> {
  const existing = await db.selectFrom('premises').select('id')
    .where('area', '=', p.area).where('building', '=', p.building).where('unit', '=', p.unit).where('room', '=', p.room)
    .executeTakeFirst();
  if (existing) return Number(existing.id);
  const row = await db.insertInto('premises')
    .values({ ...p, room_key: `${p.building}-${p.unit}-${p.room}` }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** The next number in a "<prefix><zero-padded n>" series (customer and account numbers). */
export async function nextNumber(db: Db, table: 'customers' | 'accounts', prefix: string): Promise<string> {
  const column = table === 'customers' ? 'customer_no' : 'account_no';
  const row = await db.selectFrom(table).select(column).where(column, '>=', prefix).where(column, '<', prefix + PREFIX_HIGH)
    .orderBy(column, 'desc').limit(1).executeTakeFirst() as Record<string, string> | undefined;
  const last = row ? Number(row[column]!.slice(prefix.length)) : 0;
  return `${prefix}${String(last + 1).padStart(8, '0')}`;
}

export type SearchField = 'meter' | 'card' | 'phone' | 'name' | 'room' | 'customer' | 'account';

function hitQuery(db: Db) {
  return db.selectFrom('accounts')
    .innerJoin('customers', 'customers.id', 'accounts.customer_id')
    .innerJoin('premises', 'premises.id', 'accounts.premises_id')
    .select([
      'customers.id as customerId', 'customers.customer_no as customerNo', 'customers.name as name', 'customers.phone as phone',
      'accounts.id as accountId', 'accounts.account_no as accountNo', 'accounts.status as accountStatus',
      'premises.room_key as roomKey', 'premises.area as area',
    ]);
}

/**
 * One indexed prefix search per field (a range scan, the same on SQLite and PostgreSQL); the service
 * merges them. Each answers at most `limit` rows, open accounts first.
 */
export async function searchBy(db: Db, field: SearchField, prefix: string, limit: number) {
  const high = prefix + PREFIX_HIGH;
  if (field === 'meter' || field === 'card') {
    const column = field === 'meter' ? 'meters.meter_no' : 'meters.card_no';
    return hitQuery(db).innerJoin('meters', 'meters.account_id', 'accounts.id').select('meters.meter_no as meterNo')
      .where(column, '>=', prefix).where(column, '<', high).orderBy(column).limit(limit).execute();
  }
  const column = {
    phone: 'customers.phone', name: 'customers.name', room: 'premises.room_key',
    customer: 'customers.customer_no', account: 'accounts.account_no',
  }[field] as 'customers.phone' | 'customers.name' | 'premises.room_key' | 'customers.customer_no' | 'accounts.account_no';
  const rows = await hitQuery(db).where(column, '>=', prefix).where(column, '<', high).orderBy(column).limit(limit).execute();
  return rows.map((row) => ({ ...row, meterNo: null as string | null }));
}
