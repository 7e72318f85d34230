// The audit log's hash chain: each record stores the hash of the record before it (prev_hash) and a
// hash of that link together with its own content (hash), so editing, deleting or slipping in a row
// breaks every later link that `db verify` recomputes. Plain JavaScript (types in audit-chain.d.mts)
// because the bulk writers' SQLite worker thread loads it without a TypeScript loader: the chain of a
// bulk write must be computed where entity_id (a generated id bound from a key) is finally known.
//
// The serialisation is a stored format: changing it breaks every existing chain. Never edit it; a new
// format would need a version marker and a migration.
import { createHash } from 'node:crypto';

/** The prev_hash of the first record. */
export const AUDIT_GENESIS = 'HALLDESK-AUDIT-GENESIS';

/** The hashed fields of a record, in the order they are serialised. */
export const CHAINED_FIELDS = ['at', 'user_id', 'action', 'entity', 'entity_id', 'before_json', 'after_json'];

/**
 * SHA-256 (hex) of the JSON array [prevHash, at, user_id, action, entity, entity_id, before_json,
 * after_json]. JSON quotes and escapes every string, so no two records serialise alike; user_id is a
 * number or null whichever driver read it (PostgreSQL returns bigint as text).
 */
export function auditHash(prevHash, record) {
  const userId = record.user_id === null || record.user_id === undefined ? null : Number(record.user_id);
  const text = JSON.stringify([prevHash, record.at, userId, record.action, record.entity, String(record.entity_id),
    record.before_json ?? null, record.after_json ?? null]);
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Fills prev_hash and hash of every row of a bulk INSERT's parameters (rows of `width` values, already
 * translated: ids bound), in row order, starting from `lastHash` (the latest stored hash, or null for an
 * empty log). `layout` gives each column's position within a row. Returns the last hash written.
 */
export function chainRows(parameters, width, layout, lastHash) {
  let prev = lastHash ?? AUDIT_GENESIS;
  for (let row = 0; row < parameters.length; row += width) {
    const record = {};
    for (const field of CHAINED_FIELDS) record[field] = parameters[row + layout[field]];
    const hash = auditHash(prev, record);
    parameters[row + layout.prev_hash] = prev;
    parameters[row + layout.hash] = hash;
    prev = hash;
  }
  return prev;
}

/** The query for the latest stored hash (the chain's head); the same SQL on SQLite and PostgreSQL. */
export const LATEST_HASH_SQL = 'select hash from audit_log order by id desc limit 1';
