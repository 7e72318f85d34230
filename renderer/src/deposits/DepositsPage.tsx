import { Button, Input, Table, Tag } from 'antd';
import PrinterOutlined from '@ant-design/icons/PrinterOutlined';
import { useTranslation } from 'react-i18next';
import type { CashDropView, ObligationView } from '../../../shared/contract/money-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { dateTime } from '../components/dates';
import { DocumentPreview } from '../documents/DocumentPreview';
import { useDocument } from '../documents/useDocument';
import { yuan } from '../money/format';
import { DepositHistory } from './DepositHistory';
import { useDeposits } from './useDeposits';
import type { DepositsModel } from './useDeposits';

function Obligations({ model }: { model: DepositsModel }) {
  const { t } = useTranslation();
  const rows = model.pending?.obligations ?? [];
  return (
    <Table<ObligationView> size="small" rowKey="id" pagination={false} dataSource={[...rows]} data-testid="obligations"
      rowClassName={(o) => (o.state === 'overdue' ? 'row-overdue' : '')}
      onRow={(o) => ({ 'data-testid': 'obligation-row', 'data-state': o.state, 'data-receipt': o.receiptNo } as React.HTMLAttributes<HTMLElement>)}
      rowSelection={{ selectedRowKeys: [...model.selection.obligationIds], onChange: (keys) => model.setSelection((s) => ({ ...s, obligationIds: keys.map(Number) })) }}
      columns={[
        { title: t('deposits.receipt'), dataIndex: 'receiptNo', render: (v: string) => <span className="mono">{v}</span> },
        { title: t('deposits.customer'), render: (_, o) => `${o.customerName} · ${o.accountNo}` },
        { title: t('deposits.clerk'), dataIndex: 'clerkName' },
        { title: t('deposits.businessDate'), dataIndex: 'businessDate' },
        { title: t('deposits.dueDate'), dataIndex: 'dueDate' },
        { title: t('deposits.state'), dataIndex: 'state', render: (v: ObligationView['state']) => <Tag color={v === 'overdue' ? 'red' : 'orange'}>{t(`deposits.states.${v}`)}</Tag> },
        { title: t('deposits.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
      ]} />
  );
}

function Drops({ model }: { model: DepositsModel }) {
  const { t } = useTranslation();
  const rows = model.pending?.drops ?? [];
  if (rows.length === 0) return null;
  return (
    <Table<CashDropView> size="small" rowKey="id" pagination={false} dataSource={[...rows]} data-testid="drops"
      onRow={(d) => ({ 'data-testid': 'drop-row', 'data-drop-id': d.id } as React.HTMLAttributes<HTMLElement>)}
      rowSelection={{ selectedRowKeys: [...model.selection.dropIds], onChange: (keys) => model.setSelection((s) => ({ ...s, dropIds: keys.map(Number) })) }}
      columns={[
        { title: t('deposits.dropAt'), dataIndex: 'at', render: (v: string) => dateTime(v) },
        { title: t('deposits.clerk'), dataIndex: 'clerkName' },
        { title: t('deposits.receivedBy'), dataIndex: 'receivedByName' },
        { title: t('deposits.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
      ]} />
  );
}

function RecordForm({ model }: { model: DepositsModel }) {
  const { t } = useTranslation();
  const { form, setForm } = model;
  const enter = () => void model.record();
  return (
    <div className="deposit-form">
      <span>{t('deposits.selected')} <strong className="amount amount-xl" data-testid="deposit-total">{yuan(model.total)}</strong></span>
      <Input data-testid="deposit-bank" placeholder={t('deposits.bank')} value={form.bank} maxLength={40}
        onChange={(e) => setForm((f) => ({ ...f, bank: e.target.value }))} onPressEnter={enter} />
      <Input data-testid="deposit-slip" placeholder={t('deposits.slipRef')} value={form.slipRef} maxLength={40}
        onChange={(e) => setForm((f) => ({ ...f, slipRef: e.target.value }))} onPressEnter={enter} />
      <Input data-testid="deposit-date" type="date" value={form.depositDate} onChange={(e) => setForm((f) => ({ ...f, depositDate: e.target.value }))} />
      <Button type="primary" data-testid="deposit-record" loading={model.busy} onClick={enter}>{t('deposits.record')}</Button>
    </div>
  );
}

/** Bank deposits (银行存款): holiday cash and cash drops waiting for the bank, the deposit slip, the history. */
export function DepositsPage({ today, onChanged }: { today: string | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const client = useApi();
  const model = useDeposits(client, today, onChanged);
  const doc = useDocument();
  const p = model.pending;
  return (
    <div className="page-body" data-testid="deposits-page">
      <header className="page-head">
        <h2>{t('nav.deposits')}</h2>
        {p && <span data-testid="deposits-summary">{t('deposits.summary', { pending: yuan(p.pendingAmount), overdue: p.overdueCount })}</span>}
        <Button icon={<PrinterOutlined />} data-testid="deposits-print" loading={doc.busy} onClick={() => void doc.open(() => client.call('deposits.pendingPdf', {}))}>
          {t('deposits.print')}
        </Button>
      </header>
      <ErrorText testId="document-error" message={doc.error} />
      <Obligations model={model} />
      <Drops model={model} />
      <RecordForm model={model} />
      <ErrorText testId="deposit-error" message={model.error} />
      {model.recorded && <div className="ok-text" data-testid="deposit-recorded">{t('deposits.recorded', { slip: model.recorded.slipRef, amount: yuan(model.recorded.amount) })}</div>}
      <DepositHistory deposits={model.history} />
      <DocumentPreview model={doc} />
    </div>
  );
}
