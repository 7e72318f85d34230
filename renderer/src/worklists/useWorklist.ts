/** The worklist page's state: the list of one kind, the selected rows, contacts and SMS (issue 7 item 5). */
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { ContractInput } from '../../../shared/contract/methods';
import type { SmsSendView, WorklistKind, WorklistView } from '../../../shared/contract/worklist-views';

export type ContactInput = Omit<ContractInput<'worklists.logContact'>, 'kind'>;

export function useWorklist(client: ApiClient, kind: WorklistKind) {
  const [view, setView] = useState<WorklistView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [sms, setSms] = useState<SmsSendView | null>(null);

  const load = useCallback(async () => {
    const result = await client.call('worklists.list', { kind, limit: 200 });
    setError(result.ok ? null : result.error.message);
    if (result.ok) setView(result.value);
  }, [client, kind]);

  useEffect(() => { setSelected([]); setSms(null); void load(); }, [load]);

  const logContact = async (input: ContactInput): Promise<boolean> => {
    const result = await client.call('worklists.logContact', { ...input, kind });
    setError(result.ok ? null : result.error.message);
    if (result.ok) await load();
    return result.ok;
  };

  /** SMS to the selected rows' accounts, by the list's template; each sent message logs an sms_sent contact. */
  const sendSms = async () => {
    const accountIds = [...new Set((view?.rows ?? []).filter((r) => selected.includes(r.meterId)).map((r) => r.accountId))];
    if (accountIds.length === 0) return;
    const result = await client.call('sms.send', { accountIds, template: kind, kind });
    setError(result.ok ? null : result.error.message);
    if (result.ok) { setSms(result.value); setSelected([]); await load(); }
  };

  return { view, error, selected, setSelected, sms, load, logContact, sendSms };
}

export type WorklistModel = ReturnType<typeof useWorklist>;
