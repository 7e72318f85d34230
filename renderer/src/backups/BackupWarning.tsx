import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatusView } from '../../../shared/contract/backup-views';
import type { Role } from '../../../shared/vocabulary';
import { useApi } from '../api/ApiContext';
import { dateTime } from '../components/dates';

/** Status is read again every 10 minutes: a backup finishing (or going stale) shows without a reload. */
export const STATUS_POLL_MS = 600_000;

/** The counter's top-bar warning for supervisors and admins: no verified backup within 24 hours (issue 7 item 6). */
export function BackupWarning({ role }: { role: Role }) {
  const { t } = useTranslation();
  const client = useApi();
  const [status, setStatus] = useState<BackupStatusView | null>(null);
  const watches = role === 'supervisor' || role === 'admin';
  useEffect(() => {
    if (!watches) return;
    const read = () => void client.call('backups.status', {}).then((r) => { if (r.ok) setStatus(r.value); }, () => undefined);
    read();
    const timer = setInterval(read, STATUS_POLL_MS);
    return () => clearInterval(timer);
  }, [client, watches]);
  if (!watches || !status?.warning) return null;
  const last = status.lastVerified;
  return (
    <Tag color="red" data-testid="backup-warning">
      {last ? t('backups.warningSince', { at: dateTime(last.finishedAt) }) : t('backups.warningNone')}
    </Tag>
  );
}
