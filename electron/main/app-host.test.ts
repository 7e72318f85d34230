/**
 * The desktop lifecycle against a mocked `electron` and a fake backend: the data folder and the
 * single-instance lock before ready; backend, demo seed, IPC and window after it; a second launch
 * focusing the first window; the database closed before the process quits; a failed start reported.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeWebContents, fakeElectron } from '../../tests/support/fake-electron';
import { METHOD_NAMES } from '../../shared/contract/methods';
import { SHELL_PRINT_CHANNEL } from '../../shared/contract/shell-print-api';
import type { Dispatch } from './dispatch';
import { APP_START_URL } from './app-protocol';
import { focusWindow, resolveDataDir, shareResourcesDir, startDesktopApp } from './app-host';
import type { HostedBackend, HostDeps } from './app-host';
import { secureWebPreferences } from './window';

vi.mock('electron', async () => (await import('../../tests/support/fake-electron')).fakeElectron);

const { app, ipcMain, protocol, dialog } = fakeElectron;
let rendererDir: string;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'halldesk-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
});
afterAll(async () => {
  await rm(rendererDir, { recursive: true, force: true });
});
beforeEach(() => fakeElectron.reset());

function fakeBackend() {
  return {
    dispatch: vi.fn<Dispatch>(async () => ({ ok: true, value: null })),
    firstAdminPassword: null,
    close: vi.fn(async () => undefined),
  } satisfies HostedBackend;
}

function deps(overrides: Partial<HostDeps<ReturnType<typeof fakeBackend>>> = {}) {
  const backend = fakeBackend();
  return {
    backend,
    deps: {
      createBackend: vi.fn(async () => backend),
      ensureDemoHall: vi.fn(async () => 'demo hall'),
      paths: { preload: '/app/out/preload/index.cjs', renderer: rendererDir },
      env: { HALLDESK_DATA: '/srv/halldesk-data' } as NodeJS.ProcessEnv,
      platform: 'linux' as NodeJS.Platform,
      resourcesPath: '/opt/HallDesk/resources',
      info: vi.fn(),
      log: vi.fn(),
      ...overrides,
    },
  };
}

const quitEvent = () => ({ preventDefault: vi.fn() });

describe('before ready', () => {
  it('points userData at the data folder, sandboxes every renderer, registers the scheme and takes the lock', async () => {
    await startDesktopApp(deps().deps);
    expect(app.setPath).toHaveBeenCalledWith('userData', resolve('/srv/halldesk-data'));
    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(app.setPath.mock.invocationCallOrder[0]).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
  });

  it('quits at once when another instance holds the lock, and opens nothing', async () => {
    app.lockGranted = false;
    const { deps: d } = deps();
    await startDesktopApp(d);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(d.createBackend).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});

describe('after ready', () => {
  it('hands the backend the hall server and the counter code of HALLDESK_DATABASE_URL and HALLDESK_COUNTER', async () => {
    const env = { HALLDESK_DATA: '/srv/halldesk-data', HALLDESK_DATABASE_URL: 'postgres://hall@db.local/hall', HALLDESK_COUNTER: 'A02' } as NodeJS.ProcessEnv;
    const { deps: d } = deps({ env });
    await startDesktopApp(d);
    expect(d.createBackend).toHaveBeenCalledWith(expect.objectContaining({ database: 'postgres://hall@db.local/hall', counterCode: 'A02' }));
  });

  it('leaves both to the data folder when neither is set', async () => {
    const { deps: d } = deps();
    await startDesktopApp(d);
    const [options] = (d.createBackend as unknown as { mock: { calls: [Record<string, unknown>][] } }).mock.calls[0]!;
    expect(options).not.toHaveProperty('database');
    expect(options).not.toHaveProperty('counterCode');
  });

  it('hosts the backend on the data folder, seeds the demo hall, registers the contract and opens one secure window', async () => {
    const { deps: d, backend } = deps();
    await startDesktopApp(d);
    expect(d.createBackend).toHaveBeenCalledWith(expect.objectContaining({ dataDir: resolve('/srv/halldesk-data') }));
    expect(d.ensureDemoHall).toHaveBeenCalledWith(backend);
    // The contract, plus the shell's own printPdf channel (shell-print-ipc.ts).
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...METHOD_NAMES, SHELL_PRINT_CHANNEL].sort());
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const [window] = FakeBrowserWindow.instances;
    expect(window?.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs', true));
    expect(window?.loadURL).toHaveBeenCalledWith(APP_START_URL);
  });

  it('closes DevTools in a packaged app, and passes the packaged resources folder on', async () => {
    app.isPackaged = true;
    const { deps: d } = deps();
    await startDesktopApp(d);
    expect(FakeBrowserWindow.instances[0]?.options.webPreferences).toMatchObject({ devTools: false });
    expect(d.env.HALLDESK_RESOURCES_DIR).toBe(join('/opt/HallDesk/resources', 'resources'));
  });

  it('hardens every WebContents the app creates', async () => {
    await startDesktopApp(deps().deps);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const navigation = quitEvent();
    contents.emit('will-navigate', navigation, 'https://example.com/');
    expect(navigation.preventDefault).toHaveBeenCalledOnce();
  });

  it('brings the first window forward when a second instance starts', async () => {
    await startDesktopApp(deps().deps);
    const [window] = FakeBrowserWindow.instances;
    window!.minimized = true;
    app.emit('second-instance', {}, [], '/');
    expect(window?.restore).toHaveBeenCalledOnce();
    expect(window?.focus).toHaveBeenCalledOnce();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});

describe('quitting', () => {
  it('quits when the last window closes, except on macOS', async () => {
    await startDesktopApp(deps().deps);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledOnce();
    fakeElectron.reset();
    await startDesktopApp(deps({ platform: 'darwin' }).deps);
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('closes the backend and the IPC channels before the process goes, once', async () => {
    const { deps: d, backend } = deps();
    await startDesktopApp(d);
    const first = quitEvent();
    app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalledOnce();
    expect(backend.close).toHaveBeenCalledOnce();
    expect(ipcMain.handlers.size).toBe(0);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    const second = quitEvent();
    app.emit('will-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(backend.close).toHaveBeenCalledOnce();
  });
});

describe('a failed start', () => {
  it('says the renderer is not built, and exits without opening the database', async () => {
    const { deps: d } = deps({ paths: { preload: '/p.cjs', renderer: join(rendererDir, 'missing') } });
    await startDesktopApp(d);
    expect(dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringContaining('npm run build:renderer'));
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(d.createBackend).not.toHaveBeenCalled();
  });

  it('reports a database that cannot be opened, and opens no window', async () => {
    const { deps: d } = deps({ createBackend: vi.fn(async () => { throw new Error('database is from a newer HallDesk'); }) });
    await startDesktopApp(d);
    expect(dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), 'database is from a newer HallDesk');
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('closes a backend that opened when the demo seed then fails', async () => {
    const { deps: d, backend } = deps({ ensureDemoHall: vi.fn(async () => { throw new Error('seed failed'); }) });
    await startDesktopApp(d);
    expect(backend.close).toHaveBeenCalledOnce();
    expect(app.exit).toHaveBeenCalledWith(1);
  });
});

describe('helpers', () => {
  it('takes the data folder from HALLDESK_DATA, else <appData>/HallDesk', () => {
    expect(resolveDataDir({ HALLDESK_DATA: 'rel/dir' }, '/home/u/.config')).toBe(resolve('rel/dir'));
    expect(resolveDataDir({}, '/home/u/.config')).toBe(join('/home/u/.config', 'HallDesk'));
    expect(resolveDataDir({ HALLDESK_DATA: '  ' }, '/home/u/.config')).toBe(join('/home/u/.config', 'HallDesk'));
  });

  it('tells the slip code where packaged resources are, without overriding an explicit setting', () => {
    const env: NodeJS.ProcessEnv = {};
    shareResourcesDir(env, false, '/opt/HallDesk/resources');
    expect(env.HALLDESK_RESOURCES_DIR).toBeUndefined();
    shareResourcesDir(env, true, '/opt/HallDesk/resources');
    expect(env.HALLDESK_RESOURCES_DIR).toBe(join('/opt/HallDesk/resources', 'resources'));
    shareResourcesDir(env, true, '/elsewhere');
    expect(env.HALLDESK_RESOURCES_DIR).toBe(join('/opt/HallDesk/resources', 'resources'));
  });

  it('does nothing when asked to focus a window that is gone', () => {
    expect(() => focusWindow(null)).not.toThrow();
  });
});
