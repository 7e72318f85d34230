import { Alert, Button, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardView } from '../../../shared/contract/card-views';
import type { MeterView } from '../../../shared/contract/views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { dateTime } from '../components/dates';
import { ReplaceCardDialog } from '../cards/ReplaceCardDialog';
import { ReportLossDialog } from '../cards/ReportLossDialog';
import { useHoldReader } from '../cards/cardBusy';
import { standingOf } from '../cards/meterCards';
import { useCardIssue } from '../cards/useCardIssue';
import { useMeterCards } from '../cards/useMeterCards';

const STANDING_COLOR = { live: 'green', blacklisted: 'red', cleared: 'default' } as const;

function CardRow({ card }: { card: CardView }) {
  const { t } = useTranslation();
  const standing = standingOf(card);
  return (
    <div className="meter-cards-row" data-testid="meter-card-row" data-card-no={card.cardNo} data-standing={standing}>
      <span className="mono">{card.cardNo}</span>
      <Tag color={STANDING_COLOR[standing]}>{t(`cards.meter.standing.${standing}`)}</Tag>
      <span>{t('cards.meter.issuedAt')} {dateTime(card.issuedAt)}</span>
      {card.replacesCardNo && <span>{t('cards.meter.replaces', { cardNo: card.replacesCardNo })}</span>}
    </div>
  );
}

/** A card meter's cards on the customer panel: their state, and 发卡 / 挂失 / 补卡 (issue 6 item 3). */
export function MeterCards({ meter, onChanged }: { meter: MeterView; onChanged?: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const model = useMeterCards(client, meter.id);
  const changed = () => {
    void model.reload();
    onChanged?.();
  };
  const issue = useCardIssue(client, changed);
  useHoldReader(issue.busy);
  const [dialog, setDialog] = useState<'loss' | 'replace' | null>(null);
  const { actions } = model;
  const active = meter.status === 'active';
  return (
    <div className="meter-cards" data-testid="meter-cards">
      {model.cards === null && !model.error && <Spin size="small" />}
      {model.cards?.length === 0 && <span data-testid="meter-cards-none">{t('cards.meter.none')}</span>}
      {model.cards?.map((card) => <CardRow key={card.id} card={card} />)}
      {model.cards && active && (
        <div className="meter-cards-actions">
          {actions.canIssue && <Button size="small" data-testid="card-issue" loading={issue.busy} onClick={() => void issue.issue(meter.id)}>{t('cards.meter.issue')}</Button>}
          <Button size="small" data-testid="card-issue-check" loading={issue.busy} onClick={() => void issue.issue(meter.id, 'check')}>{t('cards.meter.issueCheck')}</Button>
          {actions.canReportLoss && <Button size="small" danger data-testid="card-report-loss" onClick={() => setDialog('loss')}>{t('cards.meter.reportLoss')}</Button>}
          {actions.canReplace && <Button size="small" data-testid="card-replace-open" onClick={() => setDialog('replace')}>{t('cards.meter.replace')}</Button>}
        </div>
      )}
      {issue.state.phase === 'issuing' && <Alert type="info" showIcon icon={<Spin size="small" />} data-testid="card-issue-progress" title={t('cards.meter.issuing')} />}
      {issue.state.phase === 'issued' && <Alert type="success" showIcon data-testid="card-issue-done" title={t('cards.meter.issued', { cardNo: issue.state.card.cardNo })} />}
      <ErrorText testId="meter-cards-error" message={issue.state.phase === 'failed' ? issue.state.message : model.error} />
      {actions.live && (
        <ReportLossDialog meterId={meter.id} cardNo={actions.live.cardNo} open={dialog === 'loss'} onClose={() => setDialog(null)}
          onReported={() => { setDialog(null); issue.reset(); changed(); }} />
      )}
      <ReplaceCardDialog meter={meter} open={dialog === 'replace'} onClose={() => setDialog(null)} onReplaced={() => { issue.reset(); changed(); }} />
    </div>
  );
}
