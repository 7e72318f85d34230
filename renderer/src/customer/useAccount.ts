import { useCallback, useRef, useState } from 'react';
import type { AccountView } from '../../../shared/contract/views';
import type { ApiClient } from '../api/client';

/** The account on screen (accounts.get): loaded on a search pick, reloaded after a sale. */
export function useAccount(client: ApiClient) {
  const [account, setAccount] = useState<AccountView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  const load = useCallback(async (accountId: number): Promise<AccountView | null> => {
    const request = ++latest.current;
    setLoading(true);
    const result = await client.call('accounts.get', { accountId });
    if (request !== latest.current) return null;
    setLoading(false);
    setError(result.ok ? null : result.error.message);
    if (result.ok) setAccount(result.value);
    return result.ok ? result.value : null;
  }, [client]);

  const reload = useCallback(() => (account ? load(account.id) : Promise.resolve(null)), [account, load]);
  const clear = useCallback(() => {
    latest.current++;
    setAccount(null);
    setError(null);
    setLoading(false);
  }, []);

  return { account, error, loading, load, reload, clear };
}

export type AccountModel = ReturnType<typeof useAccount>;
