import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { i18n as I18n } from 'i18next';
import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ServicesProvider, useConnection, useServices } from './api/ApiContext';
import type { AppServices } from './api/ApiContext';
import { CounterScreen } from './counter/CounterScreen';
import { currentLanguage } from './i18n/setup';
import { FocusProvider } from './keys/focus';
import { LaunchTokenScreen } from './login/LaunchTokenScreen';
import { LoginScreen } from './login/LoginScreen';
import { THEME } from './theme';

function Screens() {
  const { client, connection } = useServices();
  const { session, launchTokenMissing } = useConnection();
  if (launchTokenMissing) return <LaunchTokenScreen />;
  if (!session) return <LoginScreen />;
  const logout = () => {
    void client.call('auth.logout', {}).finally(() => connection.loggedOut());
  };
  return <CounterScreen key={session.session} session={session} onLogout={logout} />;
}

/** antd in the UI's language (zh_CN by default), and the document's lang and title with it. */
function Localized() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp className="app-root">
        <FocusProvider><Screens /></FocusProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App({ services, i18n }: { services: AppServices; i18n: I18n }) {
  return (
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={services}><Localized /></ServicesProvider>
    </I18nextProvider>
  );
}
