/** Entry of the counter screen: pick the host (Electron bridge or browser mode), build the client, render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { chooseTransport } from './api/boot';
import { createApiClient } from './api/client';
import { createConnection } from './api/connection';
import { storedLanguage } from './i18n/language';
import { createUiI18n, currentLanguage } from './i18n/setup';
import './styles.css';

const i18n = createUiI18n(storedLanguage(window.localStorage));
const host = chooseTransport(window);
const connection = createConnection(window.sessionStorage, host.tokenMissing);
const client = createApiClient({
  transport: host.transport,
  connection,
  language: () => currentLanguage(i18n),
  message: (code) => i18n.t(code === 'network' ? 'fail.network' : 'fail.launchToken'),
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App services={{ client, connection, mode: host.mode }} i18n={i18n} />
  </StrictMode>,
);
