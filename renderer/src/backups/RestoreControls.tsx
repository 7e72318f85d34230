import { Alert, Button, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESTORE_CONFIRM_WORD } from '../../../shared/contract/backup-views';
import type { BackupDrillView, BackupStatusView, BackupView } from '../../../shared/contract/backup-views';
import { dateTime } from '../components/dates';
import { ErrorText } from '../components/ErrorText';

/**
 * "Restore at next start" (admin): the running backend keeps the database open, so a restore is only scheduled
 * here — after a drill on the backend — and carried out when HallDesk next starts. The admin types the word.
 */
export function RestoreDialog({ backup, onClose, onSchedule }: {
  backup: BackupView | null; onClose: () => void; onSchedule: (backupId: number, confirm: string) => Promise<string | null>;
}) {
  const { t } = useTranslation();
  const [word, setWord] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => { setWord(''); setError(null); onClose(); };
  const schedule = async () => {
    if (!backup) return;
    setBusy(true);
    const refused = await onSchedule(backup.id, word);
    setBusy(false);
    if (refused) setError(refused);
    else close();
  };
  return (
    <Modal open={backup !== null} title={t('backups.restoreTitle')} onCancel={close} destroyOnHidden
      okText={t('backups.restoreSchedule')} okButtonProps={{ danger: true, disabled: word.trim() !== RESTORE_CONFIRM_WORD, loading: busy, ...{ 'data-testid': 'restore-confirm' } }}
      onOk={() => void schedule()}>
      <div data-testid="restore-dialog">
        <p>{t('backups.restoreExplain')}</p>
        {backup && <p><strong>{t('backups.restoreFile', { file: backup.file, at: dateTime(backup.finishedAt) })}</strong></p>}
        <label className="form-row"><span>{t('backups.restoreTypeWord', { word: RESTORE_CONFIRM_WORD })}</span>
          <Input data-testid="restore-word" value={word} autoComplete="off" onChange={(e) => setWord(e.target.value)} /></label>
        <ErrorText testId="restore-error" message={error} />
      </div>
    </Modal>
  );
}

/** The restore waiting for the next start (with its cancel) and what the last restore at start did. */
export function RestoreStatus({ status, onCancel }: { status: BackupStatusView | null; onCancel: () => void }) {
  const { t } = useTranslation();
  const pending = status?.pendingRestore ?? null;
  const last = status?.lastRestore ?? null;
  return (
    <>
      {pending && (
        <Alert type="warning" showIcon data-testid="restore-pending"
          title={t('backups.pending', { file: pending.file, at: dateTime(pending.scheduledAt), by: pending.scheduledBy })}
          action={<Button size="small" data-testid="restore-cancel" onClick={onCancel}>{t('backups.cancelRestore')}</Button>} />
      )}
      {last && (
        <Alert type={last.ok ? 'success' : 'error'} showIcon data-testid="restore-last"
          title={last.ok ? t('backups.lastRestoreOk', { at: dateTime(last.at), file: last.file, kept: last.keptAside ?? '—' })
            : t('backups.lastRestoreFailed', { at: dateTime(last.at), reason: last.reason ?? '?' })} />
      )}
    </>
  );
}

/** One backup's drill and restore buttons, and its drill's outcome once drilled. */
export function RowActions({ backup, drill, busy, onDrill, onRestore }: {
  backup: BackupView; drill: BackupDrillView | undefined; busy: boolean; onDrill: () => void; onRestore: () => void;
}) {
  const { t } = useTranslation();
  if (!backup.verified || !backup.present) return null;
  return (
    <Space wrap size="small">
      <Button size="small" data-testid="backup-drill" disabled={busy} onClick={onDrill}>{t('backups.drill')}</Button>
      <Button size="small" danger data-testid="backup-restore" disabled={busy} onClick={onRestore}>{t('backups.restore')}</Button>
      {drill && (
        <Tag data-testid="backup-drill-result" color={drill.ok ? 'green' : 'red'}>
          {drill.ok ? t('backups.drillOk', { version: drill.migratedTo ?? '?' }) : t('backups.drillFailed', { check: drill.failedCheck ?? '?' })}
        </Tag>
      )}
    </Space>
  );
}
