// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HallDeskApi } from '../../../shared/contract/client';
import { chooseTransport } from './boot';
import { createApiClient } from './client';
import { createConnection, SESSION_STORAGE_KEY } from './connection';
import { LaunchTokenError, TransportError } from './errors';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import { TOKEN_STORAGE_KEY, takeLaunchToken } from './launch-token';

const SESSION = { session: 'sess-1', user: { id: 3, username: 'li.clerk', displayName: '李晓梅', role: 'clerk', active: true, lockedUntil: null }, counterCode: 'A01' } as const;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(() => {
  sessionStorage.clear();
  history.replaceState(null, '', '/');
});

describe('HTTP transport', () => {
  it('POSTs the input to /api/<method> with the token, session and language headers', async () => {
    const fetch = vi.fn(async () => json({ ok: true, value: [] }));
    const transport = createHttpTransport({ fetch, token: () => 'tok-123' });
    const result = await transport('customers.search', { query: '王' }, { session: 'sess-1', language: 'en' });
    expect(result).toEqual({ ok: true, value: [] });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/customers.search');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(JSON.stringify({ query: '王' }));
    expect(init.headers).toEqual({
      'content-type': 'application/json', authorization: 'Bearer tok-123', 'x-halldesk-language': 'en', 'x-halldesk-session': 'sess-1',
    });
  });

  it('sends no session header before login', async () => {
    const fetch = vi.fn(async () => json({ ok: true, value: {} }));
    await createHttpTransport({ fetch, token: () => 't' })('auth.login', { username: 'a', password: 'b' }, { session: null, language: 'zh-CN' });
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.headers).not.toHaveProperty('x-halldesk-session');
  });

  it('answers a contract error as the Result it is', async () => {
    const error = { code: 'bad-credentials', message: '用户名或密码错误' };
    const fetch = vi.fn(async () => json({ ok: false, error }));
    const result = await createHttpTransport({ fetch, token: () => 't' })('auth.login', { username: 'a', password: 'b' }, { session: null, language: 'zh-CN' });
    expect(result).toEqual({ ok: false, error });
  });

  it('401 and a missing token are LaunchTokenError; no call is made without a token', async () => {
    const fetch = vi.fn(async () => json({ error: 'launch token required' }, 401));
    const meta = { session: null, language: 'zh-CN' } as const;
    await expect(createHttpTransport({ fetch, token: () => 'stale' })('auth.me', {}, meta)).rejects.toBeInstanceOf(LaunchTokenError);
    fetch.mockClear();
    await expect(createHttpTransport({ fetch, token: () => null })('auth.me', {}, meta)).rejects.toBeInstanceOf(LaunchTokenError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a lost connection or a server failure is a TransportError', async () => {
    const meta = { session: null, language: 'zh-CN' } as const;
    const down = vi.fn(async () => { throw new TypeError('Failed to fetch'); });
    await expect(createHttpTransport({ fetch: down, token: () => 't' })('auth.me', {}, meta)).rejects.toBeInstanceOf(TransportError);
    const broken = vi.fn(async () => json({ error: 'internal' }, 500));
    await expect(createHttpTransport({ fetch: broken, token: () => 't' })('auth.me', {}, meta)).rejects.toBeInstanceOf(TransportError);
  });
});

describe('launch token', () => {
  it('is taken from the fragment once, removed from the URL and kept for a reload', () => {
    history.replaceState(null, '', '/?x=1#token=abc_DEF-123');
    expect(takeLaunchToken({ location, history, storage: sessionStorage })).toBe('abc_DEF-123');
    expect(location.hash).toBe('');
    expect(location.search).toBe('?x=1');
    expect(sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    // reload: no fragment any more, the stored token still works
    expect(takeLaunchToken({ location, history, storage: sessionStorage })).toBe('abc_DEF-123');
  });

  it('is null when the page was opened without one', () => {
    expect(takeLaunchToken({ location, history, storage: sessionStorage })).toBeNull();
    expect(chooseTransport(window)).toMatchObject({ mode: 'browser', tokenMissing: true });
  });
});

describe('host choice', () => {
  it('uses the Electron bridge when window.halldesk is there', async () => {
    const me = vi.fn(async () => ({ ok: true as const, value: SESSION }));
    const bridge = { 'auth.me': me } as unknown as HallDeskApi;
    const host = chooseTransport(Object.assign(Object.create(window) as Window, { halldesk: bridge }));
    expect(host.mode).toBe('desktop');
    await host.transport('auth.me', {}, { session: 's', language: 'en' });
    expect(me).toHaveBeenCalledWith({}, { session: 's', language: 'en' });
  });

  it('an IPC failure is a TransportError', async () => {
    const bridge = { 'auth.me': async () => { throw new Error('gone'); } } as unknown as HallDeskApi;
    await expect(createIpcTransport(bridge)('auth.me', {}, { session: null, language: 'en' })).rejects.toBeInstanceOf(TransportError);
  });
});

describe('API client', () => {
  const message = (code: string) => `msg:${code}`;

  it('sends the stored session and the current language', async () => {
    sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(SESSION));
    const transport = vi.fn(async () => ({ ok: true as const, value: null }));
    const client = createApiClient({ transport, connection: createConnection(sessionStorage), language: () => 'en', message });
    await client.call('shifts.current', {});
    expect(transport).toHaveBeenCalledWith('shifts.current', {}, { session: 'sess-1', language: 'en' });
  });

  it('a 401 flips the app to the launch-token screen', async () => {
    const connection = createConnection(sessionStorage);
    const transport = vi.fn(async () => { throw new LaunchTokenError(); });
    const result = await createApiClient({ transport, connection, language: () => 'zh-CN', message }).call('auth.me', {});
    expect(result).toEqual({ ok: false, error: { code: 'launch-token', message: 'msg:launch-token' } });
    expect(connection.get().launchTokenMissing).toBe(true);
  });

  it('a lost answer is a "network" outcome, never a throw', async () => {
    const transport = vi.fn(async () => { throw new TransportError('down'); });
    const result = await createApiClient({ transport, connection: createConnection(sessionStorage), language: () => 'zh-CN', message }).call('auth.me', {});
    expect(result).toEqual({ ok: false, error: { code: 'network', message: 'msg:network' } });
  });

  it('a session the backend no longer knows sends the clerk back to login', async () => {
    const connection = createConnection(sessionStorage);
    connection.loggedIn(SESSION);
    const transport = vi.fn(async () => ({ ok: false as const, error: { code: 'unauthenticated' as const, message: '请先登录' } }));
    await createApiClient({ transport, connection, language: () => 'zh-CN', message }).call('shifts.current', {});
    expect(connection.get()).toMatchObject({ session: null, sessionExpired: true });
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });
});
