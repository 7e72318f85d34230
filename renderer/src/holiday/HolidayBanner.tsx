import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuan } from '../money/format';
import type { MoneyStatus } from './useMoneyStatus';

/** On a day the banks are closed: the rules in force for cash, in one line the clerk cannot miss. */
export function HolidayBanner({ status }: { status: MoneyStatus }) {
  const { t } = useTranslation();
  const { check, rules } = status;
  if (!check || check.bankWorkingDay) return null;
  const name = check.holidayName ?? t(`holiday.reason.${check.reason}`);
  const text = t('holiday.rules', {
    name, date: check.date, next: check.nextBankWorkingDay,
    perApproval: rules ? yuan(rules.holidayCashPerApproval) : '—', perCustomer: rules ? yuan(rules.holidayCashPerCustomer) : '—',
  });
  return <Alert data-testid="holiday-banner" type="warning" banner showIcon title={t('holiday.title', { name })} description={text} />;
}

/** For supervisors and admins: calendar years not loaded, overdue bank deposits. */
export function MoneyWarnings({ status }: { status: MoneyStatus }) {
  const { t } = useTranslation();
  const missing = status.warnings?.missingYears ?? [];
  const overdue = status.warnings ? status.pending?.overdueCount ?? 0 : 0;
  return (
    <>
      {missing.length > 0 && (
        <Alert data-testid="calendar-warning" type="error" banner showIcon title={t('holiday.missingYears', { years: missing.join(', ') })} />
      )}
      {overdue > 0 && (
        <Alert data-testid="overdue-warning" type="error" banner showIcon
          title={t('holiday.overdue', { count: overdue, amount: yuan(status.pending?.overdueAmount ?? 0) })} />
      )}
    </>
  );
}
