/**
 * A CardSession over any APDU channel (PC/SC, the in-memory chip, a file card). The rules of card-port.ts
 * live here once: a timeout on every exchange, the PSC guard (no automatic retry, no last try, no locked
 * card), chunked writes and the read-back check.
 */
import { CardError, DEFAULT_CARD_TIMEOUTS } from './card-port';
import type { CardSession, CardTimeouts, PresentPscOptions, PscResult } from './card-port';
import {
  parseErrorCounter, parsePresentPsc, parseRead, parseSelect, parseWrite, presentPscApdu, readApdu, readErrorCounterApdu,
  selectApdu, SLE4442_SIZE, triesLeft, WRITE_CHUNK, writeApdu,
} from './sle4442';

/** Raw APDU exchange with one card. transmit may hang for ever (pcsc.md §4): the session times it out. */
export interface ApduChannel {
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  /**
   * Frees the card. Called once, also after a timeout while a transmit is still pending: it must return
   * without waiting for that transmit (free the native handle only once the transmit settles).
   */
  close(): Promise<void>;
}

/** Rejects with 'timeout' when `promise` is not settled within `ms`; the timer never keeps the process alive. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CardError('timeout', `${what}: no answer within ${ms} ms`)), ms);
    timer.unref?.();
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}

type PscState = 'not-presented' | 'accepted' | 'refused';

export class ApduCardSession implements CardSession {
  private readonly timeouts: CardTimeouts;
  private dead: CardError | null = null;
  private psc: PscState = 'not-presented';
  private closed = false;

  constructor(
    readonly reader: string,
    readonly atr: string,
    private readonly channel: ApduChannel,
    timeouts: Partial<CardTimeouts> = {},
  ) {
    this.timeouts = { ...DEFAULT_CARD_TIMEOUTS, ...timeouts };
  }

  /** One exchange. A timeout or a removal kills the session: later calls fail at once with the same error. */
  private async exchange(apdu: Uint8Array, what: string): Promise<Uint8Array> {
    if (this.closed) throw new Error(`card session on "${this.reader}" is closed`);
    if (this.dead) throw this.dead;
    try {
      return await withTimeout(this.channel.transmit(apdu), this.timeouts.exchangeMs, `${what} on "${this.reader}"`);
    } catch (error) {
      const failure = error instanceof CardError ? error : new CardError('transmit-failed', `${what}: ${String(error)}`, { cause: error });
      if (failure.code === 'timeout' || failure.code === 'card-removed' || failure.code === 'no-card') this.dead = failure;
      throw failure;
    }
  }

  async selectCard(): Promise<void> {
    parseSelect(await this.exchange(selectApdu(), 'select card type'));
  }

  async readErrorCounter(): Promise<number> {
    return parseErrorCounter(await this.exchange(readErrorCounterApdu(), 'read error counter'));
  }

  async presentPsc(psc: Uint8Array, options: PresentPscOptions = {}): Promise<PscResult> {
    if (this.psc === 'refused') throw new CardError('wrong-psc', 'the PSC was already refused in this session: not retried');
    const before = await this.readErrorCounter();
    const left = triesLeft(before);
    if (left === 0) throw new CardError('locked', 'the card is locked (error counter 0): it can be read, never written', { triesLeft: 0 });
    if (left === 1 && options.allowLastTry !== true) {
      throw new CardError('locked', 'the card has one PSC try left: refused without approval (a wrong PSC would lock it for ever)', { triesLeft: 1 });
    }
    const { accepted, errorCounter } = parsePresentPsc(await this.exchange(presentPscApdu(psc), 'present PSC'));
    if (accepted) {
      this.psc = 'accepted';
      return { errorCounter };
    }
    this.psc = 'refused';
    const remaining = triesLeft(errorCounter);
    if (remaining === 0) throw new CardError('locked', 'wrong PSC: the card is now locked', { triesLeft: 0 });
    throw new CardError('wrong-psc', `wrong PSC: ${remaining} ${remaining === 1 ? 'try' : 'tries'} left`, { triesLeft: remaining });
  }

  async read(address: number, length: number): Promise<Uint8Array> {
    if (length === 0) return new Uint8Array(0);
    // One APDU reads up to 256 bytes, which is the whole card.
    if (address + length > SLE4442_SIZE) throw new RangeError(`read ${address}+${length} runs past ${SLE4442_SIZE}`);
    return parseRead(await this.exchange(readApdu(address, length), `read ${address}+${length}`), length);
  }

  async write(address: number, data: Uint8Array): Promise<void> {
    if (this.psc !== 'accepted') throw new Error('a write needs the PSC presented in this session (the chip would silently ignore it)');
    if (address < 0 || address + data.length > SLE4442_SIZE) throw new RangeError(`write ${address}+${data.length} runs past ${SLE4442_SIZE}`);
    for (let offset = 0; offset < data.length; offset += WRITE_CHUNK) {
      const chunk = data.subarray(offset, offset + WRITE_CHUNK);
      parseWrite(await this.exchange(writeApdu(address + offset, chunk), `write ${address + offset}+${chunk.length}`));
    }
  }

  async writeVerified(address: number, data: Uint8Array): Promise<void> {
    await this.write(address, data);
    const back = await this.read(address, data.length);
    const first = back.findIndex((byte, i) => byte !== data[i]);
    if (first >= 0) {
      throw new CardError('verify-mismatch', `read-back differs at address ${address + first} (wrote ${data[first]}, read ${back[first]})`, { address: address + first });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.channel.close();
  }
}
