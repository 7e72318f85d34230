import { Button, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiContext';
import { ErrorText } from '../../components/ErrorText';
import type { SettingsTexts } from './settingsForm';
import { useBalanceSettings } from './useBalanceSettings';

const AMOUNTS = ['alarm1', 'alarm2', 'overdraftLimit'] as const;
const TIMES = ['nightStart', 'nightEnd'] as const;

/** An administrator's settings of hall-kept balances: alarm amounts, overdraft limit, automatic trip, keep-power window. */
export function SettingsForm() {
  const { t } = useTranslation();
  const model = useBalanceSettings(useApi());
  const { texts } = model;
  if (!texts) return <ErrorText testId="balance-settings-error" message={model.error} />;
  const set = (patch: Partial<SettingsTexts>) => model.setTexts({ ...texts, ...patch });
  const save = () => void model.save();
  return (
    <section data-testid="balance-settings">
      <h3>{t('balances.settings')}</h3>
      <div className="form-grid">
        {AMOUNTS.map((field) => [
          <label key={`l-${field}`} htmlFor={`balance-${field}`}>{t(`balances.fields.${field}`)}</label>,
          <Input key={field} id={`balance-${field}`} data-testid={`balance-${field}`} prefix="¥" className="mono" style={{ width: 200 }}
            value={texts[field]} onChange={(e) => set({ [field]: e.target.value })} onPressEnter={save} />,
        ])}
        <label htmlFor="balance-autoTrip">{t('balances.fields.autoTrip')}</label>
        <Switch id="balance-autoTrip" data-testid="balance-autoTrip" checked={texts.autoTrip} onChange={(autoTrip) => set({ autoTrip })} />
        {TIMES.map((field) => [
          <label key={`l-${field}`} htmlFor={`balance-${field}`}>{t(`balances.fields.${field}`)}</label>,
          <Input key={field} id={`balance-${field}`} data-testid={`balance-${field}`} className="mono" placeholder="22:00" style={{ width: 120 }}
            value={texts[field]} onChange={(e) => set({ [field]: e.target.value })} onPressEnter={save} />,
        ])}
        <label htmlFor="balance-nonWorkingDays">{t('balances.fields.nonWorkingDays')}</label>
        <Switch id="balance-nonWorkingDays" data-testid="balance-nonWorkingDays" checked={texts.nonWorkingDays} onChange={(nonWorkingDays) => set({ nonWorkingDays })} />
      </div>
      <ErrorText testId="balance-settings-error" message={model.error} />
      {model.saved && <p data-testid="balance-settings-saved">{t('balances.saved')}</p>}
      <Button type="primary" data-testid="balance-settings-save" loading={model.busy} onClick={save}>{t('balances.save')}</Button>
    </section>
  );
}
