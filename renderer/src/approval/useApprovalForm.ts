import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import type { ApprovalAsk } from './useApprovalDialog';

export type Decision = 'approve' | 'reject';

/**
 * The dialog's form: the clerk's reason, then the supervisor's username, password, decision and note.
 * The request (approvals.request) is made once; a wrong password can be retyped against the same request.
 */
export function useApprovalForm(client: ApiClient, ask: ApprovalAsk, finish: (approvalId: number | null) => void) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(ask.reason);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [decision, setDecision] = useState<Decision>('approve');
  const [note, setNote] = useState('');
  const [approvalId, setApprovalId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rejected, setRejected] = useState(false);

  const requestOnce = async (): Promise<number | null> => {
    if (approvalId !== null) return approvalId;
    const made = await client.call('approvals.request', { subject: ask.subject, reason: reason.trim() });
    if (!made.ok) return (setError(made.error.message), null);
    setApprovalId(made.value.id);
    return made.value.id;
  };
  const submit = async () => {
    if (busy) return;
    if (!reason.trim()) return setError(t('approval.reasonRequired'));
    if (!username.trim() || !password) return setError(t('approval.credentialsRequired'));
    setBusy(true);
    setError(null);
    const id = await requestOnce();
    const decided = id === null ? null
      : await client.call('approvals.decide', { approvalId: id, decision, note: note.trim() || null, approver: { username: username.trim(), password } });
    setBusy(false);
    setPassword('');
    if (!decided) return;
    if (!decided.ok) return setError(decided.error.message);
    if (decided.value.state === 'approved' && id !== null) return finish(id);
    setRejected(true);
  };
  return {
    reason, setReason, username, setUsername, password, setPassword, decision, setDecision, note, setNote,
    approvalId, error, busy, rejected, submit, cancel: () => finish(null),
  };
}

export type ApprovalFormModel = ReturnType<typeof useApprovalForm>;
