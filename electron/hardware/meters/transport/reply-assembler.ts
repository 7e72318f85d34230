import { checkedFrameLength as checkedByPort, ProtocolError } from '../meter-port';
import type { FrameLength } from '../meter-port';

/**
 * How a bus treats an adapter's echo of the request (hardware.md §7.5):
 * - 'auto'  strips the echo when the received bytes start with the exact request. When the request could itself be
 *           a valid reply (Modbus FC05/FC06 replies repeat the request), it strips only once the bus has seen this
 *           adapter echo; after it has seen replies without an echo, such bytes are the reply.
 * - 'strip' always strips a leading copy of the request; 'none' never does.
 */
export type EchoMode = 'auto' | 'strip' | 'none';

export type AssemblerResult =
  | { readonly kind: 'frame'; readonly frame: Uint8Array }
  | { readonly kind: 'need-more' }
  /** Bytes were discarded because they could not start a frame; `error` says why (crc, checksum, malformed…). */
  | { readonly kind: 'discarding'; readonly error: ProtocolError };

export interface AssemblerOptions {
  readonly echo: EchoMode;
  /** What the bus has learnt: true = this adapter echoes, false = it does not, undefined = not known yet. */
  readonly echoes: boolean | undefined;
  /** Receive buffer bound; older bytes beyond it are dropped as garbage. */
  readonly maxBuffer: number;
}

/** Receive side of one request: echo stripping, reassembly of fragments, garbage discarding, bounded buffer. */
export class ReplyAssembler {
  private buffer = new Uint8Array(0);
  private echoSettled: boolean;
  /** True when an echo was stripped; false when the first bytes were not an echo; undefined while unknown. */
  echoSeen: boolean | undefined;
  discardedBytes = 0;
  lastError: ProtocolError | null = null;

  constructor(private readonly request: Uint8Array, private readonly frameLength: FrameLength, private readonly options: AssemblerOptions) {
    this.echoSettled = options.echo === 'none';
  }

  push(chunk: Uint8Array): AssemblerResult {
    this.append(chunk);
    if (!this.echoSettled && !this.settleEcho()) return { kind: 'need-more' };
    return this.scan();
  }

  private append(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    const excess = joined.length - this.options.maxBuffer;
    if (excess > 0) this.discardedBytes += excess;
    this.buffer = excess > 0 ? joined.slice(excess) : joined;
  }

  /** False while the received bytes are still a prefix of the request (an echo may be arriving). */
  private settleEcho(): boolean {
    const { request, buffer } = this;
    const n = Math.min(buffer.length, request.length);
    for (let i = 0; i < n; i++) {
      if (buffer[i] !== request[i]) {
        this.echoSettled = true;
        this.echoSeen = false;
        return true;
      }
    }
    if (buffer.length < request.length) return false;
    this.echoSettled = true;
    if (this.shouldStrip()) {
      this.buffer = buffer.slice(request.length);
      this.echoSeen = true;
    }
    return true;
  }

  private shouldStrip(): boolean {
    if (this.options.echo === 'strip') return true;
    return !this.isCompleteFrame(this.request) || this.options.echoes !== false;
  }

  private isCompleteFrame(bytes: Uint8Array): boolean {
    try {
      return this.frameLength(bytes) === bytes.length;
    } catch {
      return false;
    }
  }

  /** The first complete frame; bytes that cannot start one are dropped one at a time. */
  private scan(): AssemblerResult {
    let discarding = false;
    while (this.buffer.length > 0) {
      const length = this.measure();
      if (length === 'bad') {
        this.buffer = this.buffer.slice(1);
        this.discardedBytes++;
        discarding = true;
        continue;
      }
      if (length === null || length > this.buffer.length) break;
      const frame = this.buffer.slice(0, length);
      this.buffer = this.buffer.slice(length);
      return { kind: 'frame', frame };
    }
    return discarding && this.lastError ? { kind: 'discarding', error: this.lastError } : { kind: 'need-more' };
  }

  private measure(): number | null | 'bad' {
    try {
      const length = this.frameLength(this.buffer);
      return length !== null && length <= 0 ? 'bad' : length;
    } catch (error) {
      this.lastError = error instanceof ProtocolError ? error : new ProtocolError('malformed', String(error));
      return 'bad';
    }
  }
}

/**
 * A FrameLength whose delimited frame must pass `isValid` (a CRC or checksum check), else ProtocolError(code):
 * meter-port.ts's checkedFrameLength with a yes/no check. Use it for Modbus:
 * `checkedFrameLength(modbusReplyLength(request), hasValidCrc)`.
 */
export function checkedFrameLength(frameLength: FrameLength, isValid: (frame: Uint8Array) => boolean, code: 'crc' | 'checksum' = 'crc'): FrameLength {
  return checkedByPort(frameLength, (frame) => {
    if (!isValid(frame)) throw new ProtocolError(code, `reply ${code === 'crc' ? 'CRC' : 'checksum'} mismatch`);
  });
}
