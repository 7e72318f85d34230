import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeterView } from '../../../shared/contract/views';
import { remainingText, unitLabel, unitsText, yuan } from '../money/format';
import { UtilityIcon } from '../components/UtilityIcon';
import { PurchaseChart } from './PurchaseChart';
import { LastSales } from './LastSales';
import { HallBalance } from './HallBalance';
import { MeterCards } from './MeterCards';

function Figure({ label, value, testId, strong = false }: { label: string; value: string; testId?: string; strong?: boolean }) {
  return (
    <div className="figure">
      <div className="figure-label">{label}</div>
      <div className={strong ? 'figure-value amount' : 'figure-value'} data-testid={testId}>{value}</div>
    </div>
  );
}

/** Units bought this year: the sum of the months, in exact integers. */
export function yearTotal(monthly: readonly number[]): number {
  return monthly.reduce((sum, value) => sum + value, 0);
}

/** One meter of the account: what it holds, what was bought this period and this year, the last purchases. */
export function MeterCard({ meter, selected, onChanged }: { meter: MeterView; selected: boolean; onChanged?: () => void }) {
  const { t } = useTranslation();
  const chartTitle = t('meter.chartTitle', { unit: unitLabel(meter.utility), total: unitsText(yearTotal(meter.monthlyUnits), meter.utility) });
  return (
    <section className={selected ? 'meter-card meter-selected' : 'meter-card'} data-testid="meter-card" data-meter-no={meter.meterNo}>
      <header className="meter-head">
        <UtilityIcon utility={meter.utility} />
        <span className="meter-title">{t(`utility.${meter.utility}`)}</span>
        <span className="mono meter-no">{meter.meterNo}</span>
        <Tag>{t(`creditKind.${meter.creditKind}`)}</Tag>
        <Tag>{t(`creditVia.${meter.creditVia}`)}</Tag>
        {meter.status === 'removed' && <Tag color="red">{t('meter.removed')}</Tag>}
      </header>
      <div className="meter-sub">
        {meter.tariffName} · {meter.model}{meter.cardNo ? ` · ${t('meter.card')} ${meter.cardNo}` : ''}
      </div>
      {meter.creditVia === 'card' && <MeterCards meter={meter} onChanged={onChanged} />}
      <div className="figures">
        <Figure label={t('meter.remaining')} value={remainingText(meter.remaining, meter.creditKind, meter.utility)} testId="meter-remaining" strong />
        <Figure label={t('meter.credit')} value={yuan(meter.credit)} testId="meter-credit" />
        <Figure label={t('meter.unitsThisPeriod')} value={unitsText(meter.unitsThisPeriod, meter.utility)} />
        <Figure label={t('meter.currentTier')} value={t('meter.tier', { tier: meter.currentTier })} />
        {meter.creditKind === 'hall' && meter.status === 'active' && <HallBalance meterId={meter.id} />}
        {meter.overdraft > 0 && <Figure label={t('meter.overdraft')} value={remainingText(meter.overdraft, meter.creditKind, meter.utility)} />}
      </div>
      <div className="meter-history">
        <figure className="chart-box">
          <figcaption>{chartTitle}</figcaption>
          <PurchaseChart monthly={meter.monthlyUnits} unit={unitLabel(meter.utility)} title={chartTitle}
            monthLabel={(month) => t('meter.month', { month })} testId="purchase-chart" />
        </figure>
        <LastSales meter={meter} />
      </div>
    </section>
  );
}
