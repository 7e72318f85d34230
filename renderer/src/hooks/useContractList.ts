import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/ApiContext';
import type { ClientInput } from '../../../shared/contract/client';
import type { ContractOutput, MethodName } from '../../../shared/contract/methods';

/**
 * A list the page loads from one contract method on mount and reloads after each action (`load`); a failed load
 * shows its translated message in `error`, which actions may also set.
 */
export function useContractList<M extends MethodName>(method: M, input: ClientInput<M>) {
  const client = useApi();
  const [rows, setRows] = useState<ContractOutput<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The input is plain data: its JSON is a stable dependency even when the caller builds a new object each render.
  const key = JSON.stringify(input);
  const load = useCallback(async () => {
    const result = await client.call(method, JSON.parse(key) as ClientInput<M>);
    if (result.ok) setRows(result.value);
    else setError(result.error.message);
  }, [client, method, key]);
  useEffect(() => {
    void load();
  }, [load]);
  return { rows, error, setError, load };
}
