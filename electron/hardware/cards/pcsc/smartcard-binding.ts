/**
 * Loads the `smartcard` npm binding (PC/SC) lazily, with the few shapes we use typed here.
 *
 * Why `smartcard` (pcsc.md §3, §7): it is a Node-API addon, so one compiled binary loads in Node and in every
 * Electron version without a per-ABI rebuild (the NAN alternatives, @pokusew/pcsclite and pcsclite, need
 * @electron/rebuild on every Electron upgrade); it links winscard on Windows and pcsc-lite on Linux, has
 * Promises and TypeScript types, and round-tripped the SLE4442 pseudo-APDUs through pcscd here. It ships no
 * prebuilds: building needs libpcsclite-dev on Linux and the MSVC build tools on Windows.
 *
 * It is an optionalDependency, so `npm ci` still succeeds on a machine without libpcsclite-dev; the types
 * are declared here (not imported) so the typecheck does not depend on it being installed either. A missing
 * binding is a CardError 'not-available' with the fix in its message.
 */
import { createRequire } from 'node:module';
import { CardError } from '../card-port';

export interface ScCard {
  readonly connected: boolean;
  readonly atr: Buffer | null;
  transmit(command: Buffer): Promise<Buffer>;
  disconnect(disposition?: number): void;
}
export interface ScReader {
  readonly name: string;
  readonly state: number;
  readonly atr: Buffer | null;
  connect(shareMode?: number, protocol?: number): Promise<ScCard>;
}
export interface ScContext {
  readonly isValid: boolean;
  listReaders(): ScReader[];
  close(): void;
}
export interface ScMonitorEvent {
  readonly type: 'reader-attached' | 'reader-detached' | 'card-inserted' | 'card-removed' | 'error';
  readonly reader: string;
  readonly state: number;
  readonly atr: Buffer | null;
}
export interface ScMonitor {
  readonly isRunning: boolean;
  start(callback: (event: ScMonitorEvent) => void): void;
  stop(): void;
}
export interface SmartcardBinding {
  readonly Context: new () => ScContext;
  readonly ReaderMonitor: new () => ScMonitor;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_LEAVE_CARD: number;
  readonly SCARD_STATE_PRESENT: number;
}

let cached: SmartcardBinding | null = null;

export const MISSING_BINDING_HELP =
  'the PC/SC binding "smartcard" is not installed or not built: install the PC/SC headers ' +
  '(Debian/Ubuntu: apt-get install --no-install-recommends libpcsclite-dev pcscd; Windows: the MSVC build tools), then run npm ci';

/** The binding, loaded once; 'not-available' when it is missing or failed to build. */
export function loadSmartcard(): SmartcardBinding {
  if (cached) return cached;
  try {
    const required = createRequire(import.meta.url)('smartcard') as SmartcardBinding;
    if (typeof required.Context !== 'function') throw new Error('unexpected module shape');
    cached = required;
    return required;
  } catch (error) {
    throw new CardError('not-available', `${MISSING_BINDING_HELP} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, { cause: error });
  }
}
