/**
 * The composition root: the one place that builds the database, repositories, services and the
 * dispatcher. Hosted by the Electron main process, the loopback HTTP server and the CLI alike; it never
 * imports Electron, so it runs in plain Node.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqlite } from '../db/open-sqlite';
import type { SqliteHandle } from '../db/open-sqlite';
import { migrate } from '../db/migrate';
import { ensureSlipKey } from '../slips/slip-code';
import { ensureCalendarSeed } from '../services/calendar-service';
import type { Clock } from '../domain/time/business-time';
import { createServices } from './services';
import type { Services } from './services';
import { createHandlers } from './handlers';
import { createDispatcher } from './dispatch';
import type { Dispatch } from './dispatch';

export const DATABASE_FILE = 'halldesk.sqlite';
export const SYSTEM_CLOCK: Clock = { now: () => new Date() };

export interface BackendOptions {
  readonly dataDir: string;
  readonly clock?: Clock;
  /** This workstation's counter code, the prefix of its receipt serials. */
  readonly counterCode?: string;
  readonly log?: (error: unknown) => void;
}

export interface Backend {
  readonly dispatch: Dispatch;
  readonly services: Services;
  readonly database: SqliteHandle;
  readonly clock: Clock;
  /** Set only on the very first run: the generated password of the `admin` user, to show once. */
  readonly firstAdminPassword: string | null;
  close(): Promise<void>;
}

export function validCounterCode(code: string): boolean {
  return /^[A-Z][A-Z0-9]{1,5}$/.test(code);
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const counterCode = options.counterCode ?? 'A01';
  if (!validCounterCode(counterCode)) throw new Error(`invalid counter code "${counterCode}" (e.g. A01)`);
  mkdirSync(options.dataDir, { recursive: true });
  const database = openSqlite(join(options.dataDir, DATABASE_FILE));
  try {
    await migrate(database.db, 'sqlite', () => clock.now());
    await ensureCalendarSeed(database.db, clock);
    await ensureSlipKey(database.db, clock.now().toISOString());
  } catch (error) {
    await database.close();
    throw error;
  }
  const services = createServices({ db: database.db, clock, counterCode });
  const log = options.log ?? ((error: unknown) => console.error('[halldesk]', error));
  const dispatch = createDispatcher(createHandlers(services), services.sessions, clock, log);
  const firstAdminPassword = await services.users.ensureFirstAdmin();
  return { dispatch, services, database, clock, firstAdminPassword, close: () => database.close() };
}
