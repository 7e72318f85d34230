import { Alert, Button, Input, InputNumber, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDayView, CalendarWarningsView, CalendarYearView } from '../../../shared/contract/views';
import { useApi } from '../api/ApiContext';
import { ErrorText } from '../components/ErrorText';
import { calendarText, parseCalendarText } from './calendarText';

export interface CalendarPageProps {
  readonly today: string | null;
  readonly warnings: CalendarWarningsView | null;
  readonly onChanged: () => void;
}

/** One year of the calendar, its import text, and saving it. */
function useCalendarAdmin(today: string | null, onChanged: () => void) {
  const { t } = useTranslation();
  const client = useApi();
  const [year, setYear] = useState(Number((today ?? '2026').slice(0, 4)));
  const [view, setView] = useState<CalendarYearView | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const load = useCallback(async (y: number) => {
    const result = await client.call('calendar.year', { year: y });
    setView(result.ok ? result.value : null);
    setError(result.ok ? null : result.error.message);
    if (result.ok) setText(calendarText(result.value.days));
  }, [client]);
  useEffect(() => {
    void load(year);
  }, [load, year]);
  const save = async () => {
    const parsed = parseCalendarText(text);
    if (!parsed.ok) return setError(t('calendar.badLine', { line: parsed.line }));
    const result = await client.call('calendar.importYear', { year, days: parsed.days });
    setError(result.ok ? null : result.error.message);
    setSaved(result.ok);
    if (result.ok) setView(result.value);
    onChanged();
  };
  return { year, setYear, view, text, setText, error, saved, save };
}

/** The bank calendar (节假日日历): a year's holidays and make-up working days, and the admin's import of a year. */
export function CalendarPage({ today, warnings, onChanged }: CalendarPageProps) {
  const { t } = useTranslation();
  const { year, setYear, view, text, setText, error, saved, save } = useCalendarAdmin(today, onChanged);
  const missing = warnings?.missingYears ?? [];
  return (
    <div className="page-body" data-testid="calendar-page">
      <header className="page-head">
        <h2>{t('nav.calendar')}</h2>
        <InputNumber data-testid="calendar-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        {view && <Tag color={view.loaded ? 'green' : 'red'} data-testid="calendar-loaded">{view.loaded ? t('calendar.loaded', { source: view.source ?? '' }) : t('calendar.notLoaded')}</Tag>}
      </header>
      {missing.length > 0 && <Alert type="error" showIcon title={t('holiday.missingYears', { years: missing.join(', ') })} />}
      <div className="calendar-split">
        <Table<CalendarDayView> size="small" rowKey="date" pagination={{ pageSize: 20 }} dataSource={[...(view?.days ?? [])]} data-testid="calendar-days"
          columns={[
            { title: t('calendar.date'), dataIndex: 'date' },
            { title: t('calendar.kind'), dataIndex: 'kind', render: (k: 'off' | 'work') => <Tag color={k === 'off' ? 'red' : 'blue'}>{t(`calendar.kinds.${k}`)}</Tag> },
            { title: t('calendar.name'), dataIndex: 'name' },
          ]} />
        <div className="calendar-import">
          <h3>{t('calendar.import')}</h3>
          <p className="muted">{t('calendar.importHelp')}</p>
          <Input.TextArea data-testid="calendar-text" rows={14} value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="primary" data-testid="calendar-save" onClick={() => void save()}>{t('calendar.save', { year })}</Button>
          {saved && <span className="ok-text" data-testid="calendar-saved">{t('calendar.saved')}</span>}
        </div>
      </div>
      <ErrorText testId="calendar-error" message={error} />
    </div>
  );
}
