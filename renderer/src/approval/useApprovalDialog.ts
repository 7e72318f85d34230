import { createContext, useCallback, useContext, useRef, useState } from 'react';
import type { ApprovalSubject } from '../../../shared/contract/money-views';

/** What the counter asks a supervisor to approve, and why. */
export interface ApprovalAsk {
  readonly subject: ApprovalSubject;
  readonly reason: string;
}

/** Asks for a supervisor's approval at the counter: resolves with the approval id, or null (rejected, cancelled). */
export type RequestApproval = (subject: ApprovalSubject, reason?: string) => Promise<number | null>;

/**
 * The one approval dialog of the counter screen. `request` opens it and resolves when it closes; the
 * action that asked then proceeds with the approval id (holiday cash, reversal, refund).
 */
export function useApprovalDialog() {
  const [ask, setAsk] = useState<ApprovalAsk | null>(null);
  const resolver = useRef<((id: number | null) => void) | null>(null);
  const request = useCallback<RequestApproval>((subject, reason = '') => {
    resolver.current?.(null);
    return new Promise<number | null>((resolve) => {
      resolver.current = resolve;
      setAsk({ subject, reason });
    });
  }, []);
  const finish = useCallback((approvalId: number | null) => {
    resolver.current?.(approvalId);
    resolver.current = null;
    setAsk(null);
  }, []);
  return { ask, request, finish };
}

export type ApprovalDialogModel = ReturnType<typeof useApprovalDialog>;

export const ApprovalContext = createContext<RequestApproval | null>(null);

export function useRequestApproval(): RequestApproval {
  const request = useContext(ApprovalContext);
  if (!request) throw new Error('useRequestApproval outside ApprovalContext');
  return request;
}
