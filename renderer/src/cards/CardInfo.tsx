import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardInReaderView } from '../../../shared/contract/card-views';
import { cardWarnings } from './cardState';

/** The card in the reader: blank, or ours with its number, customer, purchase count and whether the meter has it; then its warnings. */
export function CardInfo({ card }: { card: CardInReaderView }) {
  const { t } = useTranslation();
  return (
    <div className="card-info" data-testid="card-info" data-state={card.state}>
      <Tag color={card.state === 'ours' ? 'blue' : card.state === 'blank' ? 'default' : 'red'} data-testid="card-state">{t(`cards.state.${card.state}`)}</Tag>
      {card.state === 'ours' && (
        <>
          {card.kind && card.kind !== 'user' && <Tag color="purple" data-testid="card-kind">{t(`cards.kind.${card.kind}`)}</Tag>}
          <span>{t('cards.no')} <strong className="mono" data-testid="card-no">{card.cardNo}</strong></span>
          {card.customerName && <span data-testid="card-customer">{card.customerName}</span>}
          <span>{t('cards.count')} <strong data-testid="card-count">{card.purchaseCount ?? '—'}</strong></span>
          {card.loaded !== null && (
            <Tag color={card.loaded ? 'green' : 'orange'} data-testid="card-loaded" data-loaded={String(card.loaded)}>
              {t(card.loaded ? 'cards.loaded' : 'cards.notLoaded')}
            </Tag>
          )}
        </>
      )}
      {cardWarnings(card).map((w) => (
        <Alert key={w} type={w === 'tries' ? 'warning' : 'error'} showIcon className="card-warning" data-testid={`card-warning-${w}`}
          title={t(`cards.warning.${w}`, { n: card.triesLeft ?? 0 })} />
      ))}
    </div>
  );
}
