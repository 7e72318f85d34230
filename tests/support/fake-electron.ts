/**
 * A stand-in for the `electron` module, for unit tests of the main process and the preload. The real
 * module cannot be imported here: it downloads its binary on first use, and this machine has no network
 * for that (shared/reference/toolchain.md §3). Use it as
 *
 *   vi.mock('electron', async () => (await import('../../tests/support/fake-electron')).fakeElectron);
 *
 * and drive it through the same `fakeElectron` object: emit app events, read registered handlers.
 * Only what HallDesk's shell calls is here; `reset()` between tests puts it back to a fresh state.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  }

  readonly webContents = new FakeWebContents();
  minimized = false;
  destroyed = false;
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  lockGranted = true;
  readonly paths = new Map<string, string>([['appData', '/fake/appData']]);
  readonly getPath = vi.fn((name: string) => this.paths.get(name) ?? `/fake/${name}`);
  readonly setPath = vi.fn((name: string, path: string) => {
    this.paths.set(name, path);
  });
  readonly enableSandbox = vi.fn();
  readonly requestSingleInstanceLock = vi.fn(() => this.lockGranted);
  readonly whenReady = vi.fn(() => Promise.resolve());
  readonly quit = vi.fn();
  readonly exit = vi.fn();
}

function createIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
}

function createSession() {
  return {
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
}

export const fakeElectron = {
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  ipcMain: createIpcMain(),
  session: { defaultSession: createSession() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn(async () => ({ response: 0 })) },
  shell: { openExternal: vi.fn() },
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (_channel: string, _payload: unknown): Promise<unknown> => ({ ok: true, value: null })) },

  /** Fresh state, same objects (the modules under test hold references to them). */
  reset(): void {
    vi.clearAllMocks();
    const { app } = fakeElectron;
    app.removeAllListeners();
    app.isPackaged = false;
    app.lockGranted = true;
    app.paths.clear();
    app.paths.set('appData', '/fake/appData');
    fakeElectron.ipcMain.handlers.clear();
    FakeBrowserWindow.instances = [];
  },
};
