import { useEffect, useState } from 'react';
import type { HallBalanceView } from '../../../../shared/contract/balance-views';
import type { ApiClient } from '../../api/client';

/** A hall-kept meter's balance (balances.ofMeter), read when the meter changes. */
export function useMeterBalance(client: ApiClient, meterId: number | null, limit = 50) {
  const [balance, setBalance] = useState<HallBalanceView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setBalance(null);
    setError(null);
    if (meterId === null) return undefined;
    let stale = false;
    void client.call('balances.ofMeter', { meterId, limit }).then((r) => {
      if (stale) return;
      if (r.ok) setBalance(r.value);
      else setError(r.error.message);
    });
    return () => { stale = true; };
  }, [client, meterId, limit]);
  return { balance, error };
}
