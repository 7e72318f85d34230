import { Button, Input, InputNumber, Progress, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupDrillView, BackupProgressView, BackupSettingsView, BackupView } from '../../../shared/contract/backup-views';
import { useApi } from '../api/ApiContext';
import { dateTime } from '../components/dates';
import { ErrorText } from '../components/ErrorText';
import { useBackups } from './useBackups';
import type { BackupSettingsInput } from './useBackups';
import { RestoreDialog, RestoreStatus, RowActions } from './RestoreControls';

export function sizeText(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function SettingsForm({ settings, onSave }: { settings: BackupSettingsView; onSave: (next: BackupSettingsInput) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState(settings.folder ?? '');
  const [dailyTime, setDailyTime] = useState(settings.dailyTime);
  const [keepCount, setKeepCount] = useState(settings.keepCount);
  const [keepDays, setKeepDays] = useState(settings.keepDays);
  const [saved, setSaved] = useState(false);
  const save = async () => setSaved(await onSave({ folder: folder.trim() === '' ? null : folder.trim(), dailyTime, keepCount, keepDays }));
  return (
    <div className="form-grid">
      <label className="form-row"><span>{t('backups.folder')}</span>
        <Input data-testid="backup-folder" value={folder} placeholder={settings.defaultFolder} onChange={(e) => setFolder(e.target.value)} /></label>
      <label className="form-row"><span>{t('backups.dailyTime')}</span>
        <Input data-testid="backup-time" value={dailyTime} onChange={(e) => setDailyTime(e.target.value)} /></label>
      <label className="form-row"><span>{t('backups.keepCount')}</span>
        <InputNumber data-testid="backup-keep-count" min={1} max={365} value={keepCount} onChange={(v) => v && setKeepCount(v)} /></label>
      <label className="form-row"><span>{t('backups.keepDays')}</span>
        <InputNumber data-testid="backup-keep-days" min={1} max={3650} value={keepDays} onChange={(v) => v && setKeepDays(v)} /></label>
      <Button data-testid="backup-settings-save" onClick={() => void save()}>{t('backups.save')}</Button>
      {saved && <span className="ok-text" data-testid="backup-settings-saved">{t('backups.saved')}</span>}
    </div>
  );
}

interface RowControls {
  readonly drills: Readonly<Record<number, BackupDrillView>>;
  readonly busy: boolean;
  readonly onDrill: (backupId: number) => void;
  readonly onRestore: (backup: BackupView) => void;
}

function BackupList({ list, controls }: { list: readonly BackupView[]; controls: RowControls }) {
  const { t } = useTranslation();
  return (
    <Table<BackupView> size="small" rowKey="id" dataSource={[...list]} pagination={{ pageSize: 10 }} data-testid="backup-list"
      onRow={() => ({ 'data-testid': 'backup-row' } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        { title: t('backups.finishedAt'), dataIndex: 'finishedAt', render: (v: string) => dateTime(v) },
        { title: t('backups.kind'), dataIndex: 'kind', render: (v: string) => t(`backups.kinds.${v}`) },
        {
          title: t('backups.verified'), key: 'verified',
          render: (_: unknown, b: BackupView) => (b.verified ? <Tag color="green">{t('backups.ok')}</Tag> : <Tag color="red">{t('backups.failed', { check: b.failedCheck ?? '?' })}</Tag>),
        },
        { title: t('backups.size'), dataIndex: 'sizeBytes', render: (v: number) => sizeText(v) },
        { title: t('backups.file'), key: 'file', render: (_: unknown, b: BackupView) => <span className={b.present ? '' : 'muted'}>{b.file}{b.present ? '' : ` (${t('backups.removed')})`}</span> },
        {
          title: t('backups.actions'), key: 'actions',
          render: (_: unknown, b: BackupView) => (
            <RowActions backup={b} drill={controls.drills[b.id]} busy={controls.busy} onDrill={() => controls.onDrill(b.id)} onRestore={() => controls.onRestore(b)} />
          ),
        },
      ]} />
  );
}

/** The running backup's or drill's bar, from backups.progress (a real fraction: copy and verification steps). */
function JobProgress({ progress }: { progress: BackupProgressView | null }) {
  const { t } = useTranslation();
  return (
    <div data-testid="backup-progress" data-job={progress?.job ?? ''}>
      <span>{t(progress?.job === 'drill' ? 'backups.progressDrill' : 'backups.progressBackup')}</span>
      <Progress percent={Math.round((progress?.fraction ?? 0) * 100)} status="active" />
    </div>
  );
}

/**
 * Verified backups (admin, issue 7 item 6): the last verified one, "back up now" with its progress, settings, and
 * the history with each verified backup's restore drill and "restore at next start".
 */
export function BackupsPanel() {
  const { t } = useTranslation();
  const model = useBackups(useApi());
  const [formKey, setFormKey] = useState(0);
  useEffect(() => setFormKey((k) => k + 1), [model.settings?.folder, model.settings?.dailyTime]);
  const last = model.status?.lastVerified ?? null;
  const [restoring, setRestoring] = useState<BackupView | null>(null);
  const busy = model.running || model.drilling !== null;
  const controls: RowControls = { drills: model.drills, busy, onDrill: (id) => void model.drill(id), onRestore: setRestoring };
  return (
    <section className="page-section" data-testid="backups-panel">
      <h3>{t('backups.title')}</h3>
      <p data-testid="backup-last">
        {last ? t('backups.last', { at: dateTime(last.finishedAt), file: last.file }) : t('backups.none')}
        {model.status?.warning && <Tag color="red" data-testid="backup-stale">{t('backups.stale')}</Tag>}
      </p>
      <RestoreStatus status={model.status} onCancel={() => void model.cancelRestore()} />
      <Button type="primary" data-testid="backup-now" loading={model.running} disabled={busy && !model.running} onClick={() => void model.run()}>{t('backups.now')}</Button>
      {busy && <JobProgress progress={model.progress} />}
      {model.drilling !== null && <span data-testid="backup-drilling">{t('backups.drilling')}</span>}
      {model.last && (
        <span data-testid="backup-result" className={model.last.verified ? 'ok-text' : 'error-text'}>
          {model.last.verified ? t('backups.doneOk') : t('backups.failed', { check: model.last.failedCheck ?? '?' })}
        </span>
      )}
      <ErrorText testId="backup-error" message={model.error} />
      {model.settings && <SettingsForm key={formKey} settings={model.settings} onSave={model.save} />}
      <BackupList list={model.list} controls={controls} />
      <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} onSchedule={model.scheduleRestore} />
    </section>
  );
}
