/**
 * What the backend says of its own database (issue 8 item 3): which one it runs on and whether it can reach
 * it now. A counter on a shared PostgreSQL server refuses to sell while the server is unreachable (an offline
 * sale is how other systems duplicate serials), so the screen asks this every few seconds.
 */
export const DATABASE_KINDS = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export interface DatabaseStatusView {
  readonly kind: DatabaseKind;
  /** The file, or the server's URL with its password replaced by ***. */
  readonly location: string;
  readonly reachable: boolean;
  /** When the current state (reachable or not) began, ISO. */
  readonly since: string;
  /** The last background check, ISO; null before the first (and always on the embedded file). */
  readonly checkedAt: string | null;
  /** Why the server is unreachable, a short code (ECONNREFUSED, 57P01, timeout); null while reachable. */
  readonly reason: string | null;
}

/** A database as the settings page shows it: never a password. */
export interface DatabasePlaceView {
  readonly kind: DatabaseKind;
  readonly location: string;
}

export interface DatabaseSettingsView {
  /** The database this backend runs on now. */
  readonly current: DatabasePlaceView;
  /** The one saved for the next start (database.json), or the embedded file when nothing is saved. */
  readonly next: DatabasePlaceView;
  /** The settings file in the data folder (it holds the URL, password included). */
  readonly choiceFile: string;
}

export type DatabaseTestView =
  | { readonly ok: true; readonly location: string; readonly serverVersion: string; readonly hallDesk: boolean }
  | { readonly ok: false; readonly location: string; readonly reason: string };
