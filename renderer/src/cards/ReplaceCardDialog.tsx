import { Alert, Button, Input, Modal, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeterView } from '../../../shared/contract/views';
import type { CardReplacementView } from '../../../shared/contract/card-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { yuan } from '../money/format';
import { useHoldReader } from './cardBusy';
import { useReplaceCard } from './useReplaceCard';
import type { ReplaceCardModel } from './useReplaceCard';

function Done({ view }: { view: CardReplacementView }) {
  const { t } = useTranslation();
  return (
    <Result status="success" data-testid="card-replace-done" title={t('cards.replace.done', { cardNo: view.card.cardNo })}
      subTitle={(
        <span>
          {t('cards.replace.receipt')} <strong className="mono" data-testid="card-replace-receipt">{view.feeReceiptNo}</strong>
          {' · '}{t('cards.replace.fee')} <span data-testid="card-replace-fee">{yuan(view.fee)}</span>
          {' · '}{t('cards.replace.change')} <strong className="amount" data-testid="card-replace-change">{yuan(view.change)}</strong>
        </span>
      )} />
  );
}

function Form({ model }: { model: ReplaceCardModel }) {
  const { t } = useTranslation();
  const change = model.tender.ok && model.tender.change !== null ? yuan(model.tender.change) : '—';
  return (
    <div className="form-grid">
      <span>{t('cards.replace.fee')}</span>
      <strong className="amount" data-testid="card-replace-fee">{model.fee === null ? '—' : yuan(model.fee)}</strong>
      <label htmlFor="card-replace-tendered">{t('cards.replace.tendered')}</label>
      <Input id="card-replace-tendered" data-testid="card-replace-tendered" autoFocus value={model.tenderedText} disabled={model.busy}
        placeholder={model.fee === null ? '' : yuan(model.fee)} onChange={(e) => model.setTenderedText(e.target.value)} onPressEnter={() => void model.submit()} />
      <span>{t('cards.replace.change')}</span>
      <span className="amount" data-testid="card-replace-change-due">{change}</span>
    </div>
  );
}

function Body({ meter, onClose, onReplaced }: { meter: MeterView; onClose: () => void; onReplaced: () => void }) {
  const { t } = useTranslation();
  const model = useReplaceCard(useApi(), meter, onReplaced);
  useHoldReader(model.busy);
  return (
    <div data-testid="card-replace">
      {model.done ? <Done view={model.done} /> : <Form model={model} />}
      {!model.done && <Alert type="info" showIcon title={t('cards.replace.needBlank')} className="dialog-alert" />}
      {model.busy && <Alert type="info" showIcon icon={<Spin size="small" />} data-testid="card-replace-writing" title={t('cards.write.writing')} />}
      <ErrorText testId="card-replace-error" message={model.error} />
      <div className="dialog-actions">
        <Button data-testid="card-replace-close" onClick={onClose}>{t('cards.replace.close')}</Button>
        {!model.done && <Button type="primary" data-testid="card-replace-submit" loading={model.busy} onClick={() => void model.submit()}>{t('cards.replace.submit')}</Button>}
      </div>
    </div>
  );
}

/** 补卡 for a meter whose card was reported lost: the fee, the cash, a supervisor's approval, the new card written. */
export function ReplaceCardDialog({ meter, open, onClose, onReplaced }: { meter: MeterView; open: boolean; onClose: () => void; onReplaced: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('cards.replace.title')} footer={null} destroyOnHidden onCancel={onClose}>
      {open && <Body meter={meter} onClose={onClose} onReplaced={onReplaced} />}
    </Modal>
  );
}
