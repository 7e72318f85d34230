/**
 * The window's security rules, with `electron` mocked (no binary here): secure webPreferences, navigation
 * and new windows denied, webviews refused, permissions refused, and the browser-mode CSP on responses.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { FakeBrowserWindow, FakeWebContents, fakeElectron } from '../../tests/support/fake-electron';
import { CONTENT_SECURITY_POLICY } from './http-server';
import { APP_START_URL } from './app-protocol';
import {
  createMainWindow, denyWindowOpen, guardNavigation, hardenSession, hardenWebContents, mainWindowOptions,
  secureWebPreferences, withContentSecurityPolicy,
} from './window';

vi.mock('electron', async () => (await import('../../tests/support/fake-electron')).fakeElectron);

const PRELOAD = '/app/out/preload/index.cjs';

beforeEach(() => fakeElectron.reset());

function preventable() {
  return { preventDefault: vi.fn() };
}

describe('window options', () => {
  it('isolates and sandboxes the renderer, with no Node and the bundled preload', () => {
    const prefs = secureWebPreferences(PRELOAD, false);
    expect(prefs).toMatchObject({
      preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false,
      webviewTag: false, devTools: false, plugins: true,
    });
  });

  it('keeps the window hidden until ready-to-show and carries the secure preferences', () => {
    const options = mainWindowOptions({ preload: PRELOAD }, true);
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual(secureWebPreferences(PRELOAD, true));
  });

  it('creates the window on the app page and shows it when ready', () => {
    const log = vi.fn();
    createMainWindow({ preload: PRELOAD }, false, log);
    const [window] = FakeBrowserWindow.instances;
    expect(window?.options).toEqual(mainWindowOptions({ preload: PRELOAD }, false));
    expect(window?.loadURL).toHaveBeenCalledWith(APP_START_URL);
    expect(window?.show).not.toHaveBeenCalled();
    window?.emit('ready-to-show');
    expect(window?.show).toHaveBeenCalledOnce();
  });
});

describe('navigation and new windows', () => {
  it.each([
    'https://example.com/',
    'http://127.0.0.1:47310/',
    'file:///etc/passwd',
    'app://halldesk.evil/index.html',
    'app://other/index.html',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'not a url',
  ])('prevents navigating to %s', (url) => {
    const event = preventable();
    guardNavigation(event, url);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it('lets the app move between its own pages', () => {
    const event = preventable();
    guardNavigation(event, 'app://halldesk/index.html#/sell');
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('wires navigation, redirects, window.open and webviews on every WebContents', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents);
    for (const name of ['will-navigate', 'will-redirect']) {
      const event = preventable();
      contents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
    const webview = preventable();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalledOnce();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://halldesk/index.html' })).toEqual({ action: 'deny' });
  });

  it('denies every window.open', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });
});

describe('session rules', () => {
  const session = () => fakeElectron.session.defaultSession;

  it('puts the browser-mode CSP on every response, replacing any the response had', () => {
    hardenSession(session() as unknown as Session);
    const listener = session().webRequest.onHeadersReceived.mock.calls[0]?.[0] as (details: unknown, callback: (response: unknown) => void) => void;
    const callback = vi.fn();
    listener({ responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('adds the CSP when a response had no headers at all', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('refuses every permission request and check, and every device', () => {
    hardenSession(session() as unknown as Session);
    const request = session().setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = session().setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check({}, 'media', 'app://halldesk', {})).toBe(false);
    const device = session().setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(device({ deviceType: 'serial', origin: 'app://halldesk' })).toBe(false);
  });
});
