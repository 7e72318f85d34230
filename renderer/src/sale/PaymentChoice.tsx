import { Alert, Radio, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CashRuleView } from '../../../shared/contract/money-views';
import { ErrorText } from '../components/ErrorText';
import { SearchField } from '../components/SearchField';
import { yuan } from '../money/format';
import type { SaleModel } from './useSale';

/** The cash rules in force for this meter today, when they are anything but plain cash. */
export function CashRuleNotice({ rule }: { rule: CashRuleView | null }) {
  const { t } = useTranslation();
  if (!rule || rule.cash === 'allowed') return null;
  const text = rule.cash === 'refused'
    ? t('payment.cashRefused')
    : t('payment.needsApproval', { max: yuan(rule.perApprovalMax), remaining: yuan(rule.remainingThisHoliday), due: rule.nextBankWorkingDay });
  return <Alert data-testid="cash-rule" data-cash={rule.cash} type={rule.cash === 'refused' ? 'error' : 'warning'} showIcon title={text} />;
}

function VoucherList({ sale }: { sale: SaleModel }) {
  const { t } = useTranslation();
  const { payment } = sale;
  if (payment.vouchers.length === 0) return <div className="muted" data-testid="no-vouchers">{t('payment.noVouchers')}</div>;
  return (
    <Radio.Group className="voucher-list" value={payment.voucherId} onChange={(e) => payment.setVoucherId(Number(e.target.value))}
      disabled={sale.submit.locked}>
      {payment.vouchers.map((v) => (
        <div key={v.id} data-testid="voucher-option" data-voucher-id={v.id} data-checked={v.id === payment.voucherId}>
          <Radio value={v.id}>
            <span className="mono">{v.referenceNo}</span> · {v.bank} · {v.payer} · {t('payment.remaining', { amount: yuan(v.remaining) })}
          </Radio>
        </div>
      ))}
    </Radio.Group>
  );
}

/** Cash or bank-transfer voucher (F6 switches); a voucher pays exactly the payable. */
export function PaymentChoice({ sale }: { sale: SaleModel }) {
  const { t } = useTranslation();
  const { payment } = sale;
  const refused = sale.quote.quote?.cashRule.cash === 'refused';
  return (
    <div className="payment" data-testid="payment">
      <div className="payment-head">
        <span className="field-label">{t('payment.method')} <kbd className="key-hint">F6</kbd></span>
        <Segmented data-testid="payment-method" value={payment.method} disabled={sale.submit.locked}
          onChange={(value) => payment.choose(value === 'voucher' ? 'voucher' : 'cash')}
          options={[{ value: 'cash', label: t('payment.cash'), disabled: refused }, { value: 'voucher', label: t('payment.voucher') }]} />
      </div>
      {payment.method === 'voucher' && (
        <div className="payment-vouchers">
          <VoucherList sale={sale} />
          <SearchField testId="voucher-ref-input" placeholder={t('payment.findByRef')} value={payment.refText}
            onChange={payment.setRefText} onSearch={() => void payment.findByRef()} />
          <ErrorText testId="voucher-error" message={payment.error} />
        </div>
      )}
    </div>
  );
}
