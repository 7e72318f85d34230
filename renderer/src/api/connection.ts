/**
 * Who is logged in, and whether browser mode lacks its launch token: a tiny external store (read with
 * useSyncExternalStore) so the API client, which lives outside React, can report both. The login session
 * is kept in sessionStorage for this tab only, so a reload keeps the clerk logged in and closing the tab
 * forgets it.
 */
import type { SessionView } from '../../../shared/contract/views';

export const SESSION_STORAGE_KEY = 'halldesk.session';

export interface ConnectionState {
  readonly session: SessionView | null;
  readonly launchTokenMissing: boolean;
  /** The backend forgot the session (expired, logged out elsewhere): the login screen says so. */
  readonly sessionExpired: boolean;
}

export interface Connection {
  get(): ConnectionState;
  subscribe(listener: () => void): () => void;
  loggedIn(session: SessionView): void;
  loggedOut(): void;
  sessionExpired(): void;
  launchTokenMissing(): void;
}

function readSession(storage: Pick<Storage, 'getItem'>): SessionView | null {
  try {
    const text = storage.getItem(SESSION_STORAGE_KEY);
    const value = text ? (JSON.parse(text) as SessionView) : null;
    return value && typeof value.session === 'string' && value.user ? value : null;
  } catch {
    return null;
  }
}

export function createConnection(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, tokenMissing = false): Connection {
  let state: ConnectionState = { session: readSession(storage), launchTokenMissing: tokenMissing, sessionExpired: false };
  const listeners = new Set<() => void>();
  const set = (next: Partial<ConnectionState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };
  const forget = () => storage.removeItem(SESSION_STORAGE_KEY);
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    loggedIn(session) {
      storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
      set({ session, sessionExpired: false });
    },
    loggedOut() {
      forget();
      set({ session: null, sessionExpired: false });
    },
    sessionExpired() {
      forget();
      if (state.session) set({ session: null, sessionExpired: true });
    },
    launchTokenMissing() {
      if (!state.launchTokenMissing) set({ launchTokenMissing: true });
    },
  };
}
