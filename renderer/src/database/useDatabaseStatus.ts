import { useCallback, useState } from 'react';
import type { DatabaseStatusView } from '../../../shared/contract/system-views';
import type { ApiClient } from '../api/client';
import { usePolling } from '../printing/usePolling';

/**
 * The database's health is asked this often while a clerk is signed in (the counter screen exists only
 * then): a lost server should stop the selling within seconds, and its return restart it as fast.
 */
export const DATABASE_POLL_MS = 3000;

/**
 * The backend's view of its database (system.databaseStatus), polled. `reachable` is true until the backend
 * says otherwise: on the embedded file it always is, and a failed look (the backend itself away, in browser
 * mode) keeps the last answer rather than guessing.
 */
export function useDatabaseStatus(client: ApiClient, pollMs = DATABASE_POLL_MS) {
  const [status, setStatus] = useState<DatabaseStatusView | null>(null);
  const refresh = useCallback(() => {
    void client.call('system.databaseStatus', {}).then((answer) => {
      if (answer.ok) setStatus(answer.value);
    }, () => undefined);
  }, [client]);
  usePolling(refresh, pollMs, [refresh]);
  return { status, reachable: status?.reachable ?? true, refresh };
}

export type DatabaseStatusModel = ReturnType<typeof useDatabaseStatus>;
