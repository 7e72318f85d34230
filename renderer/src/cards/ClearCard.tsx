import { Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { useHoldReader } from './cardBusy';

/** 清卡 (supervisors): wipes the card in the reader, with a reason; the backend refuses a card still holding an unloaded purchase. */
export function ClearCard({ onCleared }: { onCleared: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useHoldReader(busy);
  const submit = async () => {
    if (!reason.trim()) return setError(t('cards.clear.reasonRequired'));
    setBusy(true);
    const result = await client.call('cards.clear', { reason: reason.trim() });
    setBusy(false);
    setError(result.ok ? null : result.error.message);
    if (!result.ok) return;
    setOpen(false);
    setReason('');
    onCleared();
  };
  return (
    <>
      <Button size="small" danger data-testid="card-clear-open" onClick={() => setOpen(true)}>{t('cards.clear.open')}</Button>
      <Modal open={open} title={t('cards.clear.title')} onCancel={() => setOpen(false)} destroyOnHidden
        okText={t('cards.clear.submit')} okButtonProps={{ danger: true, loading: busy, ...{ 'data-testid': 'card-clear-submit' } }} onOk={() => void submit()}>
        <Input data-testid="card-clear-reason" placeholder={t('cards.clear.reason')} value={reason} maxLength={200}
          onChange={(e) => setReason(e.target.value)} onPressEnter={() => void submit()} />
        <ErrorText testId="card-clear-error" message={error} />
      </Modal>
    </>
  );
}
