import { Button, InputNumber, Progress, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatUnits, units } from '../../../shared/money';
import type { TierRow } from '../../../shared/contract/report-views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { yuan } from '../money/format';
import { ExportBar } from './ExportBar';
import { useChunkedTiers } from './useChunkedTiers';
import { useExport } from './useExport';

/** 阶梯汇总 of a year, loaded month by month with a progress bar. */
export function TiersPanel({ today }: { today: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const tiers = useChunkedTiers(api);
  const exporter = useExport();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? year)} data-testid="tiers-year" />
        <Button type="primary" onClick={() => void tiers.load(String(year))} data-testid="tiers-load" disabled={tiers.percent !== null && tiers.percent < 100}>{t('reports.load')}</Button>
        {tiers.percent !== null && <span data-testid="tiers-progress" data-percent={tiers.percent}><Progress percent={tiers.percent} size="small" style={{ width: 160 }} /></span>}
        <ExportBar model={exporter} onExport={(format) => void exporter.run((jobId) => api.call('reports.export', { jobId, report: 'tiers', params: { period: String(year) }, format }))} />
      </Space>
      <ErrorText testId="tiers-error" message={tiers.error} />
      {tiers.data && (
        <Table<TierRow> size="small" rowKey={(r) => `${r.utility}-${r.tier}`} pagination={false} dataSource={[...tiers.data.rows]} data-testid="tiers-table"
          columns={[
            { title: t('reports.col.utility'), dataIndex: 'utility', render: (v: string) => t(`reports.utility.${v}`) },
            { title: t('reports.col.tier'), dataIndex: 'tier' }, { title: t('reports.col.count'), dataIndex: 'sales', align: 'right' },
            { title: t('reports.col.units'), dataIndex: 'units', align: 'right', render: (v: number) => formatUnits(units(v)) },
            { title: t('reports.col.charge'), dataIndex: 'charge', align: 'right', render: (v: number) => yuan(v) },
          ]}
          footer={() => <strong data-testid="tiers-total">{t('reports.total')}: {yuan(tiers.data?.totals.charge ?? 0)}</strong>} />
      )}
    </Space>
  );
}
