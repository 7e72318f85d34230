/**
 * The database methods (issue 8): the health every counter polls, and the administrator's choice of database
 * for the next start. Saving never takes effect at once: a backend does not move its open work between
 * databases; the new choice is opened at the next start.
 */
import { z } from 'zod';
import type { Role } from '../vocabulary';
import type { DatabaseSettingsView, DatabaseStatusView, DatabaseTestView } from './system-views';

const ADMIN: readonly Role[] = ['admin'];
const none = z.object({}).strict();

/** The shape only; the backend checks it is a postgres:// URL with a host and a database name. */
const url = z.string().trim().min(1).max(500);

export const systemContract = {
  /** Any signed-in user: the counter shows a banner and stops selling while the server is unreachable. */
  'system.databaseStatus': { access: 'any', input: none },
  'system.databaseSettings': { access: ADMIN, input: none },
  /** Tries a PostgreSQL URL with a short timeout: the server's version, or why it failed. Saves nothing. */
  'system.testDatabase': { access: ADMIN, input: z.object({ url }).strict() },
  /** Saves the database for the next start: a PostgreSQL URL, or back to the embedded file. */
  'system.saveDatabase': {
    access: ADMIN,
    input: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('sqlite') }).strict(),
      z.object({ kind: z.literal('postgres'), url }).strict(),
    ]),
  },
} as const;

export interface SystemOutputs {
  'system.databaseStatus': DatabaseStatusView;
  'system.databaseSettings': DatabaseSettingsView;
  'system.testDatabase': DatabaseTestView;
  'system.saveDatabase': DatabaseSettingsView;
}
