import { Modal } from 'antd';
import type { DocumentModel } from './useDocument';

/** Where a new window was refused: the PDF inside the page (frame-src allows blob:). */
export function DocumentPreview({ model }: { model: DocumentModel }) {
  const { preview } = model;
  return (
    <Modal open={preview !== null} onCancel={model.close} footer={null} width="80vw" destroyOnHidden title={preview?.title ?? ''}>
      {preview && <iframe className="slip-frame" src={preview.url} title={preview.title} data-testid="document-preview" />}
    </Modal>
  );
}
