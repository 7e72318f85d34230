import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/vocabulary';
import type { CardCounterModel } from '../counter/useCardCounter';
import { CardInfo } from './CardInfo';
import { CardWritePanel } from './CardWritePanel';
import { ClearCard } from './ClearCard';
import { DemoPicker } from './DemoPicker';
import { clearable, readerLine } from './cardState';

/** The reader's state: ready (with or without a card), or its problem in the clerk's language. */
function ReaderTag({ cards }: { cards: CardCounterModel }) {
  const { t } = useTranslation();
  const line = readerLine(cards.status.status);
  if (line.kind === 'loading') return <Tag data-testid="card-reader" data-state="loading">{t('cards.reader.loading')}</Tag>;
  if (line.kind === 'problem') {
    const text = t(`cards.problem.${line.code}`, { defaultValue: t(`errors:${line.code}`, { defaultValue: line.code }) });
    return <Tag color="red" data-testid="card-reader" data-state="problem" data-code={line.code}>{text}</Tag>;
  }
  return <Tag color="green" data-testid="card-reader" data-state={line.card ? 'card' : 'empty'}>{t(line.card ? 'cards.reader.ready' : 'cards.reader.empty')}</Tag>;
}

/** The card strip on the counter: reader, the card in it, browser mode's card files, 清卡 for supervisors, and the write in progress. */
export function CardStrip({ cards, role }: { cards: CardCounterModel; role: Role }) {
  const { t } = useTranslation();
  const card = cards.status.status?.card ?? null;
  return (
    <section className="card-strip" data-testid="card-strip">
      <div className="card-strip-line">
        <span className="card-strip-title">{t('cards.strip')}</span>
        <ReaderTag cards={cards} />
        {card && <CardInfo card={card} />}
        {role === 'supervisor' && clearable(card) && <ClearCard onCleared={() => void cards.status.refresh()} />}
        <DemoPicker model={cards.demo} />
      </div>
      <CardWritePanel model={cards.writer} />
    </section>
  );
}
