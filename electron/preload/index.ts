/**
 * The preload: the only code in the renderer process that can talk to the main process. It exposes the
 * contract, one typed function per method (`createApi`), as `window.halldesk`, and the desktop shell's
 * printPdf as `window.halldeskShell` (shell-print.ts), and nothing else — never ipcRenderer itself nor a
 * generic "invoke any channel" (checklist #20): a page that could name its own channel could reach
 * whatever the main process ever listens on.
 *
 * The window is sandboxed, so this file may `require` only 'electron': it is bundled with the contract
 * code and zod into one CommonJS file, out/preload/index.cjs (vite.electron.config.ts).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../../shared/contract/client';
import type { Transport } from '../../shared/contract/client';
import { WINDOW_API_KEY } from '../../shared/contract/window-api';
import type { IpcEnvelope } from '../../shared/contract/window-api';
import type { Result } from '../../shared/result';
import { SHELL_API_KEY } from '../../shared/contract/shell-print-api';
import { createShellApi } from './shell-print';

type Invoke = (channel: string, envelope: IpcEnvelope) => Promise<unknown>;

/** Each call goes out on the channel named after its method, as `{ input, session, language }`. */
export function ipcTransport(invoke: Invoke): Transport {
  return (method, input, meta) => invoke(method, { input, session: meta.session, language: meta.language }) as Promise<Result<unknown>>;
}

// A closure, not ipcRenderer.invoke itself: nothing of ipcRenderer is reachable from the exposed object.
contextBridge.exposeInMainWorld(WINDOW_API_KEY, createApi(ipcTransport((channel, envelope) => ipcRenderer.invoke(channel, envelope))));
// The shell's printPdf beside it, under its own key, so window.halldesk stays exactly the contract.
contextBridge.exposeInMainWorld(SHELL_API_KEY, createShellApi((channel, payload) => ipcRenderer.invoke(channel, payload)));
