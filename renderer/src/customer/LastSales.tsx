import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeterView, SaleSummary } from '../../../shared/contract/views';
import { formatUnits, units } from '../../../shared/money';
import { unitLabel, yuan } from '../money/format';
import { shortDate } from '../components/dates';

/**
 * SaleSummary does not carry the reversal yet (asked for in the contract): read it when the backend sends
 * it (`reversal` like SaleView's, or a `reversed` flag).
 */
export function isReversed(sale: SaleSummary): boolean {
  return sale.reversal !== null;
}

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
            <td className="mono">{sale.receiptNo}{isReversed(sale) && <Tag color="red" className="reversed-tag" data-testid="sale-reversed">{t('reversal.reversed')}</Tag>}</td>
            <td className="num">{yuan(sale.payable)}</td>
            <td className="num">{sale.creditKind === 'energy' ? formatUnits(units(sale.units)) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
