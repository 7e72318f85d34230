import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext';
import { LEVEL_COLOR } from '../meters/balances/levels';
import { useMeterBalance } from '../meters/balances/useMeterBalance';
import { yuan } from '../money/format';

/** A hall-kept meter's balance at the hall and its level (balances.ofMeter); nothing when it cannot be read. */
export function HallBalance({ meterId }: { meterId: number }) {
  const { t } = useTranslation();
  const { balance } = useMeterBalance(useApi(), meterId, 1);
  if (!balance) return null;
  return (
    <div className="figure" data-testid="meter-hall-balance" data-level={balance.level}>
      <div className="figure-label">{t('balances.balance')}</div>
      <div className="figure-value amount">
        {yuan(balance.balance)} <Tag color={LEVEL_COLOR[balance.level]} data-testid="meter-hall-level">{t(`balances.levels.${balance.level}`)}</Tag>
      </div>
    </div>
  );
}
