import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeterView, QuoteView } from '../../../shared/contract/views';
import { formatPrice, price } from '../../../shared/money';
import { ErrorText } from '../components/ErrorText';
import { remainingText, unitsText, yuan } from '../money/format';

function TierSplit({ quote, meter }: { quote: QuoteView; meter: MeterView }) {
  const { t } = useTranslation();
  if (quote.segments.length === 0) return null;
  return (
    <table className="grid tier-split" data-testid="quote-table">
      <thead>
        <tr><th>{t('quote.tier')}</th><th className="num">{t('quote.units')}</th><th className="num">{t('quote.price')}</th><th className="num">{t('quote.charge')}</th></tr>
      </thead>
      <tbody>
        {quote.segments.map((segment) => (
          <tr key={segment.tier}>
            <td>{t('meter.tier', { tier: segment.tier })}</td>
            <td className="num">{unitsText(segment.units, meter.utility)}</td>
            <td className="num">{formatPrice(price(segment.price))}</td>
            <td className="num">{yuan(segment.charge)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function QuoteFigures({ quote, meter }: { quote: QuoteView; meter: MeterView }) {
  const { t } = useTranslation();
  const estimate = quote.unitsAreEstimate ? ` ${t('quote.estimate')}` : '';
  return (
    <div className="quote-figures">
      <div className="figure"><div className="figure-label">{t('quote.payable')}</div>
        <div className="figure-value amount amount-xl" data-testid="quote-payable">{yuan(quote.payable)}</div></div>
      {quote.creditKind !== 'hall' && (
        <div className="figure"><div className="figure-label">{t('quote.unitsBought')}{estimate}</div>
          <div className="figure-value amount" data-testid="quote-units">{unitsText(quote.units, meter.utility)}</div></div>
      )}
      {quote.creditBefore > 0 && quote.creditKind === 'energy' && (
        <div className="figure"><div className="figure-label">{t('quote.creditBefore')}</div>
          <div className="figure-value">{yuan(quote.creditBefore)}</div></div>
      )}
      <div className="figure"><div className="figure-label">{t('quote.creditAfter')}</div>
        <div className="figure-value">{yuan(quote.creditAfter)}</div></div>
      <div className="figure"><div className="figure-label">{t('quote.remainingAfter')}</div>
        <div className="figure-value">{remainingText(quote.meterRemainingAfter, quote.creditKind, meter.utility)}</div></div>
    </div>
  );
}

/** The live quote: what the customer pays, what the meter gets, and the tier split behind it. */
export function QuotePanel({ quote, meter, pending, error }: { quote: QuoteView | null; meter: MeterView | undefined; pending: boolean; error: string | null }) {
  return (
    <div className={pending ? 'quote quote-stale' : 'quote'} data-testid="quote" aria-busy={pending}>
      <ErrorText testId="quote-error" message={error} large />
      {pending && <Spin size="small" className="quote-spin" />}
      {quote && meter && <QuoteFigures quote={quote} meter={meter} />}
      {quote && meter && <TierSplit quote={quote} meter={meter} />}
    </div>
  );
}
