import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch';

/** Browser mode without (or with a stale) launch token: say exactly what to do. */
export function LaunchTokenScreen() {
  const { t } = useTranslation();
  return (
    <div className="login-page" data-testid="launch-token-missing">
      <div className="login-box wide">
        <div className="login-lang"><LanguageSwitch /></div>
        <Result status="warning" title={t('token.title')}
          subTitle={<div className="token-help"><p>{t('token.body')}</p><pre className="mono">halldesk start --browser</pre><p>{t('token.after')}</p></div>} />
      </div>
    </div>
  );
}
