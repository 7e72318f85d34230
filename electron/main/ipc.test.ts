/**
 * The IPC handlers are the contract table: exactly one channel per method; the sender must be the app's
 * own top-level page; a malformed envelope is refused with dispatch's invalid-input before it gets near
 * dispatch; a good call reaches dispatch and its Result comes back as it was.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectron } from '../../tests/support/fake-electron';
import { METHOD_NAMES } from '../../shared/contract/methods';
import type { Result } from '../../shared/result';
import { createBackend } from './composition';
import { failure } from './dispatch';
import type { Dispatch } from './dispatch';
import { createIpcHandler, registerIpc } from './ipc';
import type { IpcHandler } from './ipc';

vi.mock('electron', async () => (await import('../../tests/support/fake-electron')).fakeElectron);

const APP_FRAME = { senderFrame: { url: 'app://halldesk/index.html', parent: null } } as unknown as Parameters<IpcHandler>[0];
const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as Parameters<IpcHandler>[0];
const GOOD = { input: { query: '1001' }, session: 'session-token', language: 'en' } as const;

const fakeDispatch = () => vi.fn<Dispatch>(async () => ({ ok: true, value: { answered: true } }));
const messageOf = (result: Result<unknown>): string => (result.ok ? '' : result.error.message);

beforeEach(() => fakeElectron.reset());

describe('registration', () => {
  it('registers exactly one handler per contract method, and removes them all again', () => {
    const { ipcMain } = fakeElectron;
    const unregister = registerIpc(ipcMain, fakeDispatch(), vi.fn());
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...METHOD_NAMES].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(METHOD_NAMES.length);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('a good call', () => {
  it('reaches dispatch with the method, input, session and language, and returns its Result unchanged', async () => {
    const dispatch = fakeDispatch();
    const result = await createIpcHandler('customers.search', dispatch, vi.fn())(APP_FRAME, GOOD);
    expect(dispatch).toHaveBeenCalledWith('customers.search', { query: '1001' }, { session: 'session-token', language: 'en' });
    expect(result).toEqual({ ok: true, value: { answered: true } });
  });

  it('passes a null session (before login) through', async () => {
    const dispatch = fakeDispatch();
    await createIpcHandler('auth.login', dispatch, vi.fn())(APP_FRAME, { input: { username: 'a', password: 'b' }, session: null, language: 'zh-CN' });
    expect(dispatch).toHaveBeenCalledWith('auth.login', { username: 'a', password: 'b' }, { session: null, language: 'zh-CN' });
  });

  it('turns a throwing dispatch into an internal error instead of a rejected invoke', async () => {
    const log = vi.fn();
    const dispatch = vi.fn<Dispatch>(async () => { throw new Error('disk on fire'); });
    const result = await createIpcHandler('auth.me', dispatch, log)(APP_FRAME, { input: {}, session: 's', language: 'en' });
    expect(result).toEqual(failure('internal', 'en'));
    expect(log).toHaveBeenCalledOnce();
  });
});

describe('a bad envelope', () => {
  const cases: [string, unknown][] = [
    ['no payload', undefined],
    ['null', null],
    ['a string', 'customers.search'],
    ['an array', [GOOD.input, GOOD.session, GOOD.language]],
    ['missing input', { session: null, language: 'en' }],
    ['undefined input', { input: undefined, session: null, language: 'en' }],
    ['missing session', { input: {}, language: 'en' }],
    ['a numeric session', { input: {}, session: 42, language: 'en' }],
    ['an empty session', { input: {}, session: '', language: 'en' }],
    ['an absurdly long session', { input: {}, session: 'x'.repeat(201), language: 'en' }],
    ['an unknown language', { input: {}, session: null, language: 'fr' }],
    ['missing language', { input: {}, session: null }],
    ['an extra key', { ...GOOD, method: 'users.create' }],
    ['an extra role claim', { ...GOOD, role: 'admin' }],
  ];

  it.each(cases)('%s: invalid-input, and dispatch never runs', async (_name, payload) => {
    const dispatch = fakeDispatch();
    const result = await createIpcHandler('customers.search', dispatch, vi.fn())(APP_FRAME, payload);
    expect(dispatch).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.issues?.length).toBeGreaterThan(0);
  });

  it('answers in the language the envelope asked for, with the message dispatch would give', async () => {
    const answer = async (language: string) => createIpcHandler('customers.search', fakeDispatch(), vi.fn())(APP_FRAME, { session: null, language });
    const en = await answer('en');
    const zh = await answer('zh-CN');
    if (en.ok || zh.ok) throw new Error('expected both to fail');
    expect(en.error.message).toBe(messageOf(failure('invalid-input', 'en', en.error.params)));
    expect(zh.error.message).toBe(messageOf(failure('invalid-input', 'zh-CN', zh.error.params)));
    expect(zh.error.message).not.toBe(en.error.message);
  });
});

describe('the sender', () => {
  it.each([
    ['another site', frame('https://evil.example/')],
    ['a local file', frame('file:///home/clerk/evil.html')],
    ['a look-alike host', frame('app://halldesk.evil/index.html')],
    ['the browser-mode server', frame('http://127.0.0.1:47310/')],
    ['a sub-frame of the app', frame('app://halldesk/index.html', { url: 'app://halldesk/index.html' })],
    ['a frame already gone', { senderFrame: null } as unknown as Parameters<IpcHandler>[0]],
  ])('%s is refused with forbidden before anything else', async (_name, event) => {
    const dispatch = fakeDispatch();
    const result = await createIpcHandler('auth.me', dispatch, vi.fn())(event, { input: {}, session: 's', language: 'en' });
    expect(dispatch).not.toHaveBeenCalled();
    expect(result).toEqual(failure('forbidden', 'en'));
  });
});

describe('against the real backend', () => {
  it('logs in over the IPC handler and refuses bad input exactly as dispatch does', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'halldesk-ipc-'));
    const backend = await createBackend({ dataDir });
    try {
      registerIpc(fakeElectron.ipcMain, backend.dispatch, vi.fn());
      const login = fakeElectron.ipcMain.handlers.get('auth.login') as unknown as IpcHandler;
      const ok = await login(APP_FRAME, { input: { username: 'admin', password: backend.firstAdminPassword }, session: null, language: 'en' });
      expect(ok.ok).toBe(true);
      const viaIpc = await login(APP_FRAME, { input: { username: 'admin' }, session: null, language: 'en' });
      const viaDispatch = await backend.dispatch('auth.login', { username: 'admin' }, { session: null, language: 'en' });
      expect(viaIpc).toEqual(viaDispatch);
      expect(viaIpc.ok ? null : viaIpc.error.code).toBe('invalid-input');
    } finally {
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
