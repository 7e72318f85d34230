import { Button, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardOpView, ControlJobReportRow, ReversalRowView } from '../../../shared/contract/report-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { dateTime } from '../components/dates';
import { yuan } from '../money/format';
import { ExportBar } from './ExportBar';
import { useExport } from './useExport';
import { useReport } from './useReport';

type ListKind = 'reversals' | 'cardOps' | 'controlJobs' | 'vouchers' | 'pendingDeposits';
type Rows = { kind: 'reversals'; rows: readonly ReversalRowView[] } | { kind: 'cardOps'; rows: readonly CardOpView[] } | { kind: 'controlJobs'; rows: readonly ControlJobReportRow[] };

function ListTable({ data }: { data: Rows }) {
  const { t } = useTranslation();
  const at = (v: string) => dateTime(v);
  if (data.kind === 'reversals') {
    return <Table<ReversalRowView> size="small" rowKey="reversalReceiptNo" dataSource={[...data.rows]} data-testid="list-table" columns={[
      { title: t('reports.col.receipt'), dataIndex: 'receiptNo' }, { title: t('reports.col.reversal'), dataIndex: 'reversalReceiptNo' },
      { title: t('reports.col.clerk'), dataIndex: 'clerkName' }, { title: t('reports.col.reason'), dataIndex: 'reason' },
      { title: t('reports.col.at'), dataIndex: 'at', render: at }, { title: t('reports.col.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
    ]} />;
  }
  if (data.kind === 'cardOps') {
    return <Table<CardOpView> size="small" rowKey={(r) => `${r.at}-${r.cardNo}-${r.op}`} dataSource={[...data.rows]} data-testid="list-table" columns={[
      { title: t('reports.col.at'), dataIndex: 'at', render: at }, { title: t('reports.col.card'), dataIndex: 'cardNo' }, { title: t('reports.col.meter'), dataIndex: 'meterNo' },
      { title: t('reports.col.op'), dataIndex: 'op' }, { title: t('reports.col.state'), dataIndex: 'state' }, { title: t('reports.col.by'), dataIndex: 'by' },
    ]} />;
  }
  return <Table<ControlJobReportRow> size="small" rowKey="id" dataSource={[...data.rows]} data-testid="list-table" columns={[
    { title: '#', dataIndex: 'id' }, { title: t('reports.col.op'), dataIndex: 'action' }, { title: t('reports.col.reason'), dataIndex: 'reason' },
    { title: t('reports.col.at'), dataIndex: 'createdAt', render: at }, { title: t('reports.col.targets'), dataIndex: 'targets', align: 'right' },
    { title: t('reports.col.succeeded'), dataIndex: 'succeeded', align: 'right' }, { title: t('reports.col.failed'), dataIndex: 'failed', align: 'right' },
    { title: t('reports.col.state'), dataIndex: 'lastEvent' },
  ]} />;
}

/** The list reports over a date range, and the registers (vouchers, pending deposits) as files. */
export function ListsPanel({ today }: { today: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [kind, setKind] = useState<ListKind>('reversals');
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const report = useReport<Rows>();
  const exporter = useExport();
  const ranged = kind === 'reversals' || kind === 'cardOps' || kind === 'controlJobs';
  const load = () => void report.load(async () => {
    if (kind === 'reversals') { const r = await api.call('reports.reversals', { from, to }); return r.ok ? { ok: true, value: { kind, rows: r.value.reversals } } : r; }
    if (kind === 'cardOps') { const r = await api.call('reports.cardOps', { from, to }); return r.ok ? { ok: true, value: { kind, rows: r.value.ops } } : r; }
    const r = await api.call('reports.controlJobs', { from, to });
    return r.ok ? { ok: true, value: { kind: 'controlJobs', rows: r.value.jobs } } : r;
  });
  const onExport = (format: 'xlsx' | 'csv' | 'pdf') => void exporter.run((jobId) => (ranged
    ? api.call('reports.export', { report: kind, params: { from, to }, format, jobId })
    : api.call('reports.export', { report: kind, params: {}, format, jobId })));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select<ListKind> value={kind} onChange={setKind} style={{ width: 160 }} data-testid="list-kind"
          options={(['reversals', 'cardOps', 'controlJobs', 'vouchers', 'pendingDeposits'] as const).map((k) => ({ value: k, label: t(`reports.lists.${k}`) }))} />
        {ranged && <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 150 }} data-testid="list-from" />}
        {ranged && <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} style={{ width: 150 }} data-testid="list-to" />}
        {ranged && <Button type="primary" loading={report.loading} onClick={load} data-testid="list-load">{t('reports.load')}</Button>}
        <ExportBar model={exporter} onExport={onExport} />
      </Space>
      <ErrorText testId="list-error" message={report.error} />
      {ranged && report.data?.kind === kind && <ListTable data={report.data} />}
    </Space>
  );
}
