import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepositView } from '../../../shared/contract/money-views';
import { yuan } from '../money/format';

/** Deposits already recorded (deposits.list), newest first as the backend answers. */
export function DepositHistory({ deposits }: { deposits: readonly DepositView[] }) {
  const { t } = useTranslation();
  return (
    <section>
      <h3>{t('deposits.history')}</h3>
      <Table<DepositView> size="small" rowKey="id" pagination={false} dataSource={[...deposits]} data-testid="deposit-history"
        columns={[
          { title: t('deposits.date'), dataIndex: 'depositDate' },
          { title: t('deposits.bank'), dataIndex: 'bank' },
          { title: t('deposits.slipRef'), dataIndex: 'slipRef', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('deposits.recordedBy'), dataIndex: 'recordedByName' },
          { title: t('deposits.items'), render: (_, d) => d.obligationIds.length + d.dropIds.length },
          { title: t('deposits.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
        ]} />
    </section>
  );
}
