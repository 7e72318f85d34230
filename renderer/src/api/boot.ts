/**
 * Picks the host: the Electron preload's `window.halldesk` when present, otherwise browser mode over
 * HTTP with the launch token from the URL fragment.
 */
import type { Transport } from '../../../shared/contract/client';
import { createHttpTransport } from './http-transport';
import { createIpcTransport, desktopBridge } from './ipc-transport';
import { takeLaunchToken } from './launch-token';

export interface HostChoice {
  readonly mode: 'desktop' | 'browser';
  readonly transport: Transport;
  /** Browser mode only: the page was opened without a launch token. */
  readonly tokenMissing: boolean;
}

export function chooseTransport(win: Window): HostChoice {
  const bridge = desktopBridge(win);
  if (bridge) return { mode: 'desktop', transport: createIpcTransport(bridge), tokenMissing: false };
  const token = takeLaunchToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  const transport = createHttpTransport({ fetch: (...args) => win.fetch(...args), token: () => token });
  return { mode: 'browser', transport, tokenMissing: token === null };
}
