import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReversalModel } from './useReversal';

/** The sale's purchase is on the customer's card: it must be in the reader, to be taken off before the reversal. */
export function CardReversalNotice({ model }: { model: ReversalModel }) {
  const { t } = useTranslation();
  if (!model.onCard) return null;
  return (
    <Alert type="warning" showIcon data-testid="reversal-card-on-card" title={t('cards.reversal.onCardTitle')} description={t('cards.reversal.onCardHelp')}
      action={(
        <Button type="primary" danger data-testid="reversal-card-submit" loading={model.busy} onClick={() => void model.reverseOnCard()}>
          {t('cards.reversal.onCardSubmit')}
        </Button>
      )} />
  );
}
