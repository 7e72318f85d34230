import { Descriptions, Drawer, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BalanceChargeView, HallBalanceView } from '../../../../shared/contract/balance-views';
import { formatPrice, price } from '../../../../shared/money';
import { useApi } from '../../api/ApiContext';
import { ErrorText } from '../../components/ErrorText';
import { dateTime } from '../../components/dates';
import { yuan } from '../../money/format';
import { reading } from '../MeterDrawer';
import { commandText } from '../controls/commandText';
import { LEVEL_COLOR } from './levels';
import { useMeterBalance } from './useMeterBalance';

/** How a charge was priced: "tier 1 120.00 × 0.4883 = ¥58.60; peak …". */
export function chargeDetail(c: BalanceChargeView, t: (key: string, o?: Record<string, string>) => string): string {
  const tiers = c.detail.tiers.map((s) => `${t('meter.tier', { tier: String(s.tier) })} ${reading(s.units)} × ${formatPrice(price(s.price))} = ${yuan(s.charge)}`);
  const periods = c.detail.periods.map((s) => `${t(`controls.fields.${s.period}`)} ${reading(s.units)} × ${formatPrice(price(s.price))} = ${yuan(s.charge)}`);
  return [...tiers, ...periods].join('; ');
}

function Facts({ b }: { b: HallBalanceView }) {
  const { t } = useTranslation();
  const job = b.pendingJob;
  return (
    <Descriptions size="small" column={2} bordered items={[
      { label: t('balances.balance'), children: <span className="amount" data-testid="balance-amount">{yuan(b.balance)}</span> },
      { label: t('balances.level'), children: <Tag color={LEVEL_COLOR[b.level]} data-testid="balance-level" data-level={b.level}>{t(`balances.levels.${b.level}`)}</Tag> },
      { label: t('balances.relay'), children: b.relay ? t(`balances.relays.${b.relay}`) : '—' },
      { label: t('balances.lastCharged'), children: b.lastChargedReadAt ? dateTime(b.lastChargedReadAt) : '—' },
      {
        label: t('balances.pendingJob'), span: 2,
        children: job ? <span data-testid="balance-pending-job">{`#${job.id} ${commandText(job.command, t)} · ${job.effectiveAt ? dateTime(job.effectiveAt) : t('controls.now')}`}</span> : '—',
      },
    ]} />
  );
}

function Charges({ rows }: { rows: readonly BalanceChargeView[] }) {
  const { t } = useTranslation();
  return (
    <Table<BalanceChargeView> size="small" rowKey="id" dataSource={[...rows]} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="balance-charges"
      onRow={() => ({ 'data-testid': 'balance-charge' } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('balances.interval'), render: (_, c) => `${dateTime(c.fromReadAt)} – ${dateTime(c.toReadAt)}` },
        { title: t('meters.consumption'), dataIndex: 'units', align: 'right', render: (v: number) => reading(v) },
        { title: t('balances.charge'), dataIndex: 'charge', align: 'right', render: (v: number) => yuan(v) },
        { title: t('balances.balanceAfter'), dataIndex: 'balanceAfter', align: 'right', render: (v: number) => yuan(v) },
        { title: t('balances.detail'), render: (_, c) => chargeDetail(c, t) },
        { title: t('balances.source'), dataIndex: 'source', render: (v: BalanceChargeView['source']) => t(`balances.sources.${v}`) },
      ]} />
  );
}

/** A hall-kept meter's balance, level, relay, charges and any automatic job waiting (balances.ofMeter). */
export function BalanceDrawer({ meterId, onClose }: { meterId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { balance, error } = useMeterBalance(useApi(), meterId);
  return (
    <Drawer open={meterId !== null} onClose={onClose} size="large" destroyOnHidden title={balance ? t('balances.title', { meterNo: balance.meterNo }) : t('balances.balance')}>
      <div data-testid="balance-view">
        {balance && <Facts b={balance} />}
        <h4>{t('balances.charges')}</h4>
        <Charges rows={balance?.charges ?? []} />
        <ErrorText testId="balance-view-error" message={error} />
      </div>
    </Drawer>
  );
}
