/**
 * The main-process side of `window.halldeskShell.printPdf` (issue 7 item 2): the page hands over a slip
 * PDF (slips.print in dialog mode, or slips.payment where no printer is set); this writes it to a private
 * temporary folder, shows it in a hidden window (Chromium's PDF viewer) and prints that window with
 * printWithShell — through the system dialog, or silently to the named printer. The answer is
 * {ok} or {ok:false, reason}; nothing throws across the process boundary.
 *
 * Printing a PDF document with webContents.print printed blank pages until Electron fixed it in
 * electron/electron#43309 (2024, Electron ≥ 30); this app ships a later Electron.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { SHELL_PRINT_CHANNEL } from '../../shared/contract/shell-print-api';
import type { ShellPrintAnswer } from '../../shared/contract/shell-print-api';
import { isAppSender } from './ipc';
import { printWithShell } from './shell-print';
import type { PrintableContents } from './shell-print';

/** A slip is ~100 KB of PDF; a 500-row customer list a few MB. Anything far larger is not ours. */
const MAX_BASE64 = 24 * 1024 * 1024;

/** What the preload sends; the page is not trusted, so the main process checks it. */
export const shellPrintRequest = z.object({
  pdfBase64: z.string().min(8).max(MAX_BASE64).regex(/^[A-Za-z0-9+/]+={0,2}$/),
  options: z.object({ silent: z.boolean(), deviceName: z.string().trim().min(1).max(200).nullable() }).strict(),
}).strict();

/** A window showing the PDF, to print and then close. */
export interface PdfWindow {
  readonly contents: PrintableContents;
  close(): void;
}

export interface ShellPrintDeps {
  openPdf(fileUrl: string): Promise<PdfWindow>;
  log(error: unknown): void;
  /** Where the temporary folder goes (tests); the OS's temp folder otherwise. */
  readonly tempRoot?: string;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;
export type ShellPrintHandler = (event: SenderEvent, payload: unknown) => Promise<ShellPrintAnswer>;

const SETTLE_MS = 500;

/**
 * A hidden, sandboxed window with the PDF loaded. The viewer lays the pages out a moment after the load
 * event, and printing before that sends an empty page: hence the short settle.
 */
export async function openHiddenPdf(fileUrl: string, settleMs = SETTLE_MS): Promise<PdfWindow> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, devTools: false, javascript: true },
  });
  const close = () => {
    if (!window.isDestroyed()) window.destroy();
  };
  try {
    await window.loadURL(fileUrl);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  } catch (error) {
    close();
    throw error;
  }
  return { contents: window.webContents, close };
}

async function printFile(bytes: Buffer, options: { silent: boolean; deviceName: string | null }, deps: ShellPrintDeps): Promise<ShellPrintAnswer> {
  // A folder of our own (mkdtemp, mode 0700): another local user cannot swap the file before it is shown.
  const dir = await mkdtemp(join(deps.tempRoot ?? tmpdir(), 'halldesk-print-'));
  let window: PdfWindow | null = null;
  try {
    const file = join(dir, 'slip.pdf');
    await writeFile(file, bytes);
    window = await deps.openPdf(pathToFileURL(file).href);
    return await printWithShell(window.contents, options);
  } catch (error) {
    deps.log(error);
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    window?.close();
    await rm(dir, { recursive: true, force: true }).catch(deps.log);
  }
}

export function createShellPrintHandler(deps: ShellPrintDeps): ShellPrintHandler {
  return async (event, payload) => {
    if (!isAppSender(event)) return { ok: false, reason: 'forbidden' };
    const parsed = shellPrintRequest.safeParse(payload);
    if (!parsed.success) return { ok: false, reason: 'invalid-input' };
    const bytes = Buffer.from(parsed.data.pdfBase64, 'base64');
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return { ok: false, reason: 'not-a-pdf' };
    return printFile(bytes, parsed.data.options, deps);
  };
}

/** Registers the printPdf channel; returns the function that removes it again. */
export function registerShellPrint(ipc: Pick<IpcMain, 'handle' | 'removeHandler'>, log: (error: unknown) => void, openPdf: (fileUrl: string) => Promise<PdfWindow> = openHiddenPdf): () => void {
  ipc.handle(SHELL_PRINT_CHANNEL, createShellPrintHandler({ openPdf, log }));
  return () => ipc.removeHandler(SHELL_PRINT_CHANNEL);
}
