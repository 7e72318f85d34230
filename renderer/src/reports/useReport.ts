import { useCallback, useState } from 'react';
import type { Outcome } from '../api/client';

/** One on-screen report: the last answer, loading and the backend's message on refusal. */
export function useReport<T>() {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (call: () => Promise<Outcome<T>>) => {
    setLoading(true);
    setError(null);
    const result = await call();
    setLoading(false);
    if (result.ok) setData(result.value);
    else setError(result.error.message);
  }, []);
  return { data, loading, error, load };
}
