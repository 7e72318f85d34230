/**
 * A virtual SLE4442-on-ACR38 card for vpcd (Debian's vsmartcard-vpcd, a pcscd reader driver), so the real
 * PC/SC driver is exercised through the real pcscd without hardware (pcsc.md §1–2, issue 6 item 6).
 *
 * vpcd's socket protocol: every message is a uint16 big-endian length, then the payload. A 1-byte payload is
 * a control code (0 power off, 1 power on, 2 reset, 4 get ATR — only get ATR is answered); a longer one is a
 * C-APDU, answered with the R-APDU. A connected socket is a card in the reader; closing it removes the card.
 * Debian's vpcd 3.3 listens (DEVICENAME /dev/null:PORT) and the card connects to it; its "connect to the card"
 * mode aborts pcscd (FD_SETSIZE) as soon as no card answers, so it cannot be used. The card only ever
 * connects to loopback.
 *
 * Faults (faults.ts): removed-mid-write closes the socket after N bytes; stuck stops answering anything until
 * cleared or removed; slow delays every answer; wrong-psc, locked and readback-mismatch are the chip's.
 */
import { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { applyCardFault, cleanLine, clearCardFaults } from '../sim/faults';
import type { CardFault, LineFaults } from '../sim/faults';
import { Sle4442Chip } from '../sim/sle4442-chip';

export const VPCD_GET_ATR = 4;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export interface VirtualCardOptions {
  readonly port: number;
  /** Loopback only (default 127.0.0.1). */
  readonly host?: string;
  readonly chip?: Sle4442Chip;
  /** How often to try connecting while inserted and not connected (default 100 ms). */
  readonly retryMs?: number;
}

/** Frames a payload as vpcd expects: length and payload in one write (one TCP segment where it fits). */
export function vpcdFrame(payload: Uint8Array): Buffer {
  const frame = Buffer.alloc(2 + payload.length);
  frame.writeUInt16BE(payload.length, 0);
  frame.set(payload, 2);
  return frame;
}

/** Events: 'connected', 'disconnected', 'removed-mid-write'. */
export class VpcdVirtualCard extends EventEmitter {
  readonly chip: Sle4442Chip;
  readonly line: LineFaults = cleanLine();
  private socket: Socket | null = null;
  private inserted = false;
  private retry: NodeJS.Timeout | null = null;
  private buffer = Buffer.alloc(0);
  private readonly host: string;

  constructor(private readonly options: VirtualCardOptions) {
    super();
    this.host = options.host ?? '127.0.0.1';
    if (!LOOPBACK.has(this.host)) throw new Error(`the virtual card connects to loopback only, not "${this.host}"`);
    this.chip = options.chip ?? new Sle4442Chip();
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  /** Puts the card in the reader: connects to vpcd (and keeps retrying until it is there). */
  insert(): void {
    if (this.inserted) return;
    this.inserted = true;
    this.tryConnect();
  }

  /** Takes the card out: closes the socket; pcscd sees the removal at once or at its next poll. */
  remove(): void {
    this.inserted = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.drop();
  }

  applyFault(fault: CardFault): void {
    applyCardFault(this.chip, this.line, fault);
  }

  clearFaults(): void {
    const wasStuck = this.line.stuck;
    clearCardFaults(this.chip, this.line);
    if (wasStuck) this.drain();
  }

  private tryConnect(): void {
    if (!this.inserted || this.socket) return;
    const socket = connect({ host: this.host, port: this.options.port });
    socket.setNoDelay(true);
    socket.on('connect', () => {
      this.socket = socket;
      this.buffer = Buffer.alloc(0);
      this.chip.powerCycle();
      this.emit('connected');
    });
    socket.on('data', (data) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.drain();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const wasOurs = this.socket === socket;
      if (wasOurs) {
        this.socket = null;
        this.emit('disconnected');
      }
      if (this.inserted && !this.retry) {
        this.retry = setTimeout(() => { this.retry = null; this.tryConnect(); }, this.options.retryMs ?? 100);
      }
    });
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    this.buffer = Buffer.alloc(0);
    if (socket) {
      socket.destroy();
      this.emit('disconnected');
    }
  }

  /** Answers every complete message in the buffer, in order (none while stuck). */
  private drain(): void {
    while (!this.line.stuck && this.socket && this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + length) return;
      const message = Uint8Array.from(this.buffer.subarray(2, 2 + length));
      this.buffer = this.buffer.subarray(2 + length);
      this.answer(this.socket, message);
    }
  }

  private answer(socket: Socket, message: Uint8Array): void {
    let reply: Uint8Array | null = null;
    if (message.length === 1) {
      if (message[0] === VPCD_GET_ATR) reply = this.chip.atr;
      else this.chip.powerCycle();
    } else {
      const answer = this.chip.execute(message);
      if ('removed' in answer) {
        this.emit('removed-mid-write');
        this.remove();
        return;
      }
      reply = answer.reply;
    }
    if (reply === null) return;
    const frame = vpcdFrame(reply);
    if (this.line.delayMs > 0) setTimeout(() => { if (this.socket === socket) socket.write(frame); }, this.line.delayMs);
    else socket.write(frame);
  }

  /** Removes the card and stops for good. */
  close(): void {
    this.remove();
    this.removeAllListeners();
  }
}
