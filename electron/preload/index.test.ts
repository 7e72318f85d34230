/**
 * The preload exposes the contract and nothing else: `window.halldesk` has exactly one function per
 * contract method, each sends `{ input, session, language }` on the channel named after its method, and
 * nothing of ipcRenderer is reachable from it.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeElectron } from '../../tests/support/fake-electron';
import { METHOD_NAMES } from '../../shared/contract/methods';
import { WINDOW_API_KEY } from '../../shared/contract/window-api';
import { SHELL_API_KEY, SHELL_PRINT_CHANNEL } from '../../shared/contract/shell-print-api';

vi.mock('electron', async () => (await import('../../tests/support/fake-electron')).fakeElectron);

type Exposed = Record<string, (input: unknown, meta: unknown) => Promise<unknown>>;
let key: unknown;
let api: Exposed;
let shellKey: unknown;
let shell: Exposed;

beforeAll(async () => {
  fakeElectron.reset();
  await import('./index');
  // Twice: the contract as window.halldesk, and the shell's printPdf as window.halldeskShell.
  expect(fakeElectron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(2);
  [key, api] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0] as [unknown, Exposed];
  [shellKey, shell] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[1] as [unknown, Exposed];
});

describe('the exposed surface', () => {
  it('is window.halldesk', () => {
    expect(key).toBe(WINDOW_API_KEY);
    expect(WINDOW_API_KEY).toBe('halldesk');
  });

  it('has exactly one function per contract method', () => {
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const method of METHOD_NAMES) expect(typeof api[method], method).toBe('function');
  });

  it('reaches nothing of ipcRenderer', () => {
    const values: unknown[] = Object.values(api);
    expect(values).not.toContain(fakeElectron.ipcRenderer);
    expect(values).not.toContain(fakeElectron.ipcRenderer.invoke);
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
  });
});

describe('each method', () => {
  it.each(METHOD_NAMES)('%s invokes its own channel with { input, session, language } and returns the reply', async (method) => {
    const reply = { ok: true, value: { method } };
    fakeElectron.ipcRenderer.invoke.mockClear();
    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce(reply);
    const input = { probe: method };
    const answer = await api[method]!(input, { session: 'token-1', language: 'en' });
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(method, { input, session: 'token-1', language: 'en' });
    expect(answer).toBe(reply);
  });

  it('sends a null session before login', async () => {
    fakeElectron.ipcRenderer.invoke.mockClear();
    await api['auth.login']!({ username: 'li.clerk', password: 'x' }, { session: null, language: 'zh-CN' });
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledWith('auth.login', {
      input: { username: 'li.clerk', password: 'x' }, session: null, language: 'zh-CN',
    });
  });
});

describe('the shell bridge', () => {
  it('is window.halldeskShell with printPdf only, on its own channel', async () => {
    expect(shellKey).toBe(SHELL_API_KEY);
    expect(Object.keys(shell)).toEqual(['printPdf']);
    expect(Object.values(shell)).not.toContain(fakeElectron.ipcRenderer.invoke);
    fakeElectron.ipcRenderer.invoke.mockClear();
    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, reason: 'cancelled' });
    const answer = await shell.printPdf!('JVBERi0=', { silent: false, deviceName: null });
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(SHELL_PRINT_CHANNEL, { pdfBase64: 'JVBERi0=', options: { silent: false, deviceName: null } });
    expect(answer).toEqual({ ok: false, reason: 'cancelled' });
  });
});
