import { Button, Descriptions, Input, Result, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReversalView } from '../../../shared/contract/money-views';
import type { SaleView } from '../../../shared/contract/views';
import { useApi } from '../api/ApiContext';
import { useRequestApproval } from '../approval/useApprovalDialog';
import { ErrorText } from '../components/ErrorText';
import { SearchField } from '../components/SearchField';
import { dateTime } from '../components/dates';
import { yuan } from '../money/format';
import { newIdempotencyKey } from '../sale/attempt';

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

/** Find the sale, then reverse it with an approval; one idempotency key per sale looked up. */
function useReversal(onReversed: () => void) {
  const { t } = useTranslation();
  const client = useApi();
  const approve = useRequestApproval();
  const [receiptText, setReceiptText] = useState('');
  const [sale, setSale] = useState<SaleView | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ReversalView | null>(null);
  const key = useRef<string | null>(null);
  const find = async () => {
    setDone(null);
    const result = await client.call('sales.byReceipt', { receiptNo: receiptText.trim() });
    setSale(result.ok ? result.value : null);
    setError(result.ok ? null : result.error.message);
    key.current = null;
  };
  const reverse = async () => {
    if (!sale) return;
    if (!reason.trim()) return setError(t('reversal.reasonRequired'));
    const approvalId = await approve({ kind: 'reversal', saleId: sale.id }, reason.trim());
    if (approvalId === null) return;
    key.current ??= newIdempotencyKey();
    const result = await client.call('sales.reverse', { saleId: sale.id, approvalId, reason: reason.trim(), idempotencyKey: key.current });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setDone(result.value);
    onReversed();
  };
  return { receiptText, setReceiptText, sale, reason, setReason, error, done, find, reverse };
}

/** Reversal (冲正): find the sale by receipt number, give the reason, a supervisor approves, a compensating entry is made. */
export function ReversalPage({ onReversed }: { onReversed: () => void }) {
  const { t } = useTranslation();
  const { receiptText, setReceiptText, sale, reason, setReason, error, done, find, reverse } = useReversal(onReversed);
  return (
    <div className="page-body" data-testid="reversal-page">
      <header className="page-head"><h2>{t('nav.reversal')}</h2></header>
      <SearchField testId="reversal-receipt" autoFocus placeholder={t('reversal.receipt')} value={receiptText} onChange={setReceiptText} onSearch={() => void find()} />
      {sale && <SaleFacts sale={sale} />}
      {sale && !sale.reversal && !done && (
        <div className="reversal-form">
          <Input data-testid="reversal-reason" placeholder={t('reversal.reason')} value={reason} maxLength={200}
            onChange={(e) => setReason(e.target.value)} onPressEnter={() => void reverse()} />
          <Button danger type="primary" data-testid="reversal-submit" onClick={() => void reverse()}>{t('reversal.submit')}</Button>
        </div>
      )}
      <ErrorText testId="reversal-error" message={error} large />
      {done && (
        <Result status="success" data-testid="reversal-done" title={t('reversal.done')}
          subTitle={<span>{t('reversal.receiptNo')} <strong className="mono" data-testid="reversal-receipt-no">{done.receiptNo}</strong> · {yuan(done.amount)}</span>} />
      )}
    </div>
  );
}
