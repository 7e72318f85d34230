import { Button, Descriptions, Input, Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../shared/contract/views';
import { ErrorText } from '../components/ErrorText';
import { SearchField } from '../components/SearchField';
import { dateTime } from '../components/dates';
import { yuan } from '../money/format';
import { CardReversalNotice } from './CardReversalNotice';
import { useReversal } from './useReversal';

function SaleFacts({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" bordered column={2} data-testid="reversal-sale">
      <Descriptions.Item label={t('result.receipt')}><span className="mono">{sale.receiptNo}</span></Descriptions.Item>
      <Descriptions.Item label={t('reversal.at')}>{dateTime(sale.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('result.payable')}>{yuan(sale.payable)}</Descriptions.Item>
      <Descriptions.Item label={t('payment.method')}>{t(`payment.${sale.paymentMethod}`)}</Descriptions.Item>
      {sale.reversal && (
        <Descriptions.Item label={t('reversal.reversed')} span={2}>
          <Tag color="red" data-testid="sale-reversed">{t('reversal.reversed')}</Tag><span className="mono">{sale.reversal.receiptNo}</span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** Reversal (冲正): find the sale by receipt number, give the reason, a supervisor approves, a compensating entry is made. */
export function ReversalPage({ onReversed }: { onReversed: () => void }) {
  const { t } = useTranslation();
  const model = useReversal(onReversed);
  const { receiptText, setReceiptText, sale, reason, setReason, error, done, find, reverse } = model;
  return (
    <div className="page-body" data-testid="reversal-page">
      <header className="page-head"><h2>{t('nav.reversal')}</h2></header>
      <SearchField testId="reversal-receipt" autoFocus placeholder={t('reversal.receipt')} value={receiptText} onChange={setReceiptText} onSearch={() => void find()} />
      {sale && <SaleFacts sale={sale} />}
      {sale && !sale.reversal && !done && !model.onCard && (
        <div className="reversal-form">
          <Input data-testid="reversal-reason" placeholder={t('reversal.reason')} value={reason} maxLength={200}
            onChange={(e) => setReason(e.target.value)} onPressEnter={() => void reverse()} />
          <Button danger type="primary" data-testid="reversal-submit" onClick={() => void reverse()}>{t('reversal.submit')}</Button>
        </div>
      )}
      <CardReversalNotice model={model} />
      <ErrorText testId="reversal-error" message={error} large />
      {done && (
        <Result status="success" data-testid="reversal-done" title={t('reversal.done')}
          subTitle={<span>{t('reversal.receiptNo')} <strong className="mono" data-testid="reversal-receipt-no">{done.receiptNo}</strong> · {yuan(done.amount)}</span>} />
      )}
    </div>
  );
}
