import { useCallback, useEffect, useState } from 'react';
import type { BackupDrillView, BackupProgressView, BackupSettingsView, BackupStatusView, BackupView } from '../../../shared/contract/backup-views';
import type { ApiClient } from '../api/client';

/** How often progress is read while a backup runs. */
export const PROGRESS_POLL_MS = 500;

export type BackupSettingsInput = Omit<BackupSettingsView, 'defaultFolder'>;

/**
 * The backups panel's state: status, list and settings, "back up now" and the restore drill with their progress
 * read while they run, and the restore scheduled for the next start (with its cancel).
 */
export function useBackups(client: ApiClient) {
  const [status, setStatus] = useState<BackupStatusView | null>(null);
  const [list, setList] = useState<readonly BackupView[]>([]);
  const [settings, setSettings] = useState<BackupSettingsView | null>(null);
  const [progress, setProgress] = useState<BackupProgressView | null>(null);
  const [running, setRunning] = useState(false);
  const [last, setLast] = useState<BackupView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drilling, setDrilling] = useState<number | null>(null);
  const [drills, setDrills] = useState<Readonly<Record<number, BackupDrillView>>>({});

  const load = useCallback(async () => {
    const [s, l, c] = await Promise.all([client.call('backups.status', {}), client.call('backups.list', { limit: 50 }), client.call('backups.settings', {})]);
    if (s.ok) setStatus(s.value);
    if (l.ok) setList(l.value);
    if (c.ok) setSettings(c.value);
    const failed = [s, l, c].find((r) => !r.ok);
    if (failed && !failed.ok) setError(failed.error.message);
  }, [client]);
  useEffect(() => { void load(); }, [load]);

  useEffect(() => {
    if (!running && drilling === null) return;
    const timer = setInterval(() => {
      void client.call('backups.progress', {}).then((r) => { if (r.ok) setProgress(r.value); });
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [running, drilling, client]);

  const run = async () => {
    setRunning(true);
    setError(null);
    const result = await client.call('backups.run', {});
    setRunning(false);
    setProgress(null);
    if (result.ok) setLast(result.value);
    else setError(result.error.message);
    await load();
  };

  const save = async (next: BackupSettingsInput): Promise<boolean> => {
    const result = await client.call('backups.setSettings', next);
    if (result.ok) setSettings(result.value);
    setError(result.ok ? null : result.error.message);
    return result.ok;
  };
  const drill = async (backupId: number) => {
    setDrilling(backupId);
    setError(null);
    const result = await client.call('backups.drill', { backupId });
    setDrilling(null);
    setProgress(null);
    if (result.ok) setDrills((d) => ({ ...d, [backupId]: result.value }));
    else setError(result.error.message);
  };

  /** Answers the refusal's message (shown in the dialog), or null once scheduled. */
  const scheduleRestore = async (backupId: number, confirm: string): Promise<string | null> => {
    setDrilling(backupId);
    const result = await client.call('backups.scheduleRestore', { backupId, confirm });
    setDrilling(null);
    setProgress(null);
    await load();
    return result.ok ? null : result.error.message;
  };

  const cancelRestore = async () => {
    const result = await client.call('backups.cancelRestore', {});
    setError(result.ok ? null : result.error.message);
    await load();
  };
  return { status, list, settings, progress, running, last, error, run, save, drilling, drills, drill, scheduleRestore, cancelRestore };
}
