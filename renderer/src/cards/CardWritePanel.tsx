import { Alert, Button, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardReconcileView } from '../../../shared/contract/card-views';
import { settlementOutcome } from './useCardWrite';
import type { CardWriteModel } from './useCardWrite';

function Settled({ result, onDone }: { result: CardReconcileView; onDone: () => void }) {
  const { t } = useTranslation();
  const outcome = settlementOutcome(result);
  return (
    <Alert type={outcome === 'completed' ? 'success' : 'warning'} showIcon data-testid="card-write-settled" data-outcome={outcome}
      title={t(`cards.write.${outcome}`)}
      description={result.reversedReceipts.length > 0 && (
        <span>{t('cards.write.refundReceipts')} <strong className="mono" data-testid="card-write-reversal">{result.reversedReceipts.join(', ')}</strong></span>
      )}
      action={<Button size="small" data-testid="card-write-dismiss" onClick={onDone}>{t('cards.write.dismiss')}</Button>} />
  );
}

/** The recovery prompt (issue 6 item 7): the write did not finish — reinsert the card and retry, or settle it against the card. */
function Recovery({ model, code, message }: { model: CardWriteModel; code: string | null; message: string | null }) {
  const { t } = useTranslation();
  const settling = model.state.phase === 'settling';
  return (
    <Alert type="error" showIcon data-testid="card-recovery" data-code={code ?? ''}
      title={t(code === null ? 'cards.write.openTitle' : 'cards.write.failedTitle')}
      description={<div>{message && <div data-testid="card-write-error">{message}</div>}<div>{t('cards.write.help')}</div></div>}
      action={(
        <div className="card-recovery-actions">
          <Button type="primary" data-testid="card-write-retry" disabled={settling} autoFocus={code !== null} onClick={() => void model.retry()}>{t('cards.write.retry')}</Button>
          <Button data-testid="card-write-settle" loading={settling} onClick={() => void model.settle()}>{t('cards.write.settle')}</Button>
        </div>
      )} />
  );
}

/** A card write's progress (写卡中… → 已写卡并核对) and, when it does not finish, the way out. */
export function CardWritePanel({ model }: { model: CardWriteModel }) {
  const { t } = useTranslation();
  const { state } = model;
  switch (state.phase) {
    case 'idle': return null;
    case 'writing':
      return <Alert type="info" showIcon icon={<Spin size="small" />} data-testid="card-write" data-phase="writing" title={t('cards.write.writing')} />;
    case 'written':
      return <Alert type="success" showIcon data-testid="card-write" data-phase="written" title={t('cards.write.written', { count: state.write.purchaseCount })} />;
    case 'failed': return <Recovery model={model} code={state.code} message={state.message} />;
    case 'settling': return <Recovery model={model} code={null} message={null} />;
    case 'settled': return <Settled result={state.result} onDone={model.dismiss} />;
  }
}
