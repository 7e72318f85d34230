import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalState } from '../../../shared/vocabulary';
import type { ApiClient } from '../api/client';
import type { ApprovalAsk } from './useApprovalDialog';
import { useApprovalWait } from './useApprovalWait';

export type Decision = 'approve' | 'reject';

/** The request (approvals.request), made once whichever way the supervisor then decides. */
function useRequestOnce(client: ApiClient, ask: ApprovalAsk, setError: (message: string | null) => void) {
  const [approvalId, setApprovalId] = useState<number | null>(null);
  const requestOnce = async (reason: string): Promise<number | null> => {
    if (approvalId !== null) return approvalId;
    const made = await client.call('approvals.request', { subject: ask.subject, reason: reason.trim() });
    if (!made.ok) return (setError(made.error.message), null);
    setApprovalId(made.value.id);
    return made.value.id;
  };
  return { approvalId, requestOnce };
}

/**
 * The dialog's form: the clerk's reason, then either the supervisor's username, password, decision and
 * note typed here, or the request sent to the supervisors' Approvals page and waited for. The request is
 * made once; a wrong password can be retyped against the same request, and a waiting request can still
 * be decided here when the supervisor walks over.
 */
export function useApprovalForm(client: ApiClient, ask: ApprovalAsk, finish: (approvalId: number | null) => void) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(ask.reason);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [decision, setDecision] = useState<Decision>('approve');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rejected, setRejected] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const { approvalId, requestOnce } = useRequestOnce(client, ask, setError);

  const decided = (state: ApprovalState, id: number | null) => {
    setWaiting(false);
    if (state === 'approved' && id !== null) return finish(id);
    if (state === 'rejected') return setRejected(true);
    setError(t(`approval.ended.${state === 'expired' ? 'expired' : 'used'}`));
  };
  useApprovalWait(client, waiting ? approvalId : null, (state) => decided(state, approvalId));

  const submit = async () => {
    if (busy) return;
    if (!reason.trim()) return setError(t('approval.reasonRequired'));
    if (!username.trim() || !password) return setError(t('approval.credentialsRequired'));
    setBusy(true);
    setError(null);
    const id = await requestOnce(reason);
    const answer = id === null ? null
      : await client.call('approvals.decide', { approvalId: id, decision, note: note.trim() || null, approver: { username: username.trim(), password } });
    setBusy(false);
    setPassword('');
    if (!answer) return;
    if (!answer.ok) return setError(answer.error.message);
    decided(answer.value.state, id);
  };
  /** Send the request to the Approvals page and wait for a supervisor there. */
  const send = async () => {
    if (busy || waiting) return;
    if (!reason.trim()) return setError(t('approval.reasonRequired'));
    setBusy(true);
    setError(null);
    const id = await requestOnce(reason);
    setBusy(false);
    if (id !== null) setWaiting(true);
  };
  return {
    reason, setReason, username, setUsername, password, setPassword, decision, setDecision, note, setNote,
    approvalId, error, busy, rejected, waiting, submit, send, cancel: () => finish(null),
  };
}

export type ApprovalFormModel = ReturnType<typeof useApprovalForm>;
