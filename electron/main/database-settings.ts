/**
 * The administrator's choice of database (issue 8, the settings page): what runs now, what is saved for the
 * next start, trying a PostgreSQL URL, and saving one (or going back to the embedded file) into the data
 * folder's database.json. Nothing switches while the backend runs: open shifts and sessions stay where they
 * are, the new choice is opened at the next start. A URL that does not parse is never saved.
 */
import { join } from 'node:path';
import type { DatabaseHandle } from '../db/database-handle';
import { postgresPool, redactUrl } from '../db/open-postgres';
import { connectionLossReason, serverTarget } from '../db/connection-loss';
import { appendAudit } from '../db/repositories/audit-repository';
import { DomainError } from '../domain/errors';
import type { Actor, ServiceDeps } from '../services/deps';
import { nowIso } from '../services/deps';
import { DATABASE_CHOICE_FILE, DATABASE_FILE, isPostgresUrl, savedDatabaseUrl, saveDatabaseUrl } from './database-choice';
import type { ContractInput } from '../../shared/contract/methods';
import type { DatabasePlaceView, DatabaseSettingsView, DatabaseTestView } from '../../shared/contract/system-views';

/** "Test connection" waits this long for the server: an admin is waiting at the screen. */
export const TEST_TIMEOUT_MS = 4000;

export interface DatabasePlace {
  readonly database: Pick<DatabaseHandle, 'dialect' | 'location'>;
  readonly dataDir: string;
}

function placeOf(url: string | undefined, dataDir: string): DatabasePlaceView {
  const text = url?.trim() ?? '';
  if (text === '' || text === 'sqlite') return { kind: 'sqlite', location: join(dataDir, DATABASE_FILE) };
  return { kind: 'postgres', location: redactUrl(text) };
}

/** pg's message without the password, should a server ever echo it back. */
function cleanReason(error: unknown, url: string): string {
  const target = serverTarget(url);
  const loss = target ? connectionLossReason(error, target) : null;
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  const code = typeof e.code === 'string' ? e.code : loss;
  let text = code && !message.includes(code) ? `${code}: ${message}` : message;
  const password = decodeURIComponent(new URL(url).password);
  if (password) text = text.split(password).join('***');
  return text.slice(0, 300);
}

/** Connects with a short timeout, asks the server's version and whether HallDesk's tables are there. */
export async function testDatabaseUrl(url: string): Promise<DatabaseTestView> {
  if (!isPostgresUrl(url)) throw new DomainError('database-url-invalid');
  const location = redactUrl(url);
  const pool = postgresPool(url, { maxConnections: 1, connectTimeoutMs: TEST_TIMEOUT_MS, onIdleError: () => undefined });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => reject(new Error('timeout expired')), TEST_TIMEOUT_MS * 2); });
  try {
    const ask = async () => {
      const version = await pool.query<{ server_version: string }>('show server_version');
      const tables = await pool.query<{ has: boolean }>("select to_regclass('public.schema_migrations') is not null as has");
      return { serverVersion: version.rows[0]?.server_version ?? '?', hallDesk: tables.rows[0]?.has === true };
    };
    return { ok: true, location, ...(await Promise.race([ask(), timeout])) };
  } catch (error) {
    return { ok: false, location, reason: cleanReason(error, url) };
  } finally {
    clearTimeout(timer);
    void pool.end().catch(() => undefined);
  }
}

export function createDatabaseSettings(deps: ServiceDeps, place: DatabasePlace) {
  const settings = (): DatabaseSettingsView => ({
    current: { kind: place.database.dialect, location: place.database.location },
    next: placeOf(savedDatabaseUrl(place.dataDir), place.dataDir),
    choiceFile: join(place.dataDir, DATABASE_CHOICE_FILE),
  });

  /** Audited first (in the database in use), then written: a change nobody can trace is not made. */
  async function save(actor: Actor, input: ContractInput<'system.saveDatabase'>): Promise<DatabaseSettingsView> {
    const url = input.kind === 'sqlite' ? 'sqlite' : input.url;
    if (input.kind === 'postgres' && !isPostgresUrl(url)) throw new DomainError('database-url-invalid');
    const before = settings().next;
    const after = placeOf(url, place.dataDir);
    await deps.db.transaction().execute((trx) => appendAudit(trx, {
      at: nowIso(deps), userId: actor.userId, action: 'settings.database', entity: 'settings', entityId: DATABASE_CHOICE_FILE, before, after,
    }));
    saveDatabaseUrl(place.dataDir, url);
    return settings();
  }

  return { settings, save, test: testDatabaseUrl };
}
