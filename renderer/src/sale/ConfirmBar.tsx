import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../components/ErrorText';
import { useFocus } from '../keys/focus';
import type { SaleModel } from './useSale';

function paymentMessage(sale: SaleModel, t: (key: string) => string): string | null {
  if (!sale.attempted) return null;
  if (sale.blocker === 'voucher') return t('payment.chooseVoucher');
  if (sale.blocker === 'cash-refused') return t('payment.cashRefused');
  return null;
}

/** Confirm (F8); the backend's refusal right under it; and the way out when an answer was lost. */
export function ConfirmBar({ sale }: { sale: SaleModel }) {
  const { t } = useTranslation();
  const { register } = useFocus();
  const { submit } = sale;
  const uncertain = submit.phase === 'uncertain';
  // While the database server is away nothing may be sent, not even the retry of an uncertain sale.
  const offline = sale.blocker === 'offline';
  return (
    <div className="confirm-bar">
      <Button
        ref={register('confirm')}
        data-testid="confirm-sale"
        type="primary"
        size="large"
        block
        className="confirm-button"
        loading={submit.phase === 'sending'}
        title={offline ? t('database.sellDisabled') : undefined}
        disabled={offline || (!uncertain && sale.blocker !== null && sale.blocker !== 'amount' && sale.blocker !== 'tender' && sale.blocker !== 'voucher' && sale.blocker !== 'cash-refused')}
        onClick={() => void sale.confirm()}
      >
        {uncertain ? t('sale.retry') : t('sale.confirm')} <kbd className="key-hint">F8</kbd>
      </Button>
      <ErrorText testId="sale-error" message={submit.error ?? paymentMessage(sale, t)} large />
      {offline && <div className="error-text" data-testid="sale-offline">{t('database.sellDisabled')}</div>}
      {uncertain && (
        <Alert type="warning" showIcon title={t('sale.uncertainTitle')} description={t('sale.uncertainHelp')}
          action={<Button data-testid="abandon-sale" onClick={sale.next}>{t('sale.abandon')}</Button>} />
      )}
    </div>
  );
}
