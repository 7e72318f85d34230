// @vitest-environment jsdom
import '../meters/testShims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseSettingsView } from '../../../shared/contract/system-views';
import { ServicesProvider } from '../api/ApiContext';
import type { AppServices } from '../api/ApiContext';
import { fakeClient, Providers } from '../test/harness';
import { DatabasePanel } from './DatabasePanel';

afterEach(cleanup);

const FILE = { kind: 'sqlite', location: '/data/halldesk.sqlite' } as const;
const SERVER = { kind: 'postgres', location: 'postgres://halldesk:***@db.hall:5432/hall' } as const;
const SETTINGS: DatabaseSettingsView = { current: FILE, next: FILE, choiceFile: '/data/database.json' };
const URL = 'postgres://halldesk:s3cret@db.hall:5432/hall';

function mount(answers: Parameters<typeof fakeClient>[0]) {
  const { client, calls } = fakeClient({ 'system.databaseSettings': () => ({ ok: true, value: SETTINGS }), ...answers });
  const services = { client, connection: {}, mode: 'browser' } as unknown as AppServices;
  render(<ServicesProvider services={services}><Providers><DatabasePanel /></Providers></ServicesProvider>);
  return calls;
}

describe('the database section of the settings page', () => {
  it('shows the database in use, tests a URL, saves it for the next start and warns where the password is kept', async () => {
    const calls = mount({
      'system.testDatabase': () => ({ ok: true, value: { ok: true, location: SERVER.location, serverVersion: '15.8', hallDesk: false } }),
      'system.saveDatabase': () => ({ ok: true, value: { ...SETTINGS, next: SERVER } }),
    });
    await waitFor(() => expect(screen.getByTestId('database-current').textContent).toContain('本机内置数据库（单收费台）'));
    expect(screen.getByTestId('database-current').textContent).toContain('/data/halldesk.sqlite');
    expect(screen.getByTestId('database-hint').textContent).toContain('/data/database.json');
    expect(screen.getByTestId('database-hint').textContent).toContain('密码');
    fireEvent.click(screen.getByTestId('database-test'));
    expect(screen.getByTestId('database-error').textContent).toBe('请先填写 PostgreSQL 地址');
    fireEvent.change(screen.getByTestId('database-url'), { target: { value: URL } });
    fireEvent.click(screen.getByTestId('database-test'));
    await waitFor(() => expect(screen.getByTestId('database-test-result').textContent).toBe('连接成功：PostgreSQL 15.8，空数据库（下次启动时建立 HallDesk 数据表）'));
    fireEvent.click(screen.getByTestId('database-save'));
    await waitFor(() => expect(screen.getByTestId('database-saved')).toBeTruthy());
    expect(screen.getByTestId('database-next').textContent).toContain('PostgreSQL 服务器（多收费台共用）');
    expect(screen.getByTestId('database-next').textContent).not.toContain('s3cret');
    expect(calls.filter((c) => c.method !== 'system.databaseSettings').map((c) => [c.method, c.input])).toEqual([
      ['system.testDatabase', { url: URL }],
      ['system.saveDatabase', { kind: 'postgres', url: URL }],
    ]);
  });

  it("shows a failed test and the backend's refusal of a URL it cannot parse; goes back to the embedded file", async () => {
    const calls = mount({
      'system.testDatabase': () => ({ ok: true, value: { ok: false, location: SERVER.location, reason: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.9:5432' } }),
      'system.saveDatabase': (input) => ((input as { kind: string }).kind === 'postgres'
        ? { ok: false, error: { code: 'database-url-invalid', message: '不是可用的 PostgreSQL 地址' } }
        : { ok: true, value: SETTINGS }),
    });
    await waitFor(() => expect(screen.getByTestId('database-current')).toBeTruthy());
    fireEvent.change(screen.getByTestId('database-url'), { target: { value: 'postgres://' } });
    fireEvent.click(screen.getByTestId('database-test'));
    await waitFor(() => expect(screen.getByTestId('database-test-result').textContent).toBe('连接失败：ECONNREFUSED: connect ECONNREFUSED 10.0.0.9:5432'));
    fireEvent.click(screen.getByTestId('database-save'));
    await waitFor(() => expect(screen.getByTestId('database-error').textContent).toBe('不是可用的 PostgreSQL 地址'));
    expect(screen.queryByTestId('database-saved')).toBeNull();
    fireEvent.click(screen.getByTestId('database-sqlite'));
    await waitFor(() => expect(screen.getByTestId('database-saved')).toBeTruthy());
    expect(calls.at(-1)).toEqual({ method: 'system.saveDatabase', input: { kind: 'sqlite' } });
  });
});
