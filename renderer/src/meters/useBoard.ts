import { useCallback, useEffect, useState } from 'react';
import type { ReadingBoardView, SweepView } from '../../../shared/contract/meter-views';
import type { ApiClient } from '../api/client';

/** How often the board is read again while a sweep runs. */
export const POLL_MS = 2000;

/** The read-completeness board, read again every 2 s while a sweep runs, and a manual sweep (all buses or one). */
export function useBoard(client: ApiClient) {
  const [board, setBoard] = useState<ReadingBoardView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sweeping, setSweeping] = useState(false);
  const [lastSweep, setLastSweep] = useState<SweepView | null>(null);

  const load = useCallback(async () => {
    const result = await client.call('readings.board', {});
    if (result.ok) setBoard(result.value);
    else setError(result.error.message);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const running = sweeping || board?.running != null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, load]);

  const sweep = async (busId?: number) => {
    setSweeping(true);
    setError(null);
    const result = await client.call('readings.sweep', busId === undefined ? {} : { busId });
    setSweeping(false);
    if (result.ok) setLastSweep(result.value);
    else setError(result.error.message);
    await load();
  };
  return { board, error, sweeping, running, lastSweep, sweep, load };
}

export type BoardModel = ReturnType<typeof useBoard>;
