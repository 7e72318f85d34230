/**
 * Dialect-neutral bulk writes for imports and the demo seed. Per-row Kysely inserts build and compile
 * a query tree for every row, which caps a year of sales at a few thousand rows a second; here each
 * chunk is one multi-row INSERT (valid SQL on SQLite and PostgreSQL alike), and the SQL text of a
 * chunk shape is compiled by Kysely once and reused with fresh parameters, so the dialect's own
 * compiler still decides quoting and placeholders ($1 on PostgreSQL, ? on SQLite).
 *
 * Generated ids are never taken from RETURNING order (not guaranteed for multi-row inserts): after
 * a table's rows are inserted, `remember` reads their ids back with their unique key (customer_no,
 * account_no, the premises address, receipt_no), and later rows refer to them by that key, which the
 * session swaps for the id when it binds the statement. So the caller never waits for generated ids
 * (a SQL subquery per reference did the same and doubled SQLite's work).
 */
import type { CompiledQuery, Kysely } from 'kysely';
import { CHAINED_FIELDS } from '../db/audit-chain.mjs';
import type { ChainLayout } from '../db/audit-chain.mjs';
import type { Database } from '../db/schema';
import type { BulkSession } from './sql-session';

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER (PostgreSQL allows 65,535): a chunk never binds more. */
export const MAX_BOUND_PARAMETERS = 32_766;
/** Rows per INSERT unless the parameter bound is lower. */
export const DEFAULT_CHUNK_ROWS = 500;

export type TableName = keyof Database & string;
export type KeyedTable = 'customers' | 'premises' | 'accounts' | 'meters' | 'sales' | 'shifts' | 'tariff_versions' | 'users';

/**
 * A column is written plainly, or as a reference: the row carries the referenced row's unique key
 * (a customer number, an address joined by joinKey) and the session binds the id that key names,
 * from the id map `ref` that `remember` filled after the referenced rows were inserted.
 */
export type ColumnSpec = string | { readonly column: string; readonly ref: string; readonly text?: boolean };

/** One row: its values in column order (a reference column holds the key). */
export type RowValues = readonly unknown[];

/** Rows per INSERT for a row width: the chunk size, lowered to stay under the parameter bound. */
export function chunkRows(rowWidth: number, wanted: number = DEFAULT_CHUNK_ROWS): number {
  return Math.max(1, Math.min(wanted, Math.floor(MAX_BOUND_PARAMETERS / rowWidth)));
}

// Templates are built for whatever table and columns the caller names; the caller's specs are the
// typed surface, so the builder here works untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Untyped = Kysely<any>;

const columnName = (spec: ColumnSpec): string => (typeof spec === 'string' ? spec : spec.column);

export class BulkWriter {
  private readonly templates = new Map<string, CompiledQuery>();

  constructor(readonly session: BulkSession, private readonly chunk: number = DEFAULT_CHUNK_ROWS) {}

  /**
   * Inserts every row, in chunks, in the session's transaction. Values must not be undefined.
   * audit_log rows are chained (audit-chain.mjs): the session fills prev_hash and hash once their
   * entity_id is bound, in row order, and rows get ids in that order (one connection, chunks in order,
   * SQLite numbering a multi-row INSERT's rows as listed), so the chain follows id order. PostgreSQL
   * does not promise VALUES order for a serial: its bulk path must check that (issue 8); verify would tell.
   */
  async insert(table: TableName, specs: readonly ColumnSpec[], rows: readonly RowValues[]): Promise<void> {
    const chained = table === 'audit_log';
    const allSpecs = chained ? [...specs, 'prev_hash', 'hash'] : specs;
    const allRows = chained ? rows.map((row) => [...row, '', '']) : rows;
    const width = allSpecs.length;
    const size = chunkRows(width, this.chunk);
    const refs = allSpecs.flatMap((spec, offset) => (typeof spec === 'string' ? [] : [{ offset, map: spec.ref, text: spec.text === true }]));
    const chain = chained ? chainLayout(allSpecs) : undefined;
    for (let start = 0; start < allRows.length; start += size) {
      const part = allRows.slice(start, start + size);
      const template = this.template(table, allSpecs, part);
      await this.session.run({ sql: template.sql, parameters: flatten(part, width), width, refs, ...(chain ? { chain } : {}) });
    }
  }

  /**
   * Fills the id map `map` with the ids of `table` rows inserted since the last call (or since id
   * `after`), keyed by `keyColumns` as joinKey joins them. `replace` forgets the earlier rows.
   */
  async remember(map: string, table: KeyedTable, keyColumns: readonly string[], options: { after?: number; replace?: boolean } = {}): Promise<void> {
    const query = (this.session.compiler as Untyped).selectFrom(table).select(['id', ...keyColumns]).where('id', '>', 0).compile();
    await this.session.remember({ sql: query.sql, map, ...options });
  }

  /** The compiled SQL for `rows.length` rows of these columns, built from the first chunk of that shape. */
  private template(table: TableName, specs: readonly ColumnSpec[], rows: readonly RowValues[]): CompiledQuery {
    const columns = specs.map(columnName);
    const key = `${table}|${columns.join(',')}|${rows.length}`;
    const cached = this.templates.get(key);
    if (cached) return cached;
    const objects = rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
    const compiled = (this.session.compiler as Untyped).insertInto(table).values(objects).compile();
    const expected = flatten(rows, columns.length);
    // Reuse is only sound if the dialect binds every value, row by row, in column order: checked once.
    if (compiled.parameters.length !== expected.length || compiled.parameters.some((p, i) => p !== expected[i])) {
      throw new Error(`bulk insert into ${table}: the dialect does not bind values in column order`);
    }
    this.templates.set(key, compiled);
    return compiled;
  }
}

/** Where each chained column sits in an audit_log row; every one must be written. */
function chainLayout(specs: readonly ColumnSpec[]): ChainLayout {
  const columns = specs.map(columnName);
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`bulk insert into audit_log: column ${name} is missing (the hash chain needs it)`);
    return index;
  };
  const fields = [...CHAINED_FIELDS, 'prev_hash', 'hash'] as const;
  return Object.fromEntries(fields.map((f) => [f, at(f)])) as unknown as ChainLayout;
}

function flatten(rows: readonly RowValues[], width: number): unknown[] {
  const out = new Array<unknown>(rows.length * width);
  let k = 0;
  for (const row of rows) {
    if (row.length !== width) throw new Error(`bulk insert: row of ${row.length} values for ${width}`);
    for (let i = 0; i < width; i += 1) {
      const value = row[i];
      if (value === undefined) throw new Error('bulk insert: undefined value (use null)');
      out[k++] = value;
    }
  }
  return out;
}

/** The highest id of a table inside the session (0 when empty): rows inserted later get larger ids. */
export async function maxId(session: BulkSession, table: KeyedTable): Promise<number> {
  const query = (session.compiler as Untyped).selectFrom(table).select((eb) => eb.fn.max('id').as('id')).compile();
  const [row] = await session.all<{ id: number | null }>(query);
  return Number(row?.id ?? 0);
}
