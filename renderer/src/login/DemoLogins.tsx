import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import type { LoginInfoView } from '../../../shared/contract/views';

type DemoLogin = LoginInfoView['demoLogins'][number];

/** The demo hall's logins, shown only when the backend says it runs a demo hall (auth.loginInfo). */
export function DemoLogins({ client, onPick }: { client: ApiClient; onPick: (login: DemoLogin) => void }) {
  const { t } = useTranslation();
  const [logins, setLogins] = useState<readonly DemoLogin[]>([]);
  useEffect(() => {
    let live = true;
    void client.call('auth.loginInfo', {}).then((result) => {
      if (live && result.ok && result.value.demo) setLogins(result.value.demoLogins);
    });
    return () => { live = false; };
  }, [client]);
  if (logins.length === 0) return null;
  return (
    <div className="demo-logins" data-testid="demo-logins">
      <div className="field-label">{t('login.demoTitle')}</div>
      <table>
        <tbody>
          {logins.map((login) => (
            <tr key={login.username} data-testid="demo-login" onClick={() => onPick(login)}>
              <td>{t(`login.role.${login.role}`)}</td><td><code>{login.username}</code></td><td><code>{login.password}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
