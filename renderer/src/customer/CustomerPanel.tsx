import { Button, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../shared/contract/views';
import { ErrorText } from '../components/ErrorText';
import type { Role } from '../../../shared/vocabulary';
import { MeterCard } from './MeterCard';
import { MeteringBasis } from './MeteringBasis';
import { SettlementControl } from './SettlementControl';
import type { AccountModel } from './useAccount';

interface HeadProps {
  readonly account: AccountView;
  readonly role: Role;
  readonly onChanged: () => void;
  readonly onCloseAccount: (() => void) | undefined;
}

function CustomerHead({ account, role, onChanged, onCloseAccount }: HeadProps) {
  const { t } = useTranslation();
  const { customer, premises } = account;
  return (
    <header className="customer-head">
      <div className="customer-name" data-testid="customer-name">{customer.name}</div>
      <div className="customer-facts">
        <span>{t('customer.premises')}: {premises.area} {t('customer.room', { building: premises.building, unit: premises.unit, room: premises.room })}</span>
        <span>{t('customer.phone')}: {customer.phone ?? '—'}</span>
        <span>{t('customer.account')}: <span className="mono">{account.accountNo}</span></span>
        <span>{t('customer.number')}: <span className="mono">{customer.customerNo}</span></span>
        <Tag>{t(`category.${account.category}`)}</Tag>
        <SettlementControl account={account} role={role} onChanged={onChanged} />
        <MeteringBasis account={account} role={role} onChanged={onChanged} />
        {account.status === 'closed' && <Tag color="red" data-testid="account-closed">{t('customer.closed')}</Tag>}
        {account.status === 'open' && role !== 'admin' && onCloseAccount && (
          <Button size="small" danger data-testid="account-close-open" onClick={onCloseAccount}>
            {t('closeAccount.open')} <kbd className="key-hint">F7</kbd>
          </Button>
        )}
      </div>
    </header>
  );
}

/** The customer on screen: who, where, and every meter (electricity and water together). */
export function CustomerPanel({ model, selectedMeterId, role = 'clerk', onCloseAccount, onCardsChanged }: {
  model: AccountModel; selectedMeterId: number | null; role?: Role; onCloseAccount?: () => void;
  /** A card was issued, reported lost or replaced (a replacement takes its fee into the drawer). */
  onCardsChanged?: () => void;
}) {
  const { t } = useTranslation();
  const { account } = model;
  return (
    <div className="customer-panel" data-testid="customer-panel">
      <ErrorText testId="account-error" message={model.error} />
      {model.loading && !account && <Spin />}
      {!account && !model.loading && <div className="placeholder">{t('customer.none')}</div>}
      {account && (
        <>
          <CustomerHead account={account} role={role} onChanged={() => void model.reload()} onCloseAccount={onCloseAccount} />
          {account.meters.map((meter) => <MeterCard key={meter.id} meter={meter} selected={meter.id === selectedMeterId} onChanged={() => { void model.reload(); onCardsChanged?.(); }} />)}
        </>
      )}
    </div>
  );
}
