import { Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTROL_ACTIONS } from '../../../../shared/vocabulary';
import type { ControlAction } from '../../../../shared/vocabulary';
import { TOU_PERIODS } from './commandInput';
import type { CommandTexts } from './commandInput';

interface Props {
  readonly action: ControlAction;
  readonly texts: CommandTexts;
  readonly onAction: (action: ControlAction) => void;
  readonly onTexts: (texts: CommandTexts) => void;
}

function PriceFields({ texts, onTexts }: Pick<Props, 'texts' | 'onTexts'>) {
  const { t } = useTranslation();
  return (
    <div className="form-grid" data-testid="control-prices">
      {TOU_PERIODS.map((period) => [
        <label key={`l-${period}`} htmlFor={`control-price-${period}`}>{t(`controls.fields.${period}`)}</label>,
        <Input key={period} id={`control-price-${period}`} data-testid={`control-price-${period}`} className="mono" suffix={t('controls.perUnit')}
          value={texts.prices[period]} inputMode="decimal" style={{ width: 200 }}
          onChange={(e) => onTexts({ ...texts, prices: { ...texts.prices, [period]: e.target.value } })} />,
      ])}
    </div>
  );
}

function AlarmFields({ texts, onTexts }: Pick<Props, 'texts' | 'onTexts'>) {
  const { t } = useTranslation();
  return (
    <div className="form-grid" data-testid="control-alarms">
      {(['alarm1', 'alarm2'] as const).map((field) => [
        <label key={`l-${field}`} htmlFor={`control-${field}`}>{t(`controls.fields.${field}`)}</label>,
        <Input key={field} id={`control-${field}`} data-testid={`control-${field}`} className="mono" prefix="¥" value={texts[field]} inputMode="decimal"
          style={{ width: 200 }} onChange={(e) => onTexts({ ...texts, [field]: e.target.value })} />,
      ])}
    </div>
  );
}

/** Step 2: the command — relay, keep-power, valve, or settings with their exact parameters. */
export function CommandStep({ action, texts, onAction, onTexts }: Props) {
  const { t } = useTranslation();
  return (
    <div data-testid="control-step-command">
      <Radio.Group data-testid="control-action" value={action} onChange={(e) => onAction(e.target.value as ControlAction)}
        options={CONTROL_ACTIONS.map((a) => ({ value: a, label: <span data-testid={`control-action-${a}`}>{t(`controls.actions.${a}`)}</span> }))} />
      {action === 'set_prices' && <PriceFields texts={texts} onTexts={onTexts} />}
      {action === 'set_alarms' && <AlarmFields texts={texts} onTexts={onTexts} />}
    </div>
  );
}
