import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { BigAmountInput } from '../components/BigAmountInput';
import { ErrorText } from '../components/ErrorText';
import type { ShiftModel } from './useShift';

/** No open shift: count the float into the drawer and open one (Enter). Selling waits for it. */
export function ShiftOpenPanel({ model, onOpened }: { model: ShiftModel; onOpened: () => void }) {
  const { t } = useTranslation();
  const open = async () => {
    if (await model.open()) onOpened();
  };
  return (
    <div className="shift-open" data-testid="shift-open-panel">
      <h2>{t('shift.openTitle')}</h2>
      <p className="muted">{t('shift.openHelp')}</p>
      <label htmlFor="float-input" className="field-label">{t('shift.float')}</label>
      <div className="shift-open-row">
        <BigAmountInput
          id="float-input"
          focus="float"
          testId="shift-float-input"
          prefix="¥"
          placeholder="0.00"
          value={model.floatText}
          onChange={model.setFloatText}
          onEnter={() => void open()}
        />
        <Button data-testid="shift-open" type="primary" size="large" loading={model.busy} onClick={() => void open()}>
          {t('shift.open')} <kbd className="key-hint">Enter</kbd>
        </Button>
      </div>
      <ErrorText testId="shift-error" message={model.error} large />
    </div>
  );
}
