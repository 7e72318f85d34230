import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/contract/views';
import { AmountField } from './AmountField';
import { ConfirmBar } from './ConfirmBar';
import { MeterPicker } from './MeterPicker';
import { CashRuleNotice, PaymentChoice } from './PaymentChoice';
import { QuotePanel } from './QuotePanel';
import { SaleResult } from './SaleResult';
import { TenderField } from './TenderField';
import type { SaleModel } from './useSale';
import type { SlipModel } from './useSlip';

/** Pick the meter, type money or units, see the quote, take the cash, confirm; then the result and the slip. */
export interface SellPanelProps {
  readonly sale: SaleModel;
  readonly slip: SlipModel;
  readonly account: AccountView | null;
  /** After a sale: ready for the next customer (focus back in the search box). */
  readonly onNext: () => void;
}

export function SellPanel({ sale, slip, account, onNext }: SellPanelProps) {
  const { t } = useTranslation();
  const { entry, submit } = sale;
  if (submit.phase === 'done' && submit.sale) {
    const meter = account?.meters.find((m) => m.id === submit.sale?.meterId);
    return <SaleResult sale={submit.sale} meter={meter} slip={slip} onNext={onNext} />;
  }
  if (!account) return <div className="placeholder sell-placeholder">{t('sale.findFirst')}</div>;
  if (entry.meters.length === 0) return <div className="placeholder" data-testid="no-meters">{t('sale.nothingToSell')}</div>;
  return (
    <div className="sell" data-testid="sell-panel">
      <MeterPicker meters={entry.meters} value={entry.meterId} onChange={entry.setMeterId} disabled={submit.locked} />
      <AmountField sale={sale} />
      <QuotePanel quote={sale.quote.shown} meter={entry.meter} pending={sale.quote.pending} error={sale.quote.error} />
      <CashRuleNotice rule={sale.quote.quote?.cashRule ?? null} />
      <PaymentChoice sale={sale} />
      {sale.payment.method === 'cash' && <TenderField sale={sale} />}
      <ConfirmBar sale={sale} />
    </div>
  );
}
