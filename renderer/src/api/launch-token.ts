/**
 * Browser mode's launch token. `halldesk start --browser` prints a URL whose fragment carries it
 * (`#token=…`; a fragment never reaches a server). The page reads it once, removes it from the visible
 * URL (so it is not shoulder-surfed, bookmarked or copied along) and keeps it for the tab in
 * sessionStorage, so a reload still works. Nothing else ever sees it.
 */
export const TOKEN_STORAGE_KEY = 'halldesk.launchToken';

export interface TokenEnvironment {
  readonly location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The token from the URL fragment (stored, then wiped from the URL), else the one stored earlier in this tab. */
export function takeLaunchToken(env: TokenEnvironment): string | null {
  const fromHash = new URLSearchParams(env.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromHash);
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}`);
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY) || null;
}
