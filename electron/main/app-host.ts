/**
 * The desktop app's lifecycle: one instance per data folder, the backend core hosted in this (the main)
 * process, the contract registered on IPC, one secure window, and the database closed before exit.
 * The backend factory and the paths come in as arguments so the tests can run all of it against a
 * mocked `electron` and a fake backend; index.ts passes the real ones.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session } from 'electron';
import type { BackendOptions } from './composition';
import type { Dispatch } from './dispatch';
import { APP_NAME } from './paths';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { registerIpc } from './ipc';
import { registerShellPrint } from './shell-print-ipc';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

/** What the host needs of the backend (composition.ts's Backend has more). */
export interface HostedBackend {
  readonly dispatch: Dispatch;
  readonly firstAdminPassword: string | null;
  close(): Promise<void>;
}

export interface HostDeps<B extends HostedBackend> {
  createBackend(options: BackendOptions): Promise<B>;
  /** electron/demo/first-run.ts: seeds the demo hall into a brand-new database. */
  ensureDemoHall(backend: B): Promise<string | null>;
  readonly paths: { readonly preload: string; readonly renderer: string };
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** Electron's process.resourcesPath (undefined outside Electron, hence injectable). */
  readonly resourcesPath?: string;
  readonly info?: (line: string) => void;
  readonly log?: (error: unknown) => void;
}

interface HostState<B> {
  window: BrowserWindow | null;
  backend: B | null;
  unregisterIpc: (() => void) | null;
}

/** HALLDESK_DATA (what `halldesk start --data` passes down), else <appData>/HallDesk like paths.ts. */
export function resolveDataDir(env: NodeJS.ProcessEnv, appData: string): string {
  const fromEnv = env.HALLDESK_DATA?.trim();
  return fromEnv ? resolve(fromEnv) : join(appData, APP_NAME);
}

/**
 * Issue 8: the hall's shared PostgreSQL server when HALLDESK_DATABASE_URL names one (else the data folder's
 * choice), and this workstation's counter code from HALLDESK_COUNTER (what `halldesk start --counter` passes
 * down) — on a shared server each desktop needs its own, or the second is refused at start.
 */
export function workstationOf(env: NodeJS.ProcessEnv): { database?: string; counterCode?: string } {
  const database = env.HALLDESK_DATABASE_URL?.trim();
  const counterCode = env.HALLDESK_COUNTER?.trim();
  return { ...(database ? { database } : {}), ...(counterCode ? { counterCode } : {}) };
}

/**
 * Packaged, electron-builder puts resources/ (slip fonts …) in process.resourcesPath/resources
 * (extraResources); the slip code, which never imports Electron, finds it through this variable.
 * Unpackaged, it falls back to the project's own resources/ folder.
 */
export function shareResourcesDir(env: NodeJS.ProcessEnv, packaged: boolean, resourcesPath: string): void {
  if (packaged && !env.HALLDESK_RESOURCES_DIR) env.HALLDESK_RESOURCES_DIR = join(resourcesPath, 'resources');
}

/** A second launch brings the running counter to the front instead of opening a second writer. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

/**
 * Runs before `ready` (ESM main: this is the entry module's synchronous part). Resolves once the
 * window is open, or after a failed start has been reported.
 */
export function startDesktopApp<B extends HostedBackend>(deps: HostDeps<B>): Promise<void> {
  const env = deps.env ?? process.env;
  const dataDir = resolveDataDir(env, app.getPath('appData'));
  // userData holds Chromium's profile and the single-instance lock: pointing it at the data folder
  // makes the lock mean "one writer per database", and keeps test runs (HALLDESK_DATA=tmp) apart.
  app.setPath('userData', dataDir);
  shareResourcesDir(env, app.isPackaged, deps.resourcesPath ?? process.resourcesPath);
  app.enableSandbox(); // #4 for every renderer, whatever options a future window is given
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]); // must happen before ready
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  const state: HostState<B> = { window: null, backend: null, unregisterIpc: null };
  const log = deps.log ?? ((error: unknown) => console.error('[halldesk]', error));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => focusWindow(state.window));
  app.on('window-all-closed', () => {
    // macOS convention: the app stays in the dock until Cmd+Q.
    if ((deps.platform ?? process.platform) !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => closeBackendThenQuit(event, state, log));
  return app.whenReady()
    .then(() => boot(deps, dataDir, state, log))
    .catch((error: unknown) => failStartup(error, state, log));
}

async function boot<B extends HostedBackend>(deps: HostDeps<B>, dataDir: string, state: HostState<B>, log: (error: unknown) => void): Promise<void> {
  const info = deps.info ?? ((line: string) => console.log(line));
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(deps.paths.renderer));
  if (!existsSync(join(deps.paths.renderer, 'index.html'))) {
    throw new Error(`The counter screen is not built (${deps.paths.renderer}): run "npm run build:renderer".`);
  }
  const backend = await deps.createBackend({ dataDir, log, collect: true, cardReader: 'pcsc', ...workstationOf(deps.env ?? process.env) });
  state.backend = backend;
  const demo = await deps.ensureDemoHall(backend);
  info(`HallDesk data: ${dataDir}`);
  if (demo) info(`Demo hall seeded: ${demo}`);
  else if (backend.firstAdminPassword) info(`First run: user "admin", password "${backend.firstAdminPassword}" (shown once; change it)`);
  const unregisterContract = registerIpc(ipcMain, backend.dispatch, log);
  const unregisterShellPrint = registerShellPrint(ipcMain, log);
  state.unregisterIpc = () => {
    unregisterContract();
    unregisterShellPrint();
  };
  const open = (): void => {
    state.window = createMainWindow({ preload: deps.paths.preload }, !app.isPackaged, log);
  };
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
}

/** will-quit: close the database (WAL checkpoint) before the process goes, then quit for real. */
function closeBackendThenQuit<B extends HostedBackend>(event: { preventDefault(): void }, state: HostState<B>, log: (error: unknown) => void): void {
  const backend = state.backend;
  if (!backend) return;
  state.backend = null;
  event.preventDefault();
  state.unregisterIpc?.();
  state.unregisterIpc = null;
  backend.close().catch(log).finally(() => app.quit());
}

/** A start that fails (database from a newer HallDesk, renderer not built …) says why, then exits. */
async function failStartup<B extends HostedBackend>(error: unknown, state: HostState<B>, log: (error: unknown) => void): Promise<void> {
  log(error);
  dialog.showErrorBox('HallDesk 无法启动 / could not start', error instanceof Error ? error.message : String(error));
  const backend = state.backend;
  state.backend = null;
  await backend?.close().catch(log);
  app.exit(1);
}
