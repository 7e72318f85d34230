import { Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WizardInputs } from './useControlWizard';

/** Step 4: when the job takes effect (now, or a Beijing date and time) and why. */
export function ScheduleStep({ inputs, draftId }: { inputs: WizardInputs; draftId: number | null }) {
  const { t } = useTranslation();
  return (
    <div data-testid="control-step-schedule" className="form-grid">
      <span>{t('controls.effective')}</span>
      <Radio.Group data-testid="control-when" value={inputs.when} disabled={draftId !== null} onChange={(e) => inputs.setWhen(e.target.value === 'at' ? 'at' : 'now')}
        options={[
          { value: 'now', label: <span data-testid="control-when-now">{t('controls.now')}</span> },
          { value: 'at', label: <span data-testid="control-when-at">{t('controls.at')}</span> },
        ]} />
      {inputs.when === 'at' && <label htmlFor="control-at">{t('controls.atLabel')}</label>}
      {inputs.when === 'at' && (
        <Input id="control-at" data-testid="control-at" className="mono" placeholder="2026-10-09 14:30" value={inputs.atText} disabled={draftId !== null}
          onChange={(e) => inputs.setAtText(e.target.value)} style={{ width: 200 }} />
      )}
      <label htmlFor="control-reason">{t('controls.reason')}</label>
      <Input id="control-reason" data-testid="control-reason" value={inputs.reason} maxLength={200} disabled={draftId !== null}
        onChange={(e) => inputs.setReason(e.target.value)} />
      {draftId !== null && <span />}
      {draftId !== null && <span data-testid="control-draft">{t('controls.draftKept', { id: draftId })}</span>}
    </div>
  );
}
