/**
 * Dialect-neutral SQL for the tests: plain statements with `?` placeholders, run through Kysely on whichever
 * database the backend has (SQLite now, PostgreSQL later). On PostgreSQL each `?` outside a string literal,
 * quoted identifier or comment becomes `$1, $2, …`. Counts and sums come back as numbers on SQLite and as
 * strings (bigint, numeric) on PostgreSQL: compare them through Number().
 */
import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';

export type TestDialect = 'sqlite' | 'postgres';

export interface SqlRunner {
  /** Every row. */
  all<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row; throws when there is none. */
  one<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T>;
  /** A statement; `changes` is the number of rows it affected. */
  run(text: string, params?: readonly unknown[]): Promise<{ changes: number }>;
}

/** `?` → `$n` outside '…' literals, "…" identifiers, -- and block comments (PostgreSQL's placeholders). */
export function numberPlaceholders(text: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = closing(text, i + 1, c);
      out += text.slice(i, end);
      i = end;
    } else if (c === '-' && text[i + 1] === '-') {
      const newline = text.indexOf('\n', i);
      const end = newline === -1 ? text.length : newline;
      out += text.slice(i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : close + 2;
      out += text.slice(i, end);
      i = end;
    } else if (c === '?') {
      out += `$${++n}`;
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** The index just past the quote closing a literal opened before `from` ('' and "" are escaped quotes). */
function closing(text: string, from: number, quote: string): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return text.length;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests query every table, typed or not
export function sqlRunner(db: Kysely<any>, dialect: TestDialect): SqlRunner {
  const execute = (text: string, params: readonly unknown[] = []) =>
    db.executeQuery(CompiledQuery.raw(dialect === 'postgres' ? numberPlaceholders(text) : text, [...params]));
  return {
    async all<T>(text: string, params?: readonly unknown[]): Promise<T[]> {
      return (await execute(text, params)).rows as T[];
    },
    async one<T>(text: string, params?: readonly unknown[]): Promise<T> {
      const row = (await execute(text, params)).rows[0];
      if (row === undefined) throw new Error(`no row from: ${text}`);
      return row as T;
    },
    async run(text: string, params?: readonly unknown[]): Promise<{ changes: number }> {
      const result = await execute(text, params);
      return { changes: Number(result.numAffectedRows ?? 0n) };
    },
  };
}

/** The base tables of the schema, by name (SQLite's catalogue or PostgreSQL's information schema). */
export async function tableNames(sql: SqlRunner, dialect: TestDialect): Promise<string[]> {
  const rows = dialect === 'sqlite'
    ? await sql.all<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    : await sql.all<{ name: string }>("select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name");
  return rows.map((r) => r.name);
}

/** The statements of a script, split at each `;` outside literals and identifiers (better-sqlite3 and pg take one at a time). */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === "'" || c === '"') {
      i = closing(script, i + 1, c);
    } else if (c === ';') {
      statements.push(script.slice(start, i));
      start = i + 1;
      i += 1;
    } else {
      i += 1;
    }
  }
  statements.push(script.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s !== '');
}
