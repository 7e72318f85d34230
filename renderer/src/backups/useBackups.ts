import { useCallback, useEffect, useState } from 'react';
import type { BackupProgressView, BackupSettingsView, BackupStatusView, BackupView } from '../../../shared/contract/backup-views';
import type { ApiClient } from '../api/client';

/** How often progress is read while a backup runs. */
export const PROGRESS_POLL_MS = 500;

export type BackupSettingsInput = Omit<BackupSettingsView, 'defaultFolder'>;

/** The backups panel's state: status, list and settings, "back up now" with its progress read while it runs. */
export function useBackups(client: ApiClient) {
  const [status, setStatus] = useState<BackupStatusView | null>(null);
  const [list, setList] = useState<readonly BackupView[]>([]);
  const [settings, setSettings] = useState<BackupSettingsView | null>(null);
  const [progress, setProgress] = useState<BackupProgressView | null>(null);
  const [running, setRunning] = useState(false);
  const [last, setLast] = useState<BackupView | null>(null);
  const [error, setError] = useState<string | null>(null);

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
    if (!running) return;
    const timer = setInterval(() => {
      void client.call('backups.progress', {}).then((r) => { if (r.ok) setProgress(r.value); });
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [running, client]);

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
  return { status, list, settings, progress, running, last, error, run, save };
}
