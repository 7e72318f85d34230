/**
 * The counter window and the rules every web page of the app lives under. The renderer is treated as
 * untrusted: it gets no Node, no Electron, only the contract functions the preload exposes. Numbers in
 * the comments are items of Electron's security checklist (electronjs.org/docs/latest/tutorial/security).
 * Each rule is a small exported function so the tests can call it without an Electron binary.
 */
import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences, WindowOpenHandlerResponse } from 'electron';
import { APP_START_URL, isAppUrl } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './http-server';

export interface WindowPaths {
  /** out/preload/index.cjs: the bundled, sandbox-compatible preload. */
  readonly preload: string;
}

export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true, // #3: the page cannot reach the preload's scope or Electron's internals
    sandbox: true, // #4: the renderer runs in Chromium's OS sandbox; the preload can only require 'electron'
    nodeIntegration: false, // #2: no require() or process in the page
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true, // #6: same-origin policy stays on
    allowRunningInsecureContent: false, // #8
    experimentalFeatures: false, // #9
    webviewTag: false, // #12: no <webview> at all
    // Chromium's built-in PDF viewer (Electron ships no other plugin) shows the slip preview from its blob
    // URL inside the window; its print button opens the system print dialog.
    plugins: true,
    navigateOnDragDrop: false, // a file dropped on the window must not replace the counter screen
    spellcheck: false,
    devTools,
  };
}

export function mainWindowOptions(paths: WindowPaths, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: 'HallDesk',
    // Shown on ready-to-show: a clerk should never see a blank white frame flash at start.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(paths.preload, devTools),
  };
}

interface Preventable {
  preventDefault(): void;
}

/** will-navigate / will-redirect (#13): the window shows the app's own pages and nothing else. */
export function guardNavigation(event: Preventable, url: string): void {
  if (!isAppUrl(url)) event.preventDefault();
}

/** setWindowOpenHandler (#14): no page may open a window, not even an https link. */
export function denyWindowOpen(): WindowOpenHandlerResponse {
  return { action: 'deny' };
}

/** will-attach-webview (#12): webviewTag is off already; this also stops one forced in later. */
export function preventWebview(event: Preventable): void {
  event.preventDefault();
}

/** Applied to every WebContents the app creates (app 'web-contents-created'), not only the main window's. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => guardNavigation(event, url));
  contents.on('will-redirect', (event, url) => guardNavigation(event, url));
  contents.on('will-attach-webview', (event) => preventWebview(event));
  contents.setWindowOpenHandler(denyWindowOpen);
}

/** Response headers with our CSP (#7) in place of any the response carried. */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/** Permission requests (#5): the counter needs no camera, location, notifications, HID, serial … */
export function denyPermissionRequest(_contents: WebContents, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/**
 * The session rules. Devices (card reader, meters, printer) are driven by the main process, never by
 * the page through WebHID/WebSerial/WebUSB, so device permissions are refused too.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function createMainWindow(paths: WindowPaths, devTools: boolean, log: (error: unknown) => void): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(paths, devTools));
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_START_URL).catch(log);
  return window;
}
