/**
 * Which database a backend opens (issue 8). A single counter keeps the embedded SQLite file in its data
 * folder, the default; a hall of several counters shares one PostgreSQL server, named by a URL.
 *
 * Where the URL comes from, first found wins: the `--database` option of any command, the
 * HALLDESK_DATABASE_URL environment variable (both read by the CLI and the desktop host), then the data
 * folder's database.json, which the settings page writes and which takes effect at the next start.
 */
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export const DATABASE_FILE = 'halldesk.sqlite';
export const DATABASE_CHOICE_FILE = 'database.json';

export type DatabaseChoice =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

export class DatabaseChoiceError extends Error {
  override name = 'DatabaseChoiceError';
}

/** A PostgreSQL URL HallDesk accepts: postgres:// or postgresql:// with a host and a database name. */
export function isPostgresUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') && parsed.hostname !== '' && parsed.pathname.length > 1;
  } catch {
    return false;
  }
}

/** `sqlite` (or empty) means the data folder's file; anything else must be a PostgreSQL URL. */
export function choiceOf(url: string | undefined, dataDir: string): DatabaseChoice {
  const text = url?.trim() ?? '';
  if (text === '' || text === 'sqlite') return { kind: 'sqlite', file: join(dataDir, DATABASE_FILE) };
  if (!isPostgresUrl(text)) {
    throw new DatabaseChoiceError(`not a database HallDesk can use: "${text}" (give postgres://user@host:port/name, or sqlite)`);
  }
  return { kind: 'postgres', url: text };
}

/** The URL saved by the settings page, or undefined. A damaged file is an error, not a silent SQLite. */
export function savedDatabaseUrl(dataDir: string): string | undefined {
  const file = join(dataDir, DATABASE_CHOICE_FILE);
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new DatabaseChoiceError(`${file} is not valid JSON: fix or remove it`);
  }
  const url = (parsed as { url?: unknown } | null)?.url;
  if (typeof url !== 'string') throw new DatabaseChoiceError(`${file} has no "url" string: fix or remove it`);
  return url;
}

/** Saves the choice for the next start; written to a temporary file and renamed, so it is whole or absent. */
export function saveDatabaseUrl(dataDir: string, url: string): void {
  choiceOf(url, dataDir); // refuse what could not be opened
  const file = join(dataDir, DATABASE_CHOICE_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ url: url.trim() || 'sqlite' }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The choice for a backend: an explicit URL (option or environment) first, then the saved one. */
export function resolveDatabase(dataDir: string, explicit: string | undefined): DatabaseChoice {
  return choiceOf(explicit ?? savedDatabaseUrl(dataDir), dataDir);
}
