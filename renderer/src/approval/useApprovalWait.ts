import { useEffect, useRef } from 'react';
import type { ApprovalState } from '../../../shared/vocabulary';
import type { ApiClient } from '../api/client';

/** How often a waiting counter asks whether the supervisor has decided (approvals.get). */
export const WAIT_POLL_MS = 1_500;

/**
 * A request sent to the supervisors' Approvals page: while `approvalId` is set, ask every WAIT_POLL_MS
 * until it is no longer pending, then report its state once.
 */
export function useApprovalWait(client: ApiClient, approvalId: number | null, onDecided: (state: ApprovalState) => void): void {
  const latest = useRef(onDecided);
  useEffect(() => {
    latest.current = onDecided;
  });
  useEffect(() => {
    if (approvalId === null) return undefined;
    let stopped = false;
    const ask = async () => {
      const result = await client.call('approvals.get', { approvalId });
      if (stopped || !result.ok || result.value.state === 'pending') return;
      stopped = true;
      clearInterval(timer);
      latest.current(result.value.state);
    };
    const timer = setInterval(() => void ask(), WAIT_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client, approvalId]);
}
