import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeterProtocolCode } from '../../../shared/contract/meter-methods';
import type { MeterCommView } from '../../../shared/contract/meter-views';
import type { ApiClient } from '../api/client';

export interface CommFormState {
  readonly meterNo: string;
  /** null = the hall does not talk to the meter (protocol and firmware cleared too). */
  readonly busId: number | null;
  readonly protocol: MeterProtocolCode;
  readonly firmware: string;
}

/** The meter's id from its number: customers.search finds the account, accounts.get the meter on it. */
async function meterIdOf(client: ApiClient, meterNo: string): Promise<number | string> {
  const found = await client.call('customers.search', { query: meterNo, limit: 10 });
  if (!found.ok) return found.error.message;
  const hit = found.value.find((h) => h.meterNo === meterNo);
  if (!hit) return '';
  const account = await client.call('accounts.get', { accountId: hit.accountId });
  if (!account.ok) return account.error.message;
  return account.value.meters.find((m) => m.meterNo === meterNo && m.status === 'active')?.id ?? '';
}

/** A meter's communication settings (meters.setComm, admin): bus, protocol and register-map firmware. */
export function useComm(client: ApiClient, meterNo: string, onSaved: () => void) {
  const { t } = useTranslation();
  const [form, setForm] = useState<CommFormState>({ meterNo, busId: null, protocol: 'dlt645', firmware: '' });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<MeterCommView | null>(null);
  useEffect(() => setForm((f) => (meterNo ? { ...f, meterNo } : f)), [meterNo]);

  const save = async () => {
    setSaved(null);
    const no = form.meterNo.trim();
    const meterId = no ? await meterIdOf(client, no) : '';
    if (typeof meterId === 'string') return setError(meterId || t('comm.noMeter', { meterNo: no }));
    const on = form.busId !== null;
    const firmware = form.firmware.trim();
    const result = await client.call('meters.setComm', {
      meterId, busId: form.busId, protocol: on ? form.protocol : null, firmware: on && firmware ? firmware : null,
    });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setSaved(result.value);
    onSaved();
  };
  return { form, setForm, error, saved, save };
}
