import { useCallback, useState } from 'react';
import type { PrintJobState, PrintJobView } from '../../../shared/contract/print-views';
import { useApi } from '../api/ApiContext';
import { usePolling } from './usePolling';

/** The queue refreshes itself this often while shown: a background retry or another counter's print shows up. */
export const QUEUE_REFRESH_MS = 5_000;

/** prints.queue with a state filter, refreshed every few seconds; prints.retry for one job. */
export function usePrintQueue(refreshMs = QUEUE_REFRESH_MS) {
  const client = useApi();
  const [state, setState] = useState<PrintJobState | null>(null);
  const [jobs, setJobs] = useState<readonly PrintJobView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState<number | null>(null);
  const [retried, setRetried] = useState<PrintJobView | null>(null);

  const load = useCallback(async () => {
    const answer = await client.call('prints.queue', state ? { state, limit: 200 } : { limit: 200 });
    if (answer.ok) setJobs(answer.value);
    setError(answer.ok ? null : answer.error.message);
  }, [client, state]);
  usePolling(() => void load(), refreshMs, [load]);

  const retry = async (jobId: number) => {
    if (retrying !== null) return;
    setRetrying(jobId);
    const answer = await client.call('prints.retry', { jobId });
    setRetrying(null);
    setRetried(answer.ok ? answer.value : null);
    setError(answer.ok ? null : answer.error.message);
    await load();
  };
  return { state, setState, jobs, error, retrying, retried, retry, reload: load };
}

export type PrintQueueModel = ReturnType<typeof usePrintQueue>;
