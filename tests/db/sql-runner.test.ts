/** The tests' dialect-neutral SQL (tests/support/sql.ts): placeholders, statement splitting, and the runner on SQLite. */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberPlaceholders, splitStatements, sqlRunner } from '../support/sql';
import type { SqlRunner } from '../support/sql';

describe('numberPlaceholders (PostgreSQL)', () => {
  it('numbers each ? in order, outside literals, quoted identifiers and comments', () => {
    expect(numberPlaceholders('select * from t where a = ? and b in (?, ?)')).toBe('select * from t where a = $1 and b in ($2, $3)');
    expect(numberPlaceholders("select '?', 'it''s ?', \"col?\" from t where x = ? -- why?\n and y = ? /* ? */")).toBe(
      "select '?', 'it''s ?', \"col?\" from t where x = $1 -- why?\n and y = $2 /* ? */");
    expect(numberPlaceholders('select 1')).toBe('select 1');
  });
});

describe('splitStatements', () => {
  it('splits at semicolons outside literals and drops empty statements', () => {
    expect(splitStatements("drop trigger a; update t set x = 'a;b' where id = 1;\n")).toEqual(['drop trigger a', "update t set x = 'a;b' where id = 1"]);
  });
});

describe('sqlRunner on SQLite', () => {
  let db: Kysely<Record<string, never>>;
  let sql: SqlRunner;
  beforeAll(async () => {
    db = new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
    sql = sqlRunner(db, 'sqlite');
    await sql.run('create table t (id integer primary key, name text not null)');
  });
  afterAll(async () => { await db.destroy(); });

  it('runs statements with their changes, reads all rows and one row, and refuses one of none', async () => {
    expect(await sql.one<{ id: number }>("insert into t (name) values (?) returning id", ['a'])).toEqual({ id: 1 });
    expect(await sql.run('insert into t (name) values (?), (?)', ['b', 'c'])).toEqual({ changes: 2 });
    expect(await sql.all('select id, name from t where id > ? order by id', [1])).toEqual([{ id: 2, name: 'b' }, { id: 3, name: 'c' }]);
    expect(await sql.run("update t set name = name || '?' where id <> ?", [2])).toEqual({ changes: 2 });
    expect(await sql.one('select name from t where id = ?', [3])).toEqual({ name: 'c?' });
    await expect(sql.one('select name from t where id = ?', [99])).rejects.toThrow(/no row/);
  });
});
