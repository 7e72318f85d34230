/**
 * The counter screen is served to the window from `app://halldesk/`, a privileged custom scheme, rather
 * than from file:// (Electron security checklist #18): a file:// page may read any file the user can,
 * and its origin is shared by every local file. Under app://halldesk the page has one origin of its own,
 * so CSP 'self', the IPC sender check and the navigation allow-list all mean "the built renderer and
 * nothing else". Absolute asset paths (/assets/x.js) resolve as they do in browser mode.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { CONTENT_SECURITY_POLICY } from './http-server';

export const APP_SCHEME = 'app';
export const APP_HOST = 'halldesk';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * standard: relative URLs and a real origin; secure: a secure context like https; supportFetchAPI and
 * corsEnabled: module scripts (Vite emits `<script type="module" crossorigin>`) and fetch() of the
 * page's own files. No bypassCSP, no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.map': 'application/json',
};

/** Whether a URL is a page or file of the app itself (and not, say, app://halldesk.evil or file://). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The file under `rootDir` an app:// URL names, or null if it names nothing there (other host, `..`). */
export function resolveAppFile(rootDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  // No built asset has a backslash or NUL in its name; on Windows a `\` would be a separator.
  if (path.includes('\\') || path.includes('\0')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  // decodeURIComponent can turn %2F..%2F into a real `../`: check after resolving, not before.
  return file.startsWith(root + sep) ? file : null;
}

export type FileReader = (path: string) => Promise<Uint8Array>;

/**
 * The protocol.handle() handler. The CSP goes on every response here because Chromium does not raise
 * webRequest's header events for custom schemes (electron/electron#6021); window.ts also sets it through
 * onHeadersReceived for anything that does pass through the network stack.
 */
export function createAppProtocolHandler(rootDir: string, read: FileReader = readFile): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = resolveAppFile(rootDir, request.url);
    if (!file) return new Response('not found', { status: 404 });
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return new Response('not found', { status: 404 });
    }
    // new Uint8Array(): BodyInit takes only an ArrayBuffer-backed view, which a Node Buffer is not typed as.
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  };
}
