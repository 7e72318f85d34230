import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlJobDetailView } from '../../../../shared/contract/control-views';
import type { ApiClient, Outcome } from '../../api/client';
import { JOB_POLL_MS, failedTargets, isLive } from './jobs';

/** One job with its per-meter results (controlJobs.get), read again every 2 s while it waits or runs; cancel and retry. */
export function useJobDetail(client: ApiClient, jobId: number | null, onChanged: () => void) {
  const { t } = useTranslation();
  const [job, setJob] = useState<ControlJobDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    if (jobId === null) return;
    const result = await client.call('controlJobs.get', { jobId });
    if (result.ok) setJob(result.value);
    else setError(result.error.message);
  }, [client, jobId]);
  useEffect(() => {
    setJob(null);
    setError(null);
    void load();
  }, [load]);
  const live = job !== null && isLive(job.state);
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => void load(), JOB_POLL_MS);
    return () => clearInterval(timer);
  }, [live, load]);

  const act = async (call: () => Promise<Outcome<unknown>>) => {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    await load();
    onChanged();
  };
  const cancel = (reason: string) => (reason.trim()
    ? act(() => client.call('controlJobs.cancel', { jobId: job?.id ?? 0, reason: reason.trim() }))
    : Promise.resolve(setError(t('approval.reasonRequired'))));
  const retryFailed = () => {
    const meterIds = job ? failedTargets(job.targets) : [];
    return act(() => client.call('controlJobs.retry', meterIds.length > 0 ? { jobId: job?.id ?? 0, meterIds } : { jobId: job?.id ?? 0 }));
  };
  return { job, error, busy, load, cancel, retryFailed };
}

export type JobDetailModel = ReturnType<typeof useJobDetail>;
