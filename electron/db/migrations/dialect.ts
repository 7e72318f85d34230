/**
 * The little that differs between SQLite and PostgreSQL in DDL. Repositories never need this: only
 * migrations do (column types, identity columns, STRICT tables and the append-only triggers).
 */
import { sql } from 'kysely';
import type { CreateTableBuilder, Kysely } from 'kysely';

export type SqlDialect = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against every past schema, not today's types
export type AnyDb = Kysely<any>;

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: AnyDb, dialect: SqlDialect): Promise<void>;
}

/** 64-bit integer column type: money sums and counters must not overflow 32 bits on PostgreSQL. */
export function int64(dialect: SqlDialect): 'integer' | 'bigint' {
  return dialect === 'sqlite' ? 'integer' : 'bigint';
}

/** Starts a table with an auto-numbered `id` primary key. */
export function createTableWithId(db: AnyDb, dialect: SqlDialect, table: string): CreateTableBuilder<string, 'id'> {
  const builder = db.schema.createTable(table);
  return dialect === 'sqlite'
    ? builder.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    : builder.addColumn('id', 'bigserial', (col) => col.primaryKey());
}

/** SQLite STRICT tables refuse a value of the wrong type instead of silently storing it. */
export function strict<T extends string, C extends string>(builder: CreateTableBuilder<T, C>, dialect: SqlDialect): CreateTableBuilder<T, C> {
  return dialect === 'sqlite' ? builder.modifyEnd(sql`strict`) : builder;
}

/**
 * Makes a table append-only in the database itself: UPDATE and DELETE raise an error whoever issues
 * them (the brief: ledger, sales and audit are never edited; corrections are compensating entries).
 */
export async function makeAppendOnly(db: AnyDb, dialect: SqlDialect, table: string): Promise<void> {
  const message = `append-only table: ${table}`;
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
        BEGIN SELECT RAISE(ABORT, '${message}'); END`).execute(db);
    }
    return;
  }
  await sql.raw(`CREATE OR REPLACE FUNCTION halldesk_reject_change() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'append-only table: %', TG_TABLE_NAME; END $$ LANGUAGE plpgsql`).execute(db);
  await sql.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
    FOR EACH ROW EXECUTE FUNCTION halldesk_reject_change()`).execute(db);
}

/**
 * Removes what makeAppendOnly created, for a migration that must backfill a new column of an
 * append-only table. Only ever inside the migration's transaction, followed by makeAppendOnly again:
 * DDL is transactional on SQLite and PostgreSQL, so no other connection ever sees the table unguarded.
 */
export async function dropAppendOnly(db: AnyDb, dialect: SqlDialect, table: string): Promise<void> {
  const triggers = dialect === 'sqlite' ? [`${table}_no_update`, `${table}_no_delete`] : [`${table}_append_only`];
  for (const trigger of triggers) {
    await sql.raw(dialect === 'sqlite' ? `DROP TRIGGER ${trigger}` : `DROP TRIGGER ${trigger} ON ${table}`).execute(db);
  }
}

/** CHECK (column IN (...)) for a column that holds one of a fixed set of codes. */
export function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}

export function sqlNonNegative(column: string) {
  return sql.raw(`${column} >= 0`);
}
