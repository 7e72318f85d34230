import { Button, Descriptions, Input, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DayCloseView, ReportGroupRow, ReprintView, VoidedSerialView } from '../../../shared/contract/report-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { dateTime } from '../components/dates';
import { yuan } from '../money/format';
import { ExportBar } from './ExportBar';
import { MiniChart } from './MiniChart';
import { useExport } from './useExport';
import { useReport } from './useReport';
import { useState } from 'react';

function Groups({ title, rows, testId }: { title: string; rows: readonly ReportGroupRow[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table<ReportGroupRow> size="small" rowKey="key" pagination={false} dataSource={[...rows]} title={() => title} data-testid={testId}
      columns={[
        { title: t('reports.col.group'), dataIndex: 'label' },
        { title: t('reports.col.count'), dataIndex: 'count', align: 'right' },
        { title: t('reports.col.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
        { title: t('reports.col.charge'), dataIndex: 'charge', align: 'right', render: (v: number) => yuan(v) },
      ]} />
  );
}

function Summary({ day }: { day: DayCloseView }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={4} bordered data-testid="day-summary">
      <Descriptions.Item label={t('reports.day.sales')}>{day.sales.count} · {yuan(day.sales.amount)}</Descriptions.Item>
      <Descriptions.Item label={t('reports.day.reversals')}>{day.reversals.count} · {yuan(day.reversals.amount)}</Descriptions.Item>
      <Descriptions.Item label={t('reports.day.cardFees')}>{day.cardFees.count} · {yuan(day.cardFees.amount)}</Descriptions.Item>
      <Descriptions.Item label={t('reports.day.net')}><strong data-testid="day-net">{yuan(day.net)}</strong></Descriptions.Item>
      <Descriptions.Item label={t('reports.day.receipts')} span={4}>{day.firstReceipt ?? '—'} ~ {day.lastReceipt ?? '—'}</Descriptions.Item>
    </Descriptions>
  );
}

function Voided({ day }: { day: DayCloseView }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<VoidedSerialView> size="small" rowKey="reversalReceiptNo" pagination={false} dataSource={[...day.voided]} title={() => t('reports.day.voided')} data-testid="day-voided"
        columns={[
          { title: t('reports.col.receipt'), dataIndex: 'receiptNo' }, { title: t('reports.col.reversal'), dataIndex: 'reversalReceiptNo' },
          { title: t('reports.col.clerk'), dataIndex: 'clerkName' }, { title: t('reports.col.reason'), dataIndex: 'reason' },
          { title: t('reports.col.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
        ]} />
      <Table<ReprintView> size="small" rowKey={(r) => `${r.receiptNo}-${r.kind}-${r.reprintNo}`} pagination={false} dataSource={[...day.reprints]} title={() => t('reports.day.reprints')}
        columns={[
          { title: t('reports.col.receipt'), dataIndex: 'receiptNo' }, { title: t('reports.col.kind'), dataIndex: 'kind' },
          { title: t('reports.col.reprintNo'), dataIndex: 'reprintNo' }, { title: t('reports.col.by'), dataIndex: 'requestedBy' },
          { title: t('reports.col.at'), dataIndex: 'at', render: (v: string) => dateTime(v) },
        ]} />
    </Space>
  );
}

/** 日结: pick a business date, read the day's totals, export them. */
export function DayClosePanel({ today }: { today: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [date, setDate] = useState(today);
  const report = useReport<DayCloseView>();
  const exporter = useExport();
  const day = report.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="day-date" style={{ width: 160 }} />
        <Button type="primary" loading={report.loading} onClick={() => void report.load(() => api.call('reports.dayClose', { date }))} data-testid="day-load">{t('reports.load')}</Button>
        <ExportBar model={exporter} onExport={(format) => void exporter.run((jobId) => api.call('reports.export', { jobId, report: 'dayClose', params: { date }, format }))} />
      </Space>
      <ErrorText testId="day-error" message={report.error} />
      {day && (
        <>
          <Summary day={day} />
          <MiniChart testId="day-trend" title={t('reports.day.trend')} format={yuan} points={day.trend.map((p) => ({ label: p.date.slice(5), value: p.amount }))} />
          <Groups title={t('reports.day.byClerk')} rows={day.byClerk} testId="day-by-clerk" />
          <Groups title={t('reports.day.byMethod')} rows={day.byMethod} testId="day-by-method" />
          <Groups title={t('reports.day.byTariff')} rows={day.byTariff} testId="day-by-tariff" />
          <Groups title={t('reports.day.byArea')} rows={day.byArea} testId="day-by-area" />
          <Voided day={day} />
        </>
      )}
    </Space>
  );
}
