/**
 * What `db copy` learns from the databases' own catalogues instead of a hard-coded list of tables: the
 * base tables and their columns on both sides, each table's primary key (the key pages are read by), the
 * order foreign keys allow tables to be filled in, and the sequences behind auto-numbered ids. A table added
 * by a later migration is copied without touching this file.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';

export interface CopyTable {
  readonly name: string;
  /** In the target's column order; the same set exists in the source. */
  readonly columns: readonly string[];
  /** The key pages are read by (keyset pagination); never empty. */
  readonly key: readonly string[];
  /** The sequence feeding `id`, set past the copied ids at the end; null for a table without one. */
  readonly sequence: string | null;
}

/** Tables of the schema's machinery, not of the hall: both sides are migrated, so both have their own rows. */
export const SCHEMA_TABLES: readonly string[] = ['schema_migrations'];

export class CopySchemaMismatch extends Error {
  override name = 'CopySchemaMismatch';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the catalogue is queried whatever the schema's types
type AnyDb = Kysely<any>;

interface PgColumn { table_name: string; column_name: string }
interface PgEdge { child: string; parent: string }
interface PgKey { table_name: string; columns: string[] }

async function pgColumns(db: AnyDb): Promise<Map<string, string[]>> {
  const rows = await sql<PgColumn>`select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position`.execute(db);
  const tables = new Map<string, string[]>();
  for (const row of rows.rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
  return tables;
}

async function pgKeys(db: AnyDb): Promise<Map<string, string[]>> {
  const rows = await sql<PgKey>`select c.relname as table_name,
      array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, n)
        join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.n) as columns
    from pg_index i join pg_class c on c.oid = i.indrelid
    where i.indisprimary and c.relnamespace = current_schema()::regnamespace`.execute(db);
  return new Map(rows.rows.map((r) => [r.table_name, r.columns]));
}

async function pgEdges(db: AnyDb): Promise<PgEdge[]> {
  const rows = await sql<PgEdge>`select distinct c.relname as child, p.relname as parent
    from pg_constraint f join pg_class c on c.oid = f.conrelid join pg_class p on p.oid = f.confrelid
    where f.contype = 'f' and f.connamespace = current_schema()::regnamespace`.execute(db);
  return rows.rows;
}

async function pgSequences(db: AnyDb, tables: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const table of tables) {
    const row = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${table}, 'id') as seq
      where exists (select 1 from information_schema.columns where table_schema = current_schema()
        and table_name = ${table} and column_name = 'id')`.execute(db);
    const seq = row.rows[0]?.seq;
    if (seq) found.set(table, seq);
  }
  return found;
}

/**
 * Parents before children. A table referring to itself (a replacement card naming the card it replaced)
 * is filled in id order, which is the order it was written in, so its earlier rows are there first.
 */
export function fillOrder(tables: readonly string[], edges: readonly PgEdge[]): string[] {
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of edges) if (child !== parent && parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (ready.length === 0) {
      throw new CopySchemaMismatch(`foreign keys form a cycle among ${tables.filter((t) => !placed.has(t)).join(', ')}: no order fills them`);
    }
    for (const table of ready) { ordered.push(table); placed.add(table); }
  }
  return ordered;
}

/** The columns of every base table of the SQLite file. */
export function sqliteColumns(raw: BetterSqlite3.Database): Map<string, string[]> {
  const names = raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").pluck().all() as string[];
  return new Map(names.map((name) => [name, (raw.pragma(`table_info(${JSON.stringify(name)})`) as { name: string }[]).map((c) => c.name)]));
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

/** The tables to copy, in fill order; both databases must be at the same schema (they are: both were migrated). */
export async function copyPlan(target: AnyDb, source: BetterSqlite3.Database): Promise<CopyTable[]> {
  const targetColumns = await pgColumns(target);
  const sourceColumns = sqliteColumns(source);
  const names = [...targetColumns.keys()].filter((t) => !SCHEMA_TABLES.includes(t));
  const missing = names.filter((t) => !sourceColumns.has(t));
  const extra = [...sourceColumns.keys()].filter((t) => !targetColumns.has(t) && !SCHEMA_TABLES.includes(t));
  if (missing.length > 0 || extra.length > 0) {
    throw new CopySchemaMismatch(`the two schemas differ: only on the server ${missing.join(', ') || '-'}; only in the file ${extra.join(', ') || '-'}`);
  }
  for (const table of names) {
    if (!sameColumns(targetColumns.get(table)!, sourceColumns.get(table)!)) {
      throw new CopySchemaMismatch(`table ${table} has columns (${sourceColumns.get(table)!.join(', ')}) in the file, (${targetColumns.get(table)!.join(', ')}) on the server`);
    }
  }
  const keys = await pgKeys(target);
  const sequences = await pgSequences(target, names);
  return fillOrder(names, await pgEdges(target)).map((name) => {
    const key = keys.get(name);
    if (!key || key.length === 0) throw new CopySchemaMismatch(`table ${name} has no primary key to page by`);
    return { name, columns: targetColumns.get(name)!, key, sequence: sequences.get(name) ?? null };
  });
}
