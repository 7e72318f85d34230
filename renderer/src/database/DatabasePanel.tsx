import { Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DatabasePlaceView } from '../../../shared/contract/system-views';
import { ErrorText } from '../components/ErrorText';
import { useDatabaseSettings } from './useDatabaseSettings';

function Place({ label, place, testId }: { label: string; place: DatabasePlaceView; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-row" data-testid={testId}>
      <span>{label}</span>
      <span>{place.kind === 'sqlite' ? t('database.kindSqlite') : t('database.kindPostgres')} · <code>{place.location}</code></span>
    </div>
  );
}

/**
 * The administrator's database choice (issue 8): the embedded file for one counter, a PostgreSQL server for a
 * hall of several. Saved for the next start; the backend refuses a URL it cannot parse and audits the change.
 */
export function DatabasePanel() {
  const { t } = useTranslation();
  const model = useDatabaseSettings();
  const { settings } = model;
  return (
    <section className="page-section" data-testid="database-panel">
      <h3>{t('database.title')}</h3>
      {settings && (
        <div className="form-grid">
          <Place label={t('database.current')} place={settings.current} testId="database-current" />
          <Place label={t('database.next')} place={settings.next} testId="database-next" />
        </div>
      )}
      <label className="form-row"><span>{t('database.url')}</span>
        <Input data-testid="database-url" value={model.url} placeholder={t('database.urlPlaceholder')} autoComplete="off" spellCheck={false}
          onChange={(e) => model.setUrl(e.target.value)} onPressEnter={() => void model.test()} /></label>
      <div className="database-actions">
        <Button data-testid="database-test" loading={model.testing} onClick={() => void model.test()}>{t('database.test')}</Button>
        <Button data-testid="database-save" type="primary" onClick={() => void model.save('postgres')}>{t('database.savePostgres')}</Button>
        <Button data-testid="database-sqlite" onClick={() => void model.save('sqlite')}>{t('database.saveSqlite')}</Button>
      </div>
      {model.tested && <div className={model.tested.ok ? 'ok-text' : 'error-text'} data-testid="database-test-result">{model.tested.text}</div>}
      {model.saved && <span className="ok-text" data-testid="database-saved">{t('database.saved')}</span>}
      <ErrorText testId="database-error" message={model.error} />
      <p className="muted" data-testid="database-hint">{t('database.hint', { file: settings?.choiceFile ?? 'database.json' })}</p>
    </section>
  );
}
