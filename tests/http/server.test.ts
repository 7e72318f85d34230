/**
 * Browser mode's HTTP server (electron/main/http-server.ts) on 127.0.0.1, port 0, with a real backend on a
 * temporary data folder and a temporary static folder. Requests go out through node's http.request so
 * the tests can send the Host, Origin and paths an attacker would.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Server as NetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import type { Dispatch } from '../../electron/main/dispatch';
import { CONTENT_SECURITY_POLICY, startBrowserServer } from '../../electron/main/http-server';
import type { BrowserServer } from '../../electron/main/http-server';
import type { Result } from '../../shared/result';
import { connectOutcome, rawRequest } from './raw-http';
import type { RawRequest, RawResponse } from './raw-http';

const INDEX_HTML = '<!doctype html><html><head><script type="module" src="./app.js"></script></head><body>HallDesk test page</body></html>';
const SECRET = 'not-for-the-browser';

let root: string;
let backend: Backend;
let server: BrowserServer;
let listening: AddressInfo | string | null = null;
/** Every call that reached the contract: the refusals below must never get this far. */
const dispatched: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'halldesk-http-'));
  const staticDir = join(root, 'static');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'app.js'), 'console.log("app");');
  // Files right outside the static folder: a traversal bug would serve them.
  await writeFile(join(root, 'package.json'), JSON.stringify({ secret: SECRET }));
  await writeFile(join(root, 'secret.txt'), SECRET);

  backend = await createBackend({ dataDir: join(root, 'data'), log: () => undefined });
  const dispatch: Dispatch = (method, input, options) => {
    dispatched.push(method);
    return backend.dispatch(method, input, options);
  };
  const listen = vi.spyOn(NetServer.prototype, 'listen');
  try {
    server = await startBrowserServer({ dispatch, port: 0, staticDir });
    listening = (listen.mock.contexts[0] as NetServer | undefined)?.address() ?? null;
  } finally {
    listen.mockRestore();
  }
});

afterAll(async () => {
  await server?.close();
  await backend?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

type CallOptions = Partial<RawRequest> & { token?: string | null; json?: unknown };

function call(path: string, options: CallOptions = {}): Promise<RawResponse> {
  const { token = server.token, json, headers, ...rest } = options;
  return rawRequest({
    port: server.port, method: 'POST', path,
    body: json === undefined ? rest.body : JSON.stringify(json),
    ...rest,
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
  });
}

/** A POST that must be refused before the contract sees it. */
async function refusedBeforeDispatch(response: Promise<RawResponse>, status: number): Promise<RawResponse> {
  const before = dispatched.length;
  const res = await response;
  expect(res.status).toBe(status);
  expect(dispatched.length).toBe(before);
  return res;
}

function adminLogin(extra: CallOptions = {}) {
  return call('/api/auth.login', { json: { username: 'admin', password: backend.firstAdminPassword }, ...extra });
}

describe('launch token', () => {
  it('refuses a contract call without the token with 401', async () => {
    const res = await refusedBeforeDispatch(adminLogin({ token: null }), 401);
    expect(res.body).not.toContain('"ok"');
  });

  it('refuses a wrong token with 401 (same length, other length, other scheme)', async () => {
    const same = server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(same).not.toBe(server.token);
    await refusedBeforeDispatch(adminLogin({ token: same }), 401);
    await refusedBeforeDispatch(adminLogin({ token: `${server.token}x` }), 401);
    await refusedBeforeDispatch(adminLogin({ token: null, headers: { authorization: `Basic ${server.token}` } }), 401);
  });

  it('with the token answers the contract Result, with the session and language headers', async () => {
    const login = await adminLogin();
    expect(login.status).toBe(200);
    expect(login.headers['content-type']).toMatch(/^application\/json/);
    const result = login.json() as Result<{ session: string; user: { username: string } }>;
    if (!result.ok) throw new Error(`login refused: ${result.error.code}`);
    expect(result.value.user.username).toBe('admin');

    const me = (await call('/api/auth.me', { json: {}, headers: { 'x-halldesk-session': result.value.session } })).json() as Result<{ user: { username: string } }>;
    expect(me).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });

    const anonymousZh = (await call('/api/auth.me', { json: {} })).json() as Result<unknown>;
    const anonymousEn = (await call('/api/auth.me', { json: {}, headers: { 'x-halldesk-language': 'en' } })).json() as Result<unknown>;
    if (anonymousZh.ok || anonymousEn.ok) throw new Error('auth.me without a session must be refused');
    expect(anonymousZh.error.code).toBe('unauthenticated');
    expect(anonymousEn.error.code).toBe('unauthenticated');
    expect(anonymousZh.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(anonymousEn.error.message).toMatch(/^[\x20-\x7e]+$/);
  });

  it('is made afresh at each start', async () => {
    const other = await startBrowserServer({ dispatch: backend.dispatch, port: 0, staticDir: join(root, 'static') });
    try {
      expect(other.token).not.toBe(server.token);
      expect(other.token.length).toBeGreaterThanOrEqual(32);
      expect(other.url).toBe(`http://127.0.0.1:${other.port}/#token=${other.token}`);
    } finally {
      await other.close();
    }
  });
});

describe('static files', () => {
  it('GET / serves index.html with the content security policy, and no token', async () => {
    const res = await rawRequest({ port: server.port, path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe(INDEX_HTML);
    expect(res.body).not.toContain(server.token);
  });

  it('serves the scripts with their type and the same policy', async () => {
    const res = await rawRequest({ port: server.port, path: '/app.js?v=1' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    '/../package.json', '/%2e%2e/package.json', '/%2E%2E/secret.txt', '/..%2fsecret.txt', '/static/../../secret.txt',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/..\\secret.txt', '/nothing-here.js',
  ])('GET %s → 404, nothing outside the static folder', async (path) => {
    const res = await rawRequest({ port: server.port, path });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
  });

  it('refuses a malformed percent-encoding and keeps serving', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/a%00b']) {
      const res = await rawRequest({ port: server.port, path });
      expect(res.status, path).toBe(400);
      expect(res.body).not.toContain(SECRET);
    }
    expect((await rawRequest({ port: server.port, path: '/' })).status).toBe(200);
  });
});

describe('loopback guard', () => {
  it('refuses a foreign Host (DNS rebinding) with 403, for pages and calls', async () => {
    const host = `evil.example:${server.port}`;
    const page = await rawRequest({ port: server.port, path: '/', headers: { host } });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('HallDesk test page');
    await refusedBeforeDispatch(adminLogin({ headers: { host } }), 403);
    await refusedBeforeDispatch(adminLogin({ headers: { host: `127.0.0.1:${server.port + 1}` } }), 403);
    await refusedBeforeDispatch(adminLogin({ headers: { host: '127.0.0.1' } }), 403);
  });

  it('accepts its own address by name too (localhost:PORT)', async () => {
    const res = await adminLogin({ headers: { host: `localhost:${server.port}` } });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
  });

  it('refuses a foreign Origin with 403, and accepts its own', async () => {
    await refusedBeforeDispatch(adminLogin({ headers: { origin: 'http://evil.example' } }), 403);
    await refusedBeforeDispatch(adminLogin({ headers: { origin: 'null' } }), 403);
    await refusedBeforeDispatch(adminLogin({ headers: { origin: `https://127.0.0.1:${server.port}` } }), 403);
    const own = await adminLogin({ headers: { origin: `http://127.0.0.1:${server.port}` } });
    expect(own.status).toBe(200);
    expect(own.json()).toMatchObject({ ok: true });
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(listening).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: server.port });
    expect(server.url.startsWith(`http://127.0.0.1:${server.port}/`)).toBe(true);
    // Bound to 0.0.0.0 or :: these would connect (Linux routes all of 127/8 to the loopback interface).
    expect(await connectOutcome('127.0.0.2', server.port)).toBe('ECONNREFUSED');
    expect(await connectOutcome('::1', server.port)).not.toBe('connected');
  });
});

describe('request checks', () => {
  it('answers 405 to anything but POST on /api', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      await refusedBeforeDispatch(call('/api/auth.me', { method, json: method === 'GET' ? undefined : {} }), 405);
    }
  });

  it('answers 415 to a body that is not JSON', async () => {
    await refusedBeforeDispatch(call('/api/auth.me', { body: '{}', headers: { 'content-type': 'text/plain' } }), 415);
    await refusedBeforeDispatch(call('/api/auth.me', { body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  });

  it('answers 413 to a huge body', async () => {
    const huge = JSON.stringify({ username: 'admin', password: 'x'.repeat(2_000_000) });
    await refusedBeforeDispatch(call('/api/auth.login', { body: huge }), 413);
  });

  it('answers malformed JSON with an invalid-input Result, in the asked language', async () => {
    const before = dispatched.length;
    const res = await call('/api/auth.login', { body: '{"username": "admin",', headers: { 'x-halldesk-language': 'en' } });
    expect(res.status).toBe(200);
    const result = res.json() as Result<unknown>;
    if (result.ok) throw new Error('malformed JSON was accepted');
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.message).toMatch(/^[\x20-\x7e]+$/);
    expect(dispatched.length).toBe(before);
  });

  it('answers an unknown method with the contract refusal', async () => {
    const result = (await call('/api/no.such', { json: {} })).json() as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });
});
