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
    const progress: BackupProgressView = { running: true, kind: 'manual', phase: 'verify', fraction: 0.75, startedAt: '2026-06-16T02:00:00.000Z' };
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
