import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText';
import { useFocus } from '../keys/focus';
import { yuan } from '../money/format';
import type { SaleModel } from './useSale';

/** Cash handed over (empty = exactly the payable) and the change, computed in fen. */
export function TenderField({ sale }: { sale: SaleModel }) {
  const { t } = useTranslation();
  const { register } = useFocus();
  const payable = sale.quote.quote?.payable;
  const change = sale.tender?.ok ? sale.tender.change : null;
  return (
    <div className="tender-row">
      <div className="field">
        <label htmlFor="tendered-input" className="field-label">{t('sale.tendered')}</label>
        <Input
          id="tendered-input"
          ref={(input) => register('tendered')(input?.input ?? null)}
          data-testid="tendered-input"
          className="big-input"
          size="large"
          inputMode="decimal"
          autoComplete="off"
          maxLength={14}
          prefix="¥"
          suffix={t('sale.yuan')}
          placeholder={payable === undefined ? '' : t('sale.tenderedExact', { payable: yuan(payable) })}
          value={sale.entry.tenderedText}
          readOnly={sale.submit.locked}
          status={sale.tenderError ? 'error' : undefined}
          onChange={(event) => sale.entry.setTenderedText(event.target.value)}
          onPressEnter={() => void sale.confirm()}
          aria-invalid={!!sale.tenderError}
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
