import { Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceAlertView, ChargeRunView } from '../../../../shared/contract/balance-views';
import type { Role } from '../../../../shared/vocabulary';
import { useApi } from '../../api/ApiContext';
import { ErrorText } from '../../components/ErrorText';
import { dateTime } from '../../components/dates';
import { useContractList } from '../../hooks/useContractList';
import { yuan } from '../../money/format';
import { BalanceDrawer } from './BalanceView';
import { LEVEL_COLOR } from './levels';
import { SettingsForm } from './SettingsForm';

function ChargeNow({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [run, setRun] = useState<ChargeRunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const charge = async () => {
    setBusy(true);
    setError(null);
    const result = await client.call('balances.chargeNow', {});
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setRun(result.value);
    onDone();
  };
  return (
    <>
      <Button type="primary" data-testid="charge-now" loading={busy} onClick={() => void charge()}>{t('balances.chargeNow')}</Button>
      {run && (
        <span data-testid="charge-run" data-charges={run.charges} data-alerts={run.alerts} data-trips={run.tripsRaised}>
          {t('balances.runSummary', { meters: run.meters, charges: run.charges, charged: yuan(run.charged), alerts: run.alerts, trips: run.tripsRaised })}
        </span>
      )}
      <ErrorText testId="charge-now-error" message={error} />
    </>
  );
}

/** Hall-kept balances (issue 5 item 7): the open alerts, each meter's balance, charge now, the settings. */
export function BalancesPanel({ role }: { role: Role }) {
  const { t } = useTranslation();
  const alerts = useContractList('balances.alerts', { open: true, limit: 200 });
  const [meterId, setMeterId] = useState<number | null>(null);
  return (
    <div data-testid="balances-panel">
      <div className="page-head">
        {role !== 'clerk' && <ChargeNow onDone={() => void alerts.load()} />}
        <Button data-testid="alerts-refresh" onClick={() => void alerts.load()}>{t('meters.refresh')}</Button>
      </div>
      <h3>{t('balances.alerts')}</h3>
      <Table<BalanceAlertView> size="small" rowKey="id" dataSource={[...(alerts.rows ?? [])]} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(a) => ({ 'data-testid': 'balance-alert', 'data-meter-no': a.meterNo, 'data-level': a.level, onDoubleClick: () => setMeterId(a.meterId) } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('meters.meterNo'), dataIndex: 'meterNo', render: (v: string, a) => <Button type="link" size="small" className="mono" data-testid="balance-alert-open" onClick={() => setMeterId(a.meterId)}>{v}</Button> },
          { title: t('controls.customer'), dataIndex: 'customerName' },
          { title: t('balances.level'), dataIndex: 'level', render: (v: BalanceAlertView['level']) => <Tag color={LEVEL_COLOR[v]} data-testid="balance-alert-level">{t(`balances.levels.${v}`)}</Tag> },
          { title: t('balances.balance'), dataIndex: 'balance', align: 'right', render: (v: number) => yuan(v) },
          { title: t('balances.at'), dataIndex: 'at', render: (v: string) => dateTime(v) },
        ]} />
      {alerts.rows?.length === 0 && <p data-testid="alerts-empty">{t('balances.noAlerts')}</p>}
      <ErrorText testId="alerts-error" message={alerts.error} />
      {role === 'admin' && <SettingsForm />}
      <BalanceDrawer meterId={meterId} onClose={() => setMeterId(null)} />
    </div>
  );
}
