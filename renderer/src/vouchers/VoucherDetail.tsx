import { Button, Descriptions, Modal, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoucherDetailView, VoucherDrawView, VoucherImageView } from '../../../shared/contract/money-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { dateTime } from '../components/dates';
import { yuan } from '../money/format';

function ImageView({ image }: { image: VoucherImageView }) {
  const src = `data:${image.mime};base64,${image.dataBase64}`;
  if (image.mime === 'application/pdf') return <iframe className="slip-frame" src={src} title="voucher" data-testid="voucher-image-view" />;
  return <img className="voucher-scan" src={src} alt="voucher" data-testid="voucher-image-view" />;
}

function Facts({ v }: { v: VoucherDetailView }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" bordered column={2}>
      <Descriptions.Item label={t('vouchers.fields.bank')}>{v.bank}</Descriptions.Item>
      <Descriptions.Item label={t('vouchers.fields.referenceNo')}><span className="mono">{v.referenceNo}</span></Descriptions.Item>
      <Descriptions.Item label={t('vouchers.fields.payer')}>{v.payer}</Descriptions.Item>
      <Descriptions.Item label={t('vouchers.fields.payerAccount')}><span className="mono">{v.payerAccount}</span></Descriptions.Item>
      <Descriptions.Item label={t('vouchers.fields.amount')}>{yuan(v.amount)}</Descriptions.Item>
      <Descriptions.Item label={t('vouchers.remaining')}><span data-testid="voucher-detail-remaining">{yuan(v.remaining)}</span></Descriptions.Item>
      <Descriptions.Item label={t('vouchers.state')}><span data-testid="voucher-detail-state">{t(`vouchers.states.${v.state}`)}</span></Descriptions.Item>
      <Descriptions.Item label={t('vouchers.fields.account')}>{v.accountNo ?? t('vouchers.anyAccount')}</Descriptions.Item>
    </Descriptions>
  );
}

/** One voucher: its facts, every draw on it (and give-backs by reversal), the scanned image. */
export function VoucherDetail({ voucherId, onClose }: { voucherId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [detail, setDetail] = useState<VoucherDetailView | null>(null);
  const [image, setImage] = useState<VoucherImageView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    setImage(null);
    if (voucherId === null) return;
    void client.call('vouchers.get', { voucherId }).then((r) => (r.ok ? setDetail(r.value) : setError(r.error.message)));
  }, [client, voucherId]);
  const showImage = async () => {
    if (voucherId === null) return;
    const r = await client.call('vouchers.image', { voucherId });
    if (r.ok) setImage(r.value);
    else setError(r.error.message);
  };
  return (
    <Modal open={voucherId !== null} onCancel={onClose} footer={null} width={760} destroyOnHidden title={t('vouchers.detail')}>
      <div data-testid="voucher-detail">
        {detail && <Facts v={detail} />}
        <Table<VoucherDrawView> size="small" rowKey={(d) => `${d.saleId}:${d.at}`} pagination={false} dataSource={[...(detail?.draws ?? [])]} data-testid="voucher-draws"
          columns={[
            { title: t('result.receipt'), dataIndex: 'receiptNo', render: (v: string) => <span className="mono">{v}</span> },
            { title: t('reversal.at'), dataIndex: 'at', render: (v: string) => dateTime(v) },
            { title: t('deposits.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
          ]} />
        {detail?.hasImage && !image && <Button data-testid="voucher-show-image" onClick={() => void showImage()}>{t('vouchers.showImage')}</Button>}
        {image && <ImageView image={image} />}
        <ErrorText testId="voucher-detail-error" message={error} />
      </div>
    </Modal>
  );
}
