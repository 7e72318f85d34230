/**
 * The card reader port: what services see of a contact reader with SLE4442 memory cards (hardware.md §4.1).
 * Drivers: the real PC/SC one (pcsc/pcsc-port.ts), the in-memory and file simulators (sim/). All of them talk
 * in SLE4442 pseudo-APDUs through ApduCardSession (apdu-session.ts), so the PSC guard, the lock rule and the
 * timeouts are one piece of code whatever the driver.
 *
 * Rules enforced here and in ApduCardSession (issue 6 item 1, pcsc.md §4):
 * - every exchange has a timeout: a stuck card must not hang the counter (transmit can hang forever);
 * - the PSC is presented in every session (pcscd may power the card down between sessions and forget it);
 * - a wrong PSC is never retried automatically, and a card whose error counter is 0 (locked) or 1 (one try
 *   left) is reported, never tried into destruction.
 */

export type CardErrorCode =
  | 'no-reader' // no reader, or not the one asked for
  | 'no-card' // the reader is empty
  | 'card-removed' // the card left during the session (the write may be partial: read it again)
  | 'wrong-psc' // the PSC was refused; triesLeft says how many remain — never retried automatically
  | 'locked' // error counter 0 (or refused to spend the last try): the card can only be read
  | 'timeout' // the card or the reader did not answer in time; the session is dead
  | 'transmit-failed' // the reader or the card answered with an error (status word, PC/SC error)
  | 'verify-mismatch' // a read-back differs from what was written
  | 'not-available'; // the PC/SC binding or service is missing on this machine

/** One failure of the card layer; `code` is what services and the CLI branch on. */
export class CardError extends Error {
  override name = 'CardError';
  constructor(
    readonly code: CardErrorCode,
    message: string,
    readonly details: { readonly triesLeft?: number; readonly address?: number; readonly cause?: unknown } = {},
  ) {
    super(message);
  }
}

export const isCardError = (error: unknown, code?: CardErrorCode): error is CardError =>
  error instanceof CardError && (code === undefined || error.code === code);

export type CardEvent =
  | { readonly type: 'reader-added' | 'reader-removed'; readonly reader: string }
  | { readonly type: 'card-inserted'; readonly reader: string; readonly atr: string }
  | { readonly type: 'card-removed'; readonly reader: string };

export interface CardTimeouts {
  /** One APDU exchange (default 2000 ms; a 256-byte read on a real ACR38 takes well under 100 ms). */
  readonly exchangeMs: number;
  /** Connecting to the card in a reader (default 3000 ms). */
  readonly connectMs: number;
}
export const DEFAULT_CARD_TIMEOUTS: CardTimeouts = { exchangeMs: 2000, connectMs: 3000 };

export interface OpenSessionOptions {
  readonly timeouts?: Partial<CardTimeouts>;
}

export interface PscResult {
  /** The error counter after a successful presentation (0x07 on a healthy SLE4442). */
  readonly errorCounter: number;
}

export interface PresentPscOptions {
  /**
   * Present even when the card has a single try left (error counter with one bit). Default false: a wrong
   * PSC then locks the card for ever, so only a supervisor-approved action should pass this.
   */
  readonly allowLastTry?: boolean;
}

/** One card, in one reader, between connect and close. Not re-entrant: one exchange at a time. */
export interface CardSession {
  readonly reader: string;
  /** ATR as upper-case hex. */
  readonly atr: string;
  /** FF A4: select SLE4432/4442/5532/5542 (must come first). */
  selectCard(): Promise<void>;
  /** FF B1: the error counter (0x07 = 3 tries, 0 = locked). */
  readErrorCounter(): Promise<number>;
  /**
   * Reads the error counter, refuses a locked card ('locked') and, unless allowed, a card with one try left
   * ('locked' with triesLeft 1), then FF 20. A refusal is 'wrong-psc' (triesLeft) or 'locked' (now 0). After
   * a refusal this session refuses every further presentation without touching the card.
   */
  presentPsc(psc: Uint8Array, options?: PresentPscOptions): Promise<PscResult>;
  /** FF B0, in chunks; reads need no PSC. */
  read(address: number, length: number): Promise<Uint8Array>;
  /**
   * FF D0, in chunks. Needs a presented PSC (the chip ignores writes otherwise, so this refuses instead).
   * A removal part-way leaves the first chunks written: 'card-removed'.
   */
  write(address: number, data: Uint8Array): Promise<void>;
  /** write() then read() the same bytes back; any difference is 'verify-mismatch' naming the first address. */
  writeVerified(address: number, data: Uint8Array): Promise<void>;
  /** Ends the session; safe to call twice and after a failure. Never blocks on a stuck card. */
  close(): Promise<void>;
}

export interface CardReaderPort {
  /** Reader names, filtered by the port's name filter. No PC/SC service is 'not-available'. */
  listReaders(): Promise<string[]>;
  /** Insert/remove events until the returned function is called. Readers present now are reported first. */
  watch(listener: (event: CardEvent) => void): () => void;
  /** Connects to the card in `reader` (the only/first reader when omitted): 'no-reader', 'no-card'. */
  openSession(reader?: string, options?: OpenSessionOptions): Promise<CardSession>;
  /** Stops watching and frees the port. */
  close(): Promise<void>;
}

/** Picks `wanted` (exact name, or the first reader whose name contains it) or the first reader. */
export function chooseReader(readers: readonly string[], wanted?: string): string {
  if (readers.length === 0) throw new CardError('no-reader', 'no card reader is connected');
  if (wanted === undefined) return readers[0]!;
  const found = readers.find((r) => r === wanted) ?? readers.find((r) => r.includes(wanted));
  if (!found) throw new CardError('no-reader', `no reader named "${wanted}" (readers: ${readers.join(', ')})`);
  return found;
}

/** Runs `work` with a session that is always closed, also when `work` throws. */
export async function withCardSession<T>(port: CardReaderPort, reader: string | undefined, work: (session: CardSession) => Promise<T>, options?: OpenSessionOptions): Promise<T> {
  const session = await port.openSession(reader, options);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/**
 * The usual opening of a session that will write: select, then present the PSC (every session, pcsc.md §4).
 * The PSC comes from the key store (key-store.ts), never from a plain configuration file.
 */
export async function openForWriting(port: CardReaderPort, reader: string | undefined, psc: Uint8Array, options?: OpenSessionOptions & PresentPscOptions): Promise<CardSession> {
  const session = await port.openSession(reader, options);
  try {
    await session.selectCard();
    await session.presentPsc(psc, options);
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}
