import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api/client';
import { parseSettings, settingsTexts } from './settingsForm';
import type { SettingsTexts } from './settingsForm';

/** The hall-kept balance settings (balances.settings), edited as text and saved exactly (balances.setSettings). */
export function useBalanceSettings(client: ApiClient) {
  const { t } = useTranslation();
  const [texts, setTexts] = useState<SettingsTexts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void client.call('balances.settings', {}).then((r) => (r.ok ? setTexts(settingsTexts(r.value)) : setError(r.error.message)));
  }, [client]);
  const save = async () => {
    if (!texts || busy) return;
    setSaved(false);
    const parsed = parseSettings(texts);
    if (!parsed.ok) return setError(t(`balances.problem.${parsed.problem}`, { field: t(`balances.fields.${parsed.field}`) }));
    setBusy(true);
    setError(null);
    const result = await client.call('balances.setSettings', parsed.value);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setTexts(settingsTexts(result.value));
    setSaved(true);
  };
  return { texts, setTexts, error, saved, busy, save };
}
