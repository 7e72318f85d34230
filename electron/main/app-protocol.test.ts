/**
 * app://halldesk/ serves the built renderer and nothing else: no other host, no path outside the folder,
 * and every response carries the CSP.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_SCHEME_PRIVILEGES, APP_START_URL, createAppProtocolHandler, isAppUrl, resolveAppFile } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './http-server';

// app-protocol.ts imports only types from electron; the mock keeps it that way if that ever changes.
vi.mock('electron', () => ({}));

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'halldesk-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>HallDesk</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'outside the renderer folder');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app URLs', () => {
  it('knows its own origin and nothing that merely looks like it', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://halldesk/assets/app.js?v=1#x')).toBe(true);
    for (const url of ['app://halldesk.evil/', 'app://evil/halldesk/', 'https://halldesk/', 'file:///app/halldesk/index.html', '', 'app:halldesk']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('registers a standard, secure scheme that does not bypass CSP', () => {
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
  });

  it('maps paths inside the renderer folder and refuses the rest', () => {
    expect(resolveAppFile(root, 'app://halldesk/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://halldesk/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    // The URL parser itself folds `..` and `%2e%2e` segments at the root, as a browser does.
    for (const url of ['app://halldesk/../secret.txt', 'app://halldesk/%2e%2e/secret.txt']) {
      expect(resolveAppFile(root, url), url).toBe(join(root, 'secret.txt'));
    }
    // An encoded slash survives the parser and becomes a real `../` only when decoded: caught after resolving.
    for (const url of ['app://halldesk/..%2Fsecret.txt', 'app://halldesk/assets/..%2F..%2Fsecret.txt', 'app://halldesk/..%5Csecret.txt',
      'app://halldesk/%E0%A4%A', 'app://other/index.html']) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });
});

describe('protocol handler', () => {
  const handler = () => createAppProtocolHandler(root);

  it('serves the page with its type and the CSP', async () => {
    const response = await handler()(new Request(APP_START_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('HallDesk');
  });

  it('serves scripts as JavaScript', async () => {
    const response = await handler()(new Request('app://halldesk/assets/app.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing file and for a file outside the folder', async () => {
    expect((await handler()(new Request('app://halldesk/missing.js'))).status).toBe(404);
    const escape = await handler()(new Request('app://halldesk/..%2Fsecret.txt'));
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('outside');
  });
});
