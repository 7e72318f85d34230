/**
 * How the desktop app hands the contract to the page. The Electron preload exposes one typed function
 * per contract method as `window.halldesk` (built by `createApi` over IPC); in browser mode there is no
 * preload, `window.halldesk` is undefined and the renderer builds the same `HallDeskApi` over HTTP.
 * Only types and constants here: shared/ runs in both processes.
 */
import type { HallDeskApi } from './client';
import type { Language } from '../i18n';

/** The property of `window` the preload fills in (contextBridge.exposeInMainWorld). */
export const WINDOW_API_KEY = 'halldesk';

/**
 * What one contract call carries over IPC, on the channel named after its method. The main process
 * checks this shape with zod before the call reaches `dispatch`: the renderer is not trusted.
 */
export interface IpcEnvelope {
  readonly input: unknown;
  readonly session: string | null;
  readonly language: Language;
}

declare global {
  interface Window {
    /** Set by the Electron preload; undefined in browser mode. */
    readonly halldesk?: HallDeskApi;
  }
}
