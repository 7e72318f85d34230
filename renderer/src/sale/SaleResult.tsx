import { Button, Result, Tag } from 'antd';
import PrinterOutlined from '@ant-design/icons/PrinterOutlined';
import { useTranslation } from 'react-i18next';
import type { MeterView, SaleView } from '../../../shared/contract/views';
import { ErrorText } from '../components/ErrorText';
import { useFocus } from '../keys/focus';
import { DELIVERY_COLOR } from '../meters/delivery';
import { remainingText, unitsText, yuan } from '../money/format';
import { PrintStatus } from '../printing/PrintStatus';
import type { SlipAction, SlipModel } from './useSlip';

/** F9's label says what it will do: print, try the waiting job again, or reprint as 补打 n. */
const PRINT_LABEL: Record<SlipAction, string> = { print: 'result.print', retry: 'printing.counter.retry', reprint: 'printing.counter.reprint' };

function Line({ label, value, testId, big = false }: { label: string; value: string; testId?: string; big?: boolean }) {
  return (
    <div className="result-line">
      <span className="result-label">{label}</span>
      <span className={big ? 'amount amount-xl' : 'amount'} data-testid={testId}>{value}</span>
    </div>
  );
}

/** The confirmed sale: receipt number, what was credited, the change to hand back; print (F9), retry or reprint the slip and see where it went. */
export function SaleResult({ sale, meter, slip, onNext }: { sale: SaleView; meter: MeterView | undefined; slip: SlipModel; onNext: () => void }) {
  const { t } = useTranslation();
  const { register } = useFocus();
  const utility = meter?.utility ?? 'electricity';
  return (
    <div className="sale-result" data-testid="sale-result">
      <Result status="success" title={t('result.title')}
        subTitle={<span>{t('result.receipt')} <strong className="mono receipt" data-testid="receipt-no">{sale.receiptNo}</strong>{sale.replayed ? ` ${t('result.replayed')}` : ''}</span>} />
      <div className="result-lines">
        <Line label={t('result.payable')} value={yuan(sale.payable)} testId="sale-payable" />
        {sale.creditKind !== 'hall' && <Line label={t('result.units')} value={unitsText(sale.units, utility)} testId="sale-units" />}
        <Line label={t('result.tendered')} value={yuan(sale.tendered)} testId="sale-tendered" />
        <Line label={t('result.change')} value={yuan(sale.change)} testId="sale-change" big />
        <Line label={t('quote.remainingAfter')} value={remainingText(sale.meterRemainingAfter, sale.creditKind, utility)} />
        <Line label={t('quote.creditAfter')} value={yuan(sale.creditAfter)} />
        {sale.delivery && (
          <div className="result-line">
            <span className="result-label">{t('result.delivery')}</span>
            <Tag color={DELIVERY_COLOR[sale.delivery.state]} data-testid="sale-delivery" data-state={sale.delivery.state}>{t(`delivery.${sale.delivery.state}`)}</Tag>
          </div>
        )}
      </div>
      <div className="result-actions">
        <Button data-testid="print-slip" data-action={slip.action} size="large" icon={<PrinterOutlined />} loading={slip.busy} onClick={() => void slip.print(sale.id)}>
          {t(PRINT_LABEL[slip.action])} <kbd className="key-hint">F9</kbd>
        </Button>
        <Button ref={register('next-sale')} data-testid="new-sale" type="primary" size="large" onClick={onNext}>
          {t('result.next')} <kbd className="key-hint">Enter</kbd>
        </Button>
      </div>
      <PrintStatus step={slip.step} />
      <ErrorText testId="slip-error" message={slip.error} />
    </div>
  );
}
