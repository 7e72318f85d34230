import { Button, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatUnits, units } from '../../../shared/money';
import type { MonthlyGroupBy, MonthlyRow, MonthlyView } from '../../../shared/contract/report-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { yuan } from '../money/format';
import { ExportBar } from './ExportBar';
import { MiniChart } from './MiniChart';
import { useExport } from './useExport';
import { useReport } from './useReport';

const u = (v: number) => formatUnits(units(v));

/** 月报: sales and consumption of a month by area / building / category; the payment record export. */
export function MonthlyPanel({ today }: { today: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [month, setMonth] = useState(today.slice(0, 7));
  const [by, setBy] = useState<MonthlyGroupBy>('area');
  const report = useReport<MonthlyView>();
  const exporter = useExport();
  const record = useExport();
  const view = report.data;
  const money = (key: keyof MonthlyRow) => ({ title: t(`reports.col.${key}`), dataIndex: key, align: 'right' as const, render: (v: number) => yuan(v) });
  const qty = (key: keyof MonthlyRow) => ({ title: t(`reports.col.${key}`), dataIndex: key, align: 'right' as const, render: (v: number) => u(v) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input type="month" value={month} onChange={(e) => setMonth(e.target.value)} data-testid="month-input" style={{ width: 140 }} />
        <Select<MonthlyGroupBy> value={by} onChange={setBy} style={{ width: 130 }} data-testid="month-by"
          options={(['area', 'building', 'category'] as const).map((k) => ({ value: k, label: t(`reports.by.${k}`) }))} />
        <Button type="primary" loading={report.loading} onClick={() => void report.load(() => api.call('reports.monthly', { month, by }))} data-testid="month-load">{t('reports.load')}</Button>
        <ExportBar model={exporter} onExport={(format) => void exporter.run((jobId) => api.call('reports.export', { jobId, report: 'monthly', params: { month, by }, format }))} />
      </Space>
      <Space wrap>
        <span>{t('reports.paymentRecord')}</span>
        <ExportBar model={record} formats={['csv', 'xlsx']} onExport={(format) => void record.run((jobId) => api.call('reports.monthlyPaymentRecord', { jobId, month, format: format === 'csv' ? 'csv' : 'xlsx' }))} />
      </Space>
      <ErrorText testId="month-error" message={report.error} />
      {view && (
        <>
          <MiniChart testId="month-consumption" title={t('reports.month.trend')} format={u} points={view.consumptionTrend.map((p) => ({ label: p.month.slice(2), value: p.consumption }))} />
          <Table<MonthlyRow> size="small" rowKey="key" pagination={false} dataSource={[...view.rows]} data-testid="month-table"
            columns={[{ title: t(`reports.by.${view.by}`), dataIndex: 'key' }, { title: t('reports.col.count'), dataIndex: 'saleCount', align: 'right' },
              money('amount'), money('reversedAmount'), money('net'), qty('unitsSold'), qty('consumption'), money('chargedAmount')]}
            summary={() => (
              <Table.Summary.Row data-testid="month-totals">
                <Table.Summary.Cell index={0}><strong>{t('reports.total')}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{view.totals.saleCount}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{yuan(view.totals.amount)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{yuan(view.totals.reversedAmount)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right"><strong>{yuan(view.totals.net)}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{u(view.totals.unitsSold)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">{u(view.totals.consumption)}</Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">{yuan(view.totals.chargedAmount)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )} />
        </>
      )}
    </Space>
  );
}
