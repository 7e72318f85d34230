import { useState } from 'react';
import type { SearchHit } from '../../../../shared/contract/views';
import type { ApiClient } from '../../api/client';
import type { PickedMeter } from './selection';

/**
 * Meters picked by customer: customers.search finds the account (by name, room, phone, meter number…),
 * accounts.get gives its meters with their ids; every active one is offered to the selection.
 */
export function useMeterPicker(client: ApiClient, onPick: (meters: PickedMeter[]) => void) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<readonly SearchHit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const search = async () => {
    const text = query.trim();
    if (!text) return;
    const result = await client.call('customers.search', { query: text, limit: 20 });
    setError(result.ok ? null : result.error.message);
    setHits(result.ok ? result.value : []);
  };
  const pick = async (hit: SearchHit) => {
    const result = await client.call('accounts.get', { accountId: hit.accountId });
    if (!result.ok) return setError(result.error.message);
    const meters = result.value.meters.filter((m) => m.status === 'active');
    onPick(meters.map((m) => ({ meterId: m.id, meterNo: m.meterNo, label: hit.name })));
  };
  return { query, setQuery, hits, error, search, pick };
}
