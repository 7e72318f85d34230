import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatabaseSettingsView, DatabaseTestView } from '../../../shared/contract/system-views';
import { useApi } from '../api/ApiContext';

/** The test's outcome in one line, in the admin's language. */
function testText(result: DatabaseTestView, t: (key: string, params?: Record<string, string>) => string): string {
  if (!result.ok) return t('database.testFailed', { reason: result.reason });
  return t(result.hallDesk ? 'database.testOk' : 'database.testOkEmpty', { version: result.serverVersion });
}

/** The settings page's database section: what runs now, what the next start opens, trying and saving a URL. */
export function useDatabaseSettings() {
  const { t } = useTranslation();
  const client = useApi();
  const [settings, setSettings] = useState<DatabaseSettingsView | null>(null);
  const [url, setUrl] = useState('');
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<{ ok: boolean; text: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void client.call('system.databaseSettings', {}).then((r) => (r.ok ? setSettings(r.value) : setError(r.error.message)));
  }, [client]);

  const test = useCallback(async () => {
    if (url.trim() === '') return setError(t('database.needUrl'));
    setTesting(true);
    setError(null);
    setTested(null);
    const result = await client.call('system.testDatabase', { url });
    setTesting(false);
    if (!result.ok) return setError(result.error.message);
    setTested({ ok: result.value.ok, text: testText(result.value, t) });
  }, [client, url, t]);

  const save = useCallback(async (kind: 'postgres' | 'sqlite') => {
    if (kind === 'postgres' && url.trim() === '') return setError(t('database.needUrl'));
    setSaved(false);
    const result = await client.call('system.saveDatabase', kind === 'postgres' ? { kind, url } : { kind });
    setError(result.ok ? null : result.error.message);
    if (!result.ok) return;
    setSettings(result.value);
    setSaved(true);
  }, [client, url, t]);

  return { settings, url, setUrl, testing, tested, saved, error, test, save };
}
