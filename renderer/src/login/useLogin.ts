import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import type { Connection } from '../api/connection';

/** The login form: username, password, the backend's answer in the clerk's language. */
export function useLogin(client: ApiClient, connection: Connection) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = useCallback(async () => {
    if (busy) return;
    if (!username.trim() || !password) return setError(t('login.missing'));
    setBusy(true);
    const result = await client.call('auth.login', { username: username.trim(), password });
    setBusy(false);
    if (result.ok) return connection.loggedIn(result.value);
    setError(result.error.message);
    setPassword('');
  }, [busy, username, password, client, connection, t]);

  return { username, setUsername, password, setPassword, error, busy, submit };
}
