import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardCounterModel } from './useCardCounter';
import type { CounterModel } from './useCounter';

/**
 * A card sale the backend refused for a card reason, and the way on: the previous purchase has not reached
 * the meter (a supervisor approves, the sale is sent again with loadApprovalId), or the meter has no card of
 * ours yet (发卡 with a blank card in the reader, then F8 again).
 */
export function CardSaleNotice({ model, cards }: { model: CounterModel; cards: CardCounterModel }) {
  const { t } = useTranslation();
  const { submit, entry } = model.sale;
  const meterId = entry.meterId;
  if (meterId === null || submit.phase !== 'idle') return null;
  if (submit.errorCode === 'card-purchase-not-loaded') {
    const approveAndSell = async () => {
      const loadApprovalId = await model.approval.request({ kind: 'card_unloaded', meterId }, t('cards.sale.approvalReason'));
      if (loadApprovalId === null) return;
      const sold = await submit.retryWith({ loadApprovalId });
      if (!sold) return;
      void model.account.reload();
      void model.drawer.reload();
    };
    return (
      <Alert type="warning" showIcon data-testid="card-not-loaded" title={t('cards.sale.notLoadedTitle')} description={t('cards.sale.notLoadedHelp')}
        action={<Button data-testid="card-not-loaded-approve" onClick={() => void approveAndSell()}>{t('cards.sale.askApproval')}</Button>} />
    );
  }
  if (submit.errorCode !== 'card-not-issued') return null;
  const issued = cards.issue.state.phase === 'issued' && cards.issue.state.card.meterId === meterId ? cards.issue.state.card : null;
  const failed = cards.issue.state.phase === 'failed' ? cards.issue.state.message : null;
  return (
    <Alert type={issued ? 'success' : 'warning'} showIcon data-testid="card-not-issued"
      title={issued ? t('cards.sale.issued', { cardNo: issued.cardNo }) : t('cards.sale.notIssuedTitle')}
      description={issued ? null : failed ?? t('cards.sale.notIssuedHelp')}
      action={!issued && (
        <Button data-testid="card-not-issued-issue" loading={cards.issue.busy} onClick={() => void cards.issue.issue(meterId)}>{t('cards.sale.issue')}</Button>
      )} />
  );
}
