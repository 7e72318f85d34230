import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { BigAmountInput } from '../components/BigAmountInput';
import { ErrorText } from '../components/ErrorText';
import { unitLabel } from '../money/format';
import type { SaleModel } from './useSale';

/** By money or by units; a hall-kept meter sells money only. */
function ModeSwitch({ sale }: { sale: SaleModel }) {
  const { t } = useTranslation();
  const { entry } = sale;
  const utility = entry.meter?.utility ?? 'electricity';
  return (
    <Segmented
      data-testid="sale-mode"
      size="small"
      value={entry.mode}
      onChange={(value) => entry.setMode(value === 'units' ? 'units' : 'money')}
      disabled={sale.submit.locked}
      options={[
        { value: 'money', label: t('sale.byMoney') },
        { value: 'units', label: t(`sale.byUnits.${utility}`), disabled: entry.meter?.creditKind === 'hall' },
      ]}
    />
  );
}

/** Money or units (F4 switches while the field has the focus), in large figures. */
export function AmountField({ sale }: { sale: SaleModel }) {
  const { t } = useTranslation();
  const { entry } = sale;
  const unit = entry.meter ? unitLabel(entry.meter.utility) : '';
  const utility = entry.meter?.utility ?? 'electricity';
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor="amount-input" className="field-label">
          {entry.mode === 'money' ? t('sale.amountMoney') : t(`sale.amountUnits.${utility}`, { unit })}
        </label>
        <ModeSwitch sale={sale} />
        <kbd className="key-hint">F4</kbd>
      </div>
      <BigAmountInput
        id="amount-input"
        focus="amount"
        testId="amount-input"
        prefix={entry.mode === 'money' ? '¥' : undefined}
        suffix={entry.mode === 'money' ? t('sale.yuan') : unit}
        value={entry.amountText}
        readOnly={sale.submit.locked}
        invalid={!!sale.amountError}
        onChange={entry.setAmountText}
        onEnter={sale.advanceFromAmount}
      />
      <ErrorText testId="amount-error" message={sale.amountError} />
    </div>
  );
}
