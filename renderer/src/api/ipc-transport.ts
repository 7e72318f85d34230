/**
 * Desktop mode: the Electron preload exposes `window.halldesk`, one function per contract method. The
 * renderer only ever calls those functions; it never sees ipcRenderer.
 */
import type { CallMeta, HallDeskApi, Transport } from '../../../shared/contract/client';
import type { Result } from '../../../shared/result';
import { TransportError } from './errors';

type AnyMethod = (input: unknown, meta: CallMeta) => Promise<Result<unknown>>;

export interface HallDeskWindow {
  readonly halldesk?: HallDeskApi;
}

export function desktopBridge(win: unknown): HallDeskApi | null {
  const bridge = (win as HallDeskWindow | null)?.halldesk;
  return bridge && typeof bridge === 'object' ? bridge : null;
}

export function createIpcTransport(bridge: HallDeskApi): Transport {
  return async (method, input, meta) => {
    const fn = (bridge as unknown as Record<string, AnyMethod | undefined>)[method];
    if (typeof fn !== 'function') throw new TransportError(`${method}: not exposed by the desktop bridge`);
    try {
      return await fn(input, meta);
    } catch (cause) {
      throw new TransportError(`${method}: IPC failed`, { cause });
    }
  };
}
