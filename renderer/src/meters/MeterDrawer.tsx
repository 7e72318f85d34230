import { Drawer, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardMeterView, MeterReadingsView, MonthlyConsumptionView, ReadingView } from '../../../shared/contract/meter-views';
import { formatUnits, units } from '../../../shared/money';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { dateTime } from '../components/dates';

const READINGS = 50;

/** 0.01 kWh / m³ as "123.45", or a dash. */
export function reading(value: number | null): string {
  return value === null ? '—' : formatUnits(units(value));
}

function useMeterReadings(meterId: number | null) {
  const client = useApi();
  const [data, setData] = useState<MeterReadingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    if (meterId === null) return;
    let stale = false;
    void client.call('readings.ofMeter', { meterId, limit: READINGS }).then((r) => {
      if (stale) return;
      if (r.ok) setData(r.value);
      else setError(r.error.message);
    });
    return () => { stale = true; };
  }, [client, meterId]);
  return { data, error };
}

function Monthly({ rows }: { rows: readonly MonthlyConsumptionView[] }) {
  const { t } = useTranslation();
  return (
    <Table<MonthlyConsumptionView> size="small" rowKey="month" pagination={false} dataSource={[...rows]} data-testid="meter-monthly"
      columns={[
        { title: t('meters.month'), dataIndex: 'month' },
        { title: t('meters.lastTotal'), dataIndex: 'lastTotal', align: 'right', render: (v: number) => reading(v) },
        { title: t('meters.consumption'), dataIndex: 'consumption', align: 'right', render: (v: number | null) => reading(v) },
      ]} />
  );
}

function Readings({ rows }: { rows: readonly ReadingView[] }) {
  const { t } = useTranslation();
  return (
    <Table<ReadingView> size="small" rowKey="id" pagination={false} dataSource={[...rows]} data-testid="meter-readings"
      onRow={(r) => ({ 'data-testid': 'meter-reading', 'data-quality': r.quality } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('meters.readAt'), dataIndex: 'readAt', render: (v: string) => dateTime(v) },
        { title: t('meters.quality'), dataIndex: 'quality', render: (v: ReadingView['quality']) => <Tag color={v === 'good' ? 'green' : 'red'}>{t(`meters.qualities.${v}`)}</Tag> },
        { title: t('meters.total'), dataIndex: 'total', align: 'right', render: (v: number | null) => reading(v) },
        { title: t('meters.remaining'), dataIndex: 'remaining', align: 'right', render: (v: number | null) => reading(v) },
        { title: t('meters.lastError'), render: (_, r) => (r.errorCode ? `${r.errorCode} · ${r.errorMessage ?? ''}` : '') },
      ]} />
  );
}

/** A meter's last readings and monthly consumption (readings.ofMeter), opened from the board. */
export function MeterDrawer({ meter, onClose }: { meter: BoardMeterView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data, error } = useMeterReadings(meter?.meterId ?? null);
  return (
    <Drawer open={meter !== null} onClose={onClose} size="large" title={meter ? t('meters.drawerTitle', { meterNo: meter.meterNo }) : ''} destroyOnHidden>
      <div data-testid="meter-drawer">
      <h4>{t('meters.monthly')}</h4>
      <Monthly rows={data?.monthly ?? []} />
      <h4>{t('meters.readings')}</h4>
      <Readings rows={data?.readings ?? []} />
      <ErrorText testId="meter-drawer-error" message={error} />
      </div>
    </Drawer>
  );
}
