/**
 * The real card reader driver: PC/SC through the `smartcard` binding (smartcard-binding.ts says why), for
 * ACR38-class contact readers with SLE4442 cards. Sessions are ApduCardSession over one PC/SC card handle.
 *
 * PC/SC facts this relies on (pcsc.md §4–5, measured through pcscd 1.9.9):
 * - connect with T=0|T=1: the SLE4442 ATR 3B 04 … has no TD1, so T=1 alone is "Protocol mismatch";
 * - the binding's errors are plain Errors with a message only, so they are mapped by message;
 * - after a removal the first transmit says "Transaction failed", later ones "Card was removed", a new
 *   connect "No smart card present";
 * - a stuck card makes transmit hang with no timeout. The session times it out; the handle is then freed
 *   only once the native transmit settles, because SCardDisconnect on a handle with a transmit in flight
 *   would wait for it on the main thread and freeze the app.
 */
import { ApduCardSession } from '../apdu-session';
import type { ApduChannel } from '../apdu-session';
import { withTimeout } from '../apdu-session';
import { CardError, chooseReader, DEFAULT_CARD_TIMEOUTS } from '../card-port';
import type { CardEvent, CardReaderPort, CardSession, OpenSessionOptions } from '../card-port';
import { hex } from '../sle4442';
import { loadSmartcard } from './smartcard-binding';
import type { ScCard, ScContext, ScMonitor, ScMonitorEvent, ScReader, SmartcardBinding } from './smartcard-binding';

export interface PcscPortOptions {
  /** Only readers whose name contains this are used (e.g. "ACR38"); default: all. */
  readonly nameFilter?: string;
  /** For tests: another loader of the binding. */
  readonly load?: () => SmartcardBinding;
}

/** A PC/SC error (by message, pcsc.md §4–5) as a CardError. */
export function mapPcscError(error: unknown, what: string): CardError {
  if (error instanceof CardError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const make = (code: CardError['code']): CardError => new CardError(code, `${what}: ${message}`, { cause: error });
  if (/removed|transaction failed|was reset/i.test(message)) return make('card-removed');
  if (/no smart card|not present|no card/i.test(message)) return make('no-card');
  if (/service|not running|no readers|unknown reader|reader.*unavailable|cannot find a smart card reader/i.test(message)) return make('no-reader');
  return make('transmit-failed');
}

export class PcscCardPort implements CardReaderPort {
  private readonly binding: SmartcardBinding;
  private monitor: ScMonitor | null = null;
  private readonly listeners = new Set<(event: CardEvent) => void>();
  /** Reader → present: what the monitor has told us, so late listeners are told the current state. */
  private readonly known = new Map<string, { atr: string | null }>();

  constructor(private readonly options: PcscPortOptions = {}) {
    this.binding = (options.load ?? loadSmartcard)();
  }

  private visible(name: string): boolean {
    return this.options.nameFilter === undefined || name.includes(this.options.nameFilter);
  }

  private context(): ScContext {
    try {
      return new this.binding.Context();
    } catch (error) {
      throw new CardError('not-available', `PC/SC service not reachable (is pcscd running?): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async listReaders(): Promise<string[]> {
    const context = this.context();
    try {
      return context.listReaders().map((r) => r.name).filter((name) => this.visible(name));
    } catch (error) {
      if (/no readers/i.test(error instanceof Error ? error.message : '')) return [];
      throw mapPcscError(error, 'list readers');
    } finally {
      context.close();
    }
  }

  watch(listener: (event: CardEvent) => void): () => void {
    for (const [reader, state] of this.known) {
      listener({ type: 'reader-added', reader });
      if (state.atr !== null) listener({ type: 'card-inserted', reader, atr: state.atr });
    }
    this.listeners.add(listener);
    if (!this.monitor) {
      this.monitor = new this.binding.ReaderMonitor();
      this.monitor.start((event) => this.onMonitor(event));
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopMonitor();
    };
  }

  private onMonitor(event: ScMonitorEvent): void {
    if (event.type === 'error' || !this.visible(event.reader)) return;
    const reader = event.reader;
    let out: CardEvent;
    if (event.type === 'reader-attached') {
      this.known.set(reader, { atr: null });
      out = { type: 'reader-added', reader };
    } else if (event.type === 'reader-detached') {
      this.known.delete(reader);
      out = { type: 'reader-removed', reader };
    } else if (event.type === 'card-inserted') {
      const atr = event.atr ? hex(event.atr) : '';
      this.known.set(reader, { atr });
      out = { type: 'card-inserted', reader, atr };
    } else {
      this.known.set(reader, { atr: null });
      out = { type: 'card-removed', reader };
    }
    for (const listener of [...this.listeners]) listener(out);
  }

  private stopMonitor(): void {
    this.monitor?.stop();
    this.monitor = null;
    this.known.clear();
  }

  async openSession(reader?: string, options: OpenSessionOptions = {}): Promise<CardSession> {
    const timeouts = { ...DEFAULT_CARD_TIMEOUTS, ...options.timeouts };
    const context = this.context();
    let found: ScReader;
    try {
      const readers = context.listReaders().filter((r) => this.visible(r.name));
      const name = chooseReader(readers.map((r) => r.name), reader);
      found = readers.find((r) => r.name === name)!;
      if ((found.state & this.binding.SCARD_STATE_PRESENT) === 0) throw new CardError('no-card', `no card in "${name}"`);
    } catch (error) {
      context.close();
      throw mapPcscError(error, 'open card session');
    }
    const card = await this.connect(context, found, timeouts.connectMs);
    return new ApduCardSession(found.name, card.atr ? hex(card.atr) : '', this.channel(context, card), timeouts);
  }

  /** Connects with a timeout; after a timeout the late card and the context are freed once connect settles. */
  private async connect(context: ScContext, reader: ScReader, ms: number): Promise<ScCard> {
    const protocols = this.binding.SCARD_PROTOCOL_T0 | this.binding.SCARD_PROTOCOL_T1;
    const connecting = reader.connect(this.binding.SCARD_SHARE_SHARED, protocols);
    try {
      return await withTimeout(connecting, ms, `connect to "${reader.name}"`);
    } catch (error) {
      const free = (card?: ScCard): void => {
        try { card?.disconnect(this.binding.SCARD_LEAVE_CARD); } catch { /* already gone */ }
        context.close();
      };
      if (error instanceof CardError && error.code === 'timeout') void connecting.then(free, () => free());
      else free();
      throw mapPcscError(error, `connect to "${reader.name}"`);
    }
  }

  private channel(context: ScContext, card: ScCard): ApduChannel {
    let inFlight: Promise<unknown> | null = null;
    const release = (): void => {
      try {
        if (card.connected) card.disconnect(this.binding.SCARD_LEAVE_CARD);
      } catch {
        // The card is gone or the handle is already invalid: nothing left to free.
      }
      context.close();
    };
    return {
      transmit: async (apdu) => {
        const pending = card.transmit(Buffer.from(apdu));
        inFlight = pending;
        try {
          const reply = Uint8Array.from(await pending);
          // vpcd (and a reader whose card left mid-exchange) answers "success" with no bytes at all.
          if (reply.length === 0) throw new CardError('card-removed', 'the card gave no answer: it was removed during the exchange');
          return reply;
        } catch (error) {
          throw mapPcscError(error, 'transmit');
        } finally {
          if (inFlight === pending) inFlight = null;
        }
      },
      close: async () => {
        if (inFlight) void inFlight.then(release, release);
        else release();
      },
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.stopMonitor();
  }
}
