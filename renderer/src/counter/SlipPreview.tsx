import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlipModel } from '../sale/useSlip';

/** Where a new window for the PDF was refused: the slip inside the page (frame-src allows blob:). */
export function SlipPreview({ slip }: { slip: SlipModel }) {
  const { t } = useTranslation();
  const preview = slip.preview;
  return (
    <Modal open={preview !== null} onCancel={slip.closePreview} footer={null} width="80vw" destroyOnHidden
      title={preview ? t('slip.title', { receipt: preview.receiptNo }) : ''}>
      {preview && <iframe className="slip-frame" src={preview.url} title={t('slip.title', { receipt: preview.receiptNo })} data-testid="slip-preview" />}
    </Modal>
  );
}
