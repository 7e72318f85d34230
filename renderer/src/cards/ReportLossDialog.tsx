import { Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';

/** 挂失: the customer's card is blacklisted at once, with the reason they give. */
export function ReportLossDialog({ meterId, cardNo, open, onClose, onReported }: {
  meterId: number; cardNo: string; open: boolean; onClose: () => void; onReported: () => void;
}) {
  const { t } = useTranslation();
  const client = useApi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!reason.trim()) return setError(t('cards.loss.reasonRequired'));
    setBusy(true);
    const result = await client.call('cards.reportLoss', { meterId, reason: reason.trim() });
    setBusy(false);
    setError(result.ok ? null : result.error.message);
    if (!result.ok) return;
    setReason('');
    onReported();
  };
  return (
    <Modal open={open} title={t('cards.loss.title', { cardNo })} onCancel={onClose} destroyOnHidden okText={t('cards.loss.submit')}
      okButtonProps={{ danger: true, loading: busy, ...{ 'data-testid': 'card-loss-submit' } }} onOk={() => void submit()}>
      <Input data-testid="card-loss-reason" autoFocus placeholder={t('cards.loss.reason')} value={reason} maxLength={200}
        onChange={(e) => setReason(e.target.value)} onPressEnter={() => void submit()} />
      <ErrorText testId="card-loss-error" message={error} />
    </Modal>
  );
}
