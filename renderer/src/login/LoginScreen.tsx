import { Button, Input } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection, useServices } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useFocus } from '../keys/focus';
import { useLogin } from './useLogin';
import { DemoLogins } from './DemoLogins';

/** Username, Enter, password, Enter. A demo hall lists its demo logins below the form. */
export function LoginScreen() {
  const { t } = useTranslation();
  const { client, connection } = useServices();
  const { sessionExpired } = useConnection();
  const { register, focus } = useFocus();
  const form = useLogin(client, connection);
  useEffect(() => focus('username'), [focus]);
  useEffect(() => {
    if (form.error) focus('password');
  }, [form.error, focus]);
  return (
    <div className="login-page">
      <form className="login-box" onSubmit={(event) => { event.preventDefault(); void form.submit(); }}>
        <div className="login-lang"><LanguageSwitch /></div>
        <h1>{t('app.title')}</h1>
        {sessionExpired && <div className="notice" data-testid="session-expired">{t('login.expired')}</div>}
        <label htmlFor="login-username" className="field-label">{t('login.username')}</label>
        <Input id="login-username" ref={(input) => register('username')(input?.input ?? null)} data-testid="login-username" size="large"
          autoComplete="username" value={form.username} onChange={(e) => form.setUsername(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter' && form.username.trim()) { e.preventDefault(); focus('password'); } }} />
        <label htmlFor="login-password" className="field-label">{t('login.password')}</label>
        <Input.Password id="login-password" ref={(input) => register('password')(input?.input ?? null)} data-testid="login-password" size="large"
          autoComplete="current-password" value={form.password} onChange={(e) => form.setPassword(e.target.value)} />
        <ErrorText testId="login-error" message={form.error} large />
        <Button data-testid="login-submit" type="primary" size="large" block htmlType="submit" loading={form.busy}>{t('login.submit')}</Button>
        <DemoLogins client={client} onPick={(login) => { form.setUsername(login.username); form.setPassword(login.password); focus('password'); }} />
      </form>
    </div>
  );
}
