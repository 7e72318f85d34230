/**
 * HallDesk compares and orders text in byte order, as SQLite does: the customer search is a prefix range
 * (`>= prefix and < prefix || U+FFFF`) ordered by the matched column, and lists and serial ranges rely on it.
 * A PostgreSQL database created with a language locale (createdb's default on most servers: en_US.UTF-8,
 * zh_CN.UTF-8) or an ICU locale orders text by that language instead: letter case and punctuation weigh
 * nothing at first, Han characters sort by pinyin. The same search would then answer differently on the server
 * than on the SQLite file — a name search "wang" also finding "Wang Fang" (ICU), a room search "3-2-5" also
 * finding room 32-501 (glibc locales that skip punctuation) — and a limit would cut the list at other rows. Rather than spell a collation into every comparison
 * (which would also keep the indexes from serving them), the hall's database must sort in byte order, and
 * migrate refuses one that does not before it creates anything.
 */
import { sql } from 'kysely';
import type { AnyDb } from './migrations/dialect';

/** libc locales whose collation is byte order for UTF-8 text (C.UTF-8 compares code points). */
const BYTE_ORDER_LOCALES = new Set(['C', 'POSIX', 'C.UTF-8', 'C.utf8']);

export class DatabaseCollationError extends Error {
  constructor(readonly database: string, readonly locale: string) {
    super(`the PostgreSQL database "${database}" orders text by the ${locale} locale, but HallDesk needs byte order ` +
      '(as SQLite), or searches and lists would find and order text differently from a single counter\'s; create ' +
      `the database with the C locale: createdb --locale=C --template=template0 ${database} ` +
      `(or CREATE DATABASE ${database} TEMPLATE template0 LOCALE 'C'), then copy or migrate into it`);
    this.name = 'DatabaseCollationError';
  }
}

interface DatabaseLocale { name: string; collate: string; provider: string | null; icu: string | null }

/** Refuses a database whose default collation is not byte order (the locale provider exists from PostgreSQL 15). */
export async function requireByteOrderText(db: AnyDb): Promise<void> {
  const { rows } = await sql<DatabaseLocale>`select d.datname as name, d.datcollate as collate,
      to_jsonb(d) ->> 'datlocprovider' as provider, to_jsonb(d) ->> 'daticulocale' as icu
    from pg_database d where d.datname = current_database()`.execute(db);
  const locale = rows[0];
  if (!locale) throw new Error('the current database is missing from pg_database');
  if (locale.provider === 'i') throw new DatabaseCollationError(locale.name, `ICU "${locale.icu ?? '?'}"`);
  if (!BYTE_ORDER_LOCALES.has(locale.collate)) throw new DatabaseCollationError(locale.name, `"${locale.collate}"`);
}
