/**
 * Reads that decide what a bulk write may do: which meter and card numbers, premises and open
 * accounts already exist. They run on the session's read connection before anything is written.
 * Many keys against a small table read the table once (one scan beats many lookups, e.g. a first
 * import into an empty database); otherwise the keys go `IN (...)` a chunk at a time. Premises are
 * found through the indexed room_key ("building-unit-room") and matched on the full address in
 * memory, because a composite IN is not portable.
 */
import type { Db } from '../db/repositories/db';

/** Keys per `IN (...)` lookup. */
export const LOOKUP_CHUNK = 500;
/** A table with at most this many rows per key looked up is read whole. */
export const SCAN_FACTOR = 4;

export interface Address {
  readonly area: string;
  readonly building: string;
  readonly unit: string;
  readonly room: string;
}

/** One string per address: the key the premises id map uses (joinKey of the four columns). */
export function addressKey(a: Address): string {
  return `${a.area}\u0000${a.building}\u0000${a.unit}\u0000${a.room}`;
}

export function roomKey(a: Address): string {
  return `${a.building}-${a.unit}-${a.room}`;
}

async function countRows(db: Db, table: 'meters' | 'premises' | 'accounts'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Chunks of keys to look up, or a single `null` chunk meaning "read the whole table". */
async function keyChunks(db: Db, table: 'meters' | 'premises' | 'accounts', keys: readonly string[]): Promise<(string[] | null)[]> {
  if (keys.length === 0) return [];
  if ((await countRows(db, table)) <= keys.length * SCAN_FACTOR) return [null];
  const chunks: string[][] = [];
  for (let start = 0; start < keys.length; start += LOOKUP_CHUNK) chunks.push(keys.slice(start, start + LOOKUP_CHUNK));
  return chunks;
}

/** Which of `keys` a unique meter column (meter or card number) already holds. */
export async function meterKeysInUse(db: Db, column: 'meter_no' | 'card_no', keys: readonly string[]): Promise<Set<string>> {
  const wanted = new Set(keys);
  const inUse = new Set<string>();
  for (const chunk of await keyChunks(db, 'meters', [...wanted])) {
    let query = db.selectFrom('meters').select(`${column} as key` as 'meter_no as key').where(column, 'is not', null);
    if (chunk) query = query.where(column, 'in', chunk);
    for (const row of await query.execute()) if (wanted.has(String(row.key))) inUse.add(String(row.key));
  }
  return inUse;
}

/** Address keys (of those given) that have a premises row. */
export async function existingAddresses(db: Db, addresses: readonly Address[]): Promise<Set<string>> {
  const wanted = new Set(addresses.map(addressKey));
  const found = new Set<string>();
  for (const chunk of await keyChunks(db, 'premises', [...new Set(addresses.map(roomKey))])) {
    let query = db.selectFrom('premises').select(['area', 'building', 'unit', 'room']);
    if (chunk) query = query.where('room_key', 'in', chunk);
    for (const row of await query.execute()) if (wanted.has(addressKey(row))) found.add(addressKey(row));
  }
  return found;
}

/** Address keys (of those given) whose premises has an open account: a second one may not be opened there. */
export async function occupiedAddresses(db: Db, addresses: readonly Address[]): Promise<Set<string>> {
  const wanted = new Set(addresses.map(addressKey));
  const occupied = new Set<string>();
  for (const chunk of await keyChunks(db, 'accounts', [...new Set(addresses.map(roomKey))])) {
    let query = db.selectFrom('premises').innerJoin('accounts', 'accounts.premises_id', 'premises.id')
      .select(['premises.area', 'premises.building', 'premises.unit', 'premises.room']).where('accounts.status', '=', 'open');
    if (chunk) query = query.where('premises.room_key', 'in', chunk);
    for (const row of await query.execute()) if (wanted.has(addressKey(row))) occupied.add(addressKey(row));
  }
  return occupied;
}
