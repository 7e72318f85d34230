import { useTranslation } from 'react-i18next';
import { BigAmountInput } from '../components/BigAmountInput';
import { ErrorText } from '../components/ErrorText';
import { yuan } from '../money/format';
import type { SaleModel } from './useSale';

/** Cash handed over (empty = exactly the payable) and the change, computed in fen. */
export function TenderField({ sale }: { sale: SaleModel }) {
  const { t } = useTranslation();
  const payable = sale.quote.quote?.payable;
  const change = sale.tender?.ok ? sale.tender.change : null;
  return (
    <div className="tender-row">
      <div className="field">
        <label htmlFor="tendered-input" className="field-label">{t('sale.tendered')}</label>
        <BigAmountInput
          id="tendered-input"
          focus="tendered"
          testId="tendered-input"
          prefix="¥"
          suffix={t('sale.yuan')}
          placeholder={payable === undefined ? '' : t('sale.tenderedExact', { payable: yuan(payable) })}
          value={sale.entry.tenderedText}
          readOnly={sale.submit.locked}
          invalid={!!sale.tenderError}
          onChange={sale.entry.setTenderedText}
          onEnter={() => void sale.confirm()}
        />
        <ErrorText testId="tendered-error" message={sale.tenderError} />
      </div>
      <div className="change">
        <div className="field-label">{t('sale.change')}</div>
        <div className="amount amount-xl change-value" data-testid="change-display" aria-live="polite">
          {change === null ? '—' : yuan(change)}
        </div>
      </div>
    </div>
  );
}
