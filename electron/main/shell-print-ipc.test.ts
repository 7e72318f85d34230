/**
 * The shell's printPdf handler, with Electron mocked: only the app's own page may ask; the payload is
 * checked; the PDF goes to a private temp file, shown in a hidden window and printed with the options the
 * page asked for; the answer is {ok} or {ok:false, reason}; the window and the file are gone afterwards.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectron, FakeBrowserWindow } from '../../tests/support/fake-electron';
import { SHELL_PRINT_CHANNEL } from '../../shared/contract/shell-print-api';
import { createShellPrintHandler, openHiddenPdf, registerShellPrint } from './shell-print-ipc';
import type { PdfWindow, ShellPrintHandler } from './shell-print-ipc';
import type { PrintableContents } from './shell-print';

vi.mock('electron', async () => (await import('../../tests/support/fake-electron')).fakeElectron);

const APP = { senderFrame: { url: 'app://halldesk/index.html', parent: null } } as unknown as Parameters<ShellPrintHandler>[0];
const OTHER = { senderFrame: { url: 'https://example.com/', parent: null } } as unknown as Parameters<ShellPrintHandler>[0];
const PDF = Buffer.from('%PDF-1.7\nslip\n%%EOF').toString('base64');

let root: string;
beforeEach(async () => {
  fakeElectron.reset();
  root = await mkdtemp(join(tmpdir(), 'shell-print-test-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** A stand-in window whose print answers `success`; records what it was shown and how it was printed. */
function standIn(success: boolean, failureReason = '') {
  const seen: { url: string; bytes: string; options: unknown; closed: boolean } = { url: '', bytes: '', options: null, closed: false };
  const contents: PrintableContents = {
    print: (options, callback) => {
      seen.options = options;
      callback(success, failureReason);
    },
  };
  const openPdf = vi.fn(async (url: string): Promise<PdfWindow> => {
    seen.url = url;
    seen.bytes = readFileSync(fileURLToPath(url), 'latin1');
    return { contents, close: () => { seen.closed = true; } };
  });
  return { seen, openPdf };
}

describe('printPdf', () => {
  it('prints the PDF from a temp file with the system dialog, closes the window and removes the file', async () => {
    const { seen, openPdf } = standIn(true);
    const handler = createShellPrintHandler({ openPdf, log: vi.fn(), tempRoot: root });
    const answer = await handler(APP, { pdfBase64: PDF, options: { silent: false, deviceName: null } });
    expect(answer).toEqual({ ok: true });
    expect(seen.url).toMatch(/^file:\/\/.*halldesk-print-.*\/slip\.pdf$/);
    expect(seen.bytes.startsWith('%PDF-1.7')).toBe(true);
    expect(seen.options).toEqual({ silent: false, printBackground: true });
    expect(seen.closed).toBe(true);
    expect(await readdir(root)).toEqual([]);
  });

  it('prints silently to the named printer and answers the failure reason', async () => {
    const { seen, openPdf } = standIn(false, 'Print job failed');
    const handler = createShellPrintHandler({ openPdf, log: vi.fn(), tempRoot: root });
    const answer = await handler(APP, { pdfBase64: PDF, options: { silent: true, deviceName: 'Counter-A4' } });
    expect(answer).toEqual({ ok: false, reason: 'Print job failed' });
    expect(seen.options).toEqual({ silent: true, printBackground: true, deviceName: 'Counter-A4' });
    expect(seen.closed).toBe(true);
  });

  it('answers a window that cannot load as a failure, logged, and still cleans up', async () => {
    const log = vi.fn();
    const openPdf = vi.fn(async () => { throw new Error('ERR_FILE_NOT_FOUND'); });
    const answer = await createShellPrintHandler({ openPdf, log, tempRoot: root })(APP, { pdfBase64: PDF, options: { silent: false, deviceName: null } });
    expect(answer).toEqual({ ok: false, reason: 'ERR_FILE_NOT_FOUND' });
    expect(log).toHaveBeenCalledOnce();
    expect(await readdir(root)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['no payload', undefined],
    ['not base64', { pdfBase64: '<script>', options: { silent: false, deviceName: null } }],
    ['missing options', { pdfBase64: PDF }],
    ['an extra key', { pdfBase64: PDF, options: { silent: false, deviceName: null }, path: '/etc/passwd' }],
    ['an empty printer name', { pdfBase64: PDF, options: { silent: true, deviceName: '' } }],
  ])('refuses %s without opening anything', async (_name, payload) => {
    const { openPdf } = standIn(true);
    const answer = await createShellPrintHandler({ openPdf, log: vi.fn(), tempRoot: root })(APP, payload);
    expect(answer).toEqual({ ok: false, reason: 'invalid-input' });
    expect(openPdf).not.toHaveBeenCalled();
  });

  it('refuses bytes that are not a PDF, and any sender but the app page', async () => {
    const { openPdf } = standIn(true);
    const handler = createShellPrintHandler({ openPdf, log: vi.fn(), tempRoot: root });
    expect(await handler(APP, { pdfBase64: Buffer.from('MZ-not-a-pdf').toString('base64'), options: { silent: false, deviceName: null } }))
      .toEqual({ ok: false, reason: 'not-a-pdf' });
    expect(await handler(OTHER, { pdfBase64: PDF, options: { silent: false, deviceName: null } })).toEqual({ ok: false, reason: 'forbidden' });
    expect(openPdf).not.toHaveBeenCalled();
  });
});

describe('the hidden window and the channel', () => {
  it('opens a hidden, sandboxed window with the PDF viewer, and destroys it on close', async () => {
    const destroy = vi.fn();
    Object.assign(FakeBrowserWindow.prototype, { destroy });
    const opened = await openHiddenPdf('file:///tmp/x/slip.pdf', 0);
    const [window] = FakeBrowserWindow.instances;
    expect(window?.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true } });
    expect(window?.loadURL).toHaveBeenCalledWith('file:///tmp/x/slip.pdf');
    expect(opened.contents).toBe(window?.webContents);
    opened.close();
    expect(destroy).toHaveBeenCalledOnce();
  });

  it('registers one channel and removes it again', () => {
    const unregister = registerShellPrint(fakeElectron.ipcMain, vi.fn());
    expect([...fakeElectron.ipcMain.handlers.keys()]).toEqual([SHELL_PRINT_CHANNEL]);
    unregister();
    expect(fakeElectron.ipcMain.handlers.size).toBe(0);
    expect(existsSync(root)).toBe(true);
  });
});
