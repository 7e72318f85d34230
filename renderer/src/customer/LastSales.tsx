import { useTranslation } from 'react-i18next';
import type { MeterView } from '../../../shared/contract/views';
import { formatUnits, units } from '../../../shared/money';
import { unitLabel, yuan } from '../money/format';
import { shortDate } from '../components/dates';

/** The meter's last purchases: date, receipt, amount, units. */
export function LastSales({ meter }: { meter: MeterView }) {
  const { t } = useTranslation();
  if (meter.lastSales.length === 0) return <div className="muted last-sales">{t('meter.noSales')}</div>;
  return (
    <table className="grid last-sales" data-testid="last-sales">
      <caption>{t('meter.lastSales')}</caption>
      <thead>
        <tr><th>{t('meter.date')}</th><th>{t('result.receipt')}</th><th className="num">{t('quote.charge')}</th><th className="num">{unitLabel(meter.utility)}</th></tr>
      </thead>
      <tbody>
        {meter.lastSales.map((sale) => (
          <tr key={sale.id}>
            <td>{shortDate(sale.createdAt)}</td>
            <td className="mono">{sale.receiptNo}</td>
            <td className="num">{yuan(sale.payable)}</td>
            <td className="num">{sale.creditKind === 'energy' ? formatUnits(units(sale.units)) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
