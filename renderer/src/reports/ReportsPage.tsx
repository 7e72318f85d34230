/** 报表 (issue 7 item 3): day close, monthly, tiers and the lists, each with its exports. Supervisors and admins. */
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { DayClosePanel } from './DayClosePanel';
import { ListsPanel } from './ListsPanel';
import { MonthlyPanel } from './MonthlyPanel';
import { TiersPanel } from './TiersPanel';
import { shortDate } from '../components/dates';

export function ReportsPage({ today: known }: { today: string | null }) {
  const { t } = useTranslation();
  const today = known ?? shortDate(new Date().toISOString());
  return (
    <div className="page" data-testid="reports-page">
      <h2>{t('reports.title')}</h2>
      <Tabs destroyOnHidden items={[
        { key: 'day', label: <span data-testid="tab-day">{t('reports.tabs.day')}</span>, children: <DayClosePanel today={today} /> },
        { key: 'month', label: <span data-testid="tab-month">{t('reports.tabs.month')}</span>, children: <MonthlyPanel today={today} /> },
        { key: 'tiers', label: <span data-testid="tab-tiers">{t('reports.tabs.tiers')}</span>, children: <TiersPanel today={today} /> },
        { key: 'lists', label: <span data-testid="tab-lists">{t('reports.tabs.lists')}</span>, children: <ListsPanel today={today} /> },
      ]} />
    </div>
  );
}
