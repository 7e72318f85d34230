// @vitest-environment jsdom
import '../meters/testShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupProgressView, BackupSettingsView, BackupView } from '../../../shared/contract/backup-views';
import type { Role } from '../../../shared/vocabulary';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { fakeClient, Providers } from '../test/harness';
import { BackupsPanel } from './BackupsPanel';
import { BackupWarning } from './BackupWarning';

afterEach(cleanup);

const backup = (id: number, o: Partial<BackupView> = {}): BackupView => ({
  id, kind: 'daily', file: `/media/usb/halldesk-${id}.sqlite`, sizeBytes: 5_242_880, sha256: 'ab'.repeat(32), startedAt: '2026-06-15T18:00:00.000Z',
  finishedAt: '2026-06-15T18:00:05.000Z', verified: true, failedCheck: null, present: true, ...o,
});
const settings: BackupSettingsView = { folder: '/media/usb', defaultFolder: '/data/backups', dailyTime: '02:00', keepCount: 60, keepDays: 90 };

function mount(node: React.ReactNode, answers: Parameters<typeof fakeClient>[0]) {
  const { client, calls } = fakeClient(answers);
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers>{node}</Providers></ServicesProvider>);
  return calls;
}

describe('the backups panel', () => {
  it('shows the last verified backup and the history, runs a backup with its progress bar, saves settings', async () => {
    let finish: (b: BackupView) => void = () => undefined;
    const progress: BackupProgressView = { running: true, job: 'backup', kind: 'manual', phase: 'verify', fraction: 0.75, startedAt: '2026-06-16T02:00:00.000Z' };
    const calls = mount(<BackupsPanel />, {
      'backups.status': () => ({ ok: true, value: { lastVerified: backup(2), warning: false, running: false } }),
      'backups.list': () => ({ ok: true, value: [backup(2), backup(1, { verified: false, failedCheck: 'row-counts', present: false })] }),
      'backups.settings': () => ({ ok: true, value: settings }),
      'backups.progress': () => ({ ok: true, value: progress }),
      'backups.run': () => new Promise((resolve) => { finish = (b) => resolve({ ok: true, value: b }); }),
      'backups.setSettings': (input) => ({ ok: true, value: { ...settings, ...(input as object) } }),
    });
    await waitFor(() => expect(screen.getByTestId('backup-last').textContent).toContain('/media/usb/halldesk-2.sqlite'));
    expect(screen.getByTestId('backup-list').textContent).toContain('校验未通过：row-counts');
    expect(screen.getByTestId('backup-list').textContent).toContain('已按保留规则删除');
    fireEvent.click(screen.getByTestId('backup-now'));
    await waitFor(() => expect(screen.getByTestId('backup-progress').textContent).toContain('75%'), { timeout: 3000 });
    finish(backup(3, { kind: 'manual' }));
    await waitFor(() => expect(screen.getByTestId('backup-result').textContent).toBe('备份完成并已校验'));
    expect(screen.queryByTestId('backup-progress')).toBeNull();
    fireEvent.change(screen.getByTestId('backup-time'), { target: { value: '03:30' } });
    fireEvent.click(screen.getByTestId('backup-settings-save'));
    await waitFor(() => expect(screen.getByTestId('backup-settings-saved')).toBeTruthy());
    expect(calls.find((c) => c.method === 'backups.setSettings')?.input).toEqual({ folder: '/media/usb', dailyTime: '03:30', keepCount: 60, keepDays: 90 });
  });
});

describe('restore from the panel', () => {
  it('drills a backup with its progress, schedules a restore only with the typed word, shows and cancels the plan', async () => {
    let finishDrill: () => void = () => undefined;
    let pending: unknown = null;
    const plan = { backupId: 2, file: '/media/usb/halldesk-2.sqlite', sha256: 'ab'.repeat(32), scheduledAt: '2026-06-16T02:00:00.000Z', scheduledBy: 'admin' };
    const calls = mount(<BackupsPanel />, {
      'backups.status': () => ({ ok: true, value: { lastVerified: backup(2), warning: false, running: false, pendingRestore: pending, lastRestore: null } }),
      'backups.list': () => ({ ok: true, value: [backup(2)] }),
      'backups.settings': () => ({ ok: true, value: settings }),
      'backups.progress': () => ({ ok: true, value: { running: true, job: 'drill', kind: 'daily', phase: 'copy', fraction: 0.5, startedAt: null } }),
      'backups.drill': () => new Promise((resolve) => {
        finishDrill = () => resolve({ ok: true, value: { backupId: 2, ok: true, failedCheck: null, checks: [], migratedTo: 17, at: '2026-06-16T02:00:00.000Z' } });
      }),
      'backups.scheduleRestore': () => { pending = plan; return { ok: true, value: plan }; },
      'backups.cancelRestore': () => { pending = null; return { ok: true, value: { cancelled: true } }; },
    });
    await waitFor(() => expect(screen.getByTestId('backup-drill')).toBeTruthy());
    fireEvent.click(screen.getByTestId('backup-drill'));
    await waitFor(() => expect(screen.getByTestId('backup-progress').textContent).toContain('50%'), { timeout: 3000 });
    expect(screen.getByTestId('backup-progress').textContent).toContain('恢复演练');
    finishDrill();
    await waitFor(() => expect(screen.getByTestId('backup-drill-result').textContent).toContain('演练通过'));
    fireEvent.click(screen.getByTestId('backup-restore'));
    await waitFor(() => expect(screen.getByTestId('restore-dialog').textContent).toContain('下次启动'));
    expect((screen.getByTestId('restore-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('restore-word'), { target: { value: 'RESTORE' } });
    fireEvent.click(screen.getByTestId('restore-confirm'));
    await waitFor(() => expect(screen.getByTestId('restore-pending').textContent).toContain('下次启动时恢复'));
    expect(calls.find((c) => c.method === 'backups.scheduleRestore')?.input).toEqual({ backupId: 2, confirm: 'RESTORE' });
    fireEvent.click(screen.getByTestId('restore-cancel'));
    await waitFor(() => expect(screen.queryByTestId('restore-pending')).toBeNull());
  });
});

describe('the top-bar warning', () => {
  const answer = (warning: boolean) => ({ 'backups.status': () => ({ ok: true as const, value: { lastVerified: backup(1), warning, running: false } }) });
  it.each<[Role, boolean, boolean]>([['supervisor', true, true], ['admin', true, true], ['admin', false, false], ['clerk', true, false]])(
    'a %s, warning %s → shown %s', async (role, warning, shown) => {
      const calls = mount(<BackupWarning role={role} />, answer(warning));
      if (role !== 'clerk') await waitFor(() => expect(calls).toHaveLength(1));
      await new Promise((r) => setTimeout(r, 20));
      expect(screen.queryByTestId('backup-warning') !== null).toBe(shown);
      if (shown) expect(screen.getByTestId('backup-warning').textContent).toContain('24 小时内无备份');
      if (role === 'clerk') expect(calls).toEqual([]);
    });
});
