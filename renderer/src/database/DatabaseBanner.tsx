import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DatabaseStatusView } from '../../../shared/contract/system-views';
import { dateTime } from '../components/dates';

/**
 * While the shared database server cannot be reached: selling is paused, and why, in a line the clerk
 * cannot miss. It goes away by itself when the server answers again.
 */
export function DatabaseBanner({ status }: { status: DatabaseStatusView | null }) {
  const { t } = useTranslation();
  if (!status || status.reachable) return null;
  return (
    <Alert data-testid="database-banner" type="error" banner showIcon title={t('database.unreachableTitle')}
      description={t('database.unreachableHelp', { since: dateTime(status.since), location: status.location })} />
  );
}
