import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusTestView, BusView } from '../../../shared/contract/meter-views';
import type { ApiClient } from '../api/client';
import { EMPTY_BUS, busInputOf, formOfBus } from './busForm';
import type { BusFormState } from './busForm';

/** Bus settings: the list (buses.list), the create/edit form (buses.save), the "test communication" button (buses.test). */
export function useBuses(client: ApiClient, onChanged: () => void) {
  const { t } = useTranslation();
  const [buses, setBuses] = useState<readonly BusView[]>([]);
  const [form, setForm] = useState<BusFormState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tests, setTests] = useState<Readonly<Record<number, BusTestView | { readonly failure: string } | 'running'>>>({});

  const load = useCallback(async () => {
    const result = await client.call('buses.list', {});
    if (result.ok) setBuses(result.value);
    else setError(result.error.message);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const edit = (bus: BusView | null) => {
    setError(null);
    setForm(bus ? formOfBus(bus) : EMPTY_BUS);
  };
  const save = async () => {
    if (!form) return;
    const input = busInputOf(form);
    if ('bad' in input) return setError(t('buses.bad', { field: t(`buses.${input.bad}`) }));
    const result = await client.call('buses.save', input);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setForm(null);
    await load();
    onChanged();
  };
  const test = async (busId: number) => {
    setTests((s) => ({ ...s, [busId]: 'running' }));
    const result = await client.call('buses.test', { busId });
    setTests((s) => ({ ...s, [busId]: result.ok ? result.value : { failure: result.error.message } }));
  };
  return { buses, form, setForm, error, tests, edit, save, test, load };
}

export type BusesModel = ReturnType<typeof useBuses>;
