import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ShiftReport } from '../../../shared/contract/views';
import { dateTime } from '../components/dates';
import { useFocus } from '../keys/focus';
import { unitsText, yuan } from '../money/format';

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return <tr><th>{label}</th><td className="num" data-testid={testId}>{value}</td></tr>;
}

/** The shift report after closing (shifts.close): totals, cash reconciliation, per utility. */
export function ShiftReportView({ report, onDone }: { report: ShiftReport; onDone: () => void }) {
  const { t } = useTranslation();
  const { register } = useFocus();
  const { shift } = report;
  return (
    <div className="shift-report" data-testid="shift-report">
      <h2>{t('report.title', { id: shift.id })}</h2>
      <table className="grid report-table">
        <tbody>
          <Row label={t('report.clerk')} value={`${report.clerkName} · ${shift.counterCode}`} />
          <Row label={t('report.period')} value={`${dateTime(shift.openedAt)} – ${shift.closedAt ? dateTime(shift.closedAt) : ''}`} />
          <Row label={t('report.receipts')} value={report.firstReceipt ? `${report.firstReceipt} – ${report.lastReceipt ?? ''}` : '—'} />
          <Row label={t('report.sales')} value={t('report.salesValue', { count: report.saleCount, total: yuan(report.salesTotal) })} testId="report-sales" />
          <Row label={t('report.refunds')} value={yuan(report.refundsTotal)} testId="report-refunds" />
          {report.dropsTotal > 0 && <Row label={t('report.drops')} value={yuan(report.dropsTotal)} testId="report-drops" />}
          {report.depositsTotal > 0 && <Row label={t('report.deposits')} value={yuan(report.depositsTotal)} testId="report-deposits" />}
          <Row label={t('shift.float')} value={yuan(shift.float)} />
          <Row label={t('report.cashIn')} value={yuan(report.cashIn)} />
          <Row label={t('shift.expected')} value={yuan(report.expectedCash)} testId="report-expected" />
          <Row label={t('shift.counted')} value={shift.counted === null ? '—' : yuan(shift.counted)} testId="report-counted" />
          <Row label={t('shift.shortOver')} value={shift.shortOver === null ? '—' : yuan(shift.shortOver)} testId="report-short-over" />
        </tbody>
      </table>
      <table className="grid report-table">
        <thead><tr><th>{t('report.utility')}</th><th className="num">{t('report.count')}</th><th className="num">{t('report.amount')}</th><th className="num">{t('report.units')}</th></tr></thead>
        <tbody>
          {report.byUtility.map((row) => (
            <tr key={row.utility}><td>{t(`utility.${row.utility}`)}</td><td className="num">{row.count}</td>
              <td className="num">{yuan(row.amount)}</td><td className="num">{unitsText(row.units, row.utility)}</td></tr>
          ))}
        </tbody>
      </table>
      <Button ref={register('report-done')} data-testid="shift-report-done" type="primary" size="large" onClick={onDone}>
        {t('report.done')} <kbd className="key-hint">Enter</kbd>
      </Button>
    </div>
  );
}
