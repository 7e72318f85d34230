/**
 * What a protocol responder does for the SimBus: cut request frames out of the received bytes, parse one
 * (null when no meter would answer it: bad CRC or checksum, a reply, garbage), answer it for one meter, apply
 * a broadcast to all, and spoil a reply's checksum for the bad-crc fault.
 */
import type { FrameLength, MeterProtocol } from '../../meter-port';

export interface ParsedRequest<R> {
  /** Canonical address the request is for, or null for a broadcast (no meter replies). */
  readonly address: string | null;
  readonly request: R;
}

export interface AnswerMode {
  /** Answer with the protocol's exception / abnormal reply instead (the 'exception' fault); no state changes. */
  readonly exception?: boolean;
  /** Put this address in the reply instead of the meter's (the 'wrong-address' fault). */
  readonly replyAddress?: string;
}

export interface Responder<M, R> {
  readonly protocol: MeterProtocol;
  readonly requestLength: FrameLength;
  /** An address every meter answers to (DL/T 645's AA…AA): the bus answers it only when it has one meter. */
  readonly wildcard?: string;
  /** The form addresses take in this protocol: "1" (Modbus unit), 12 digits (DL/T 645), 14 digits (CJ/T 188). */
  canonicalAddress(address: string): string;
  /** An address close to `address` that is not it (for the 'wrong-address' fault). */
  otherAddress(address: string): string;
  parse(frame: Uint8Array): ParsedRequest<R> | null;
  /** The reply frame, or null when the meter answers nothing (a write it does not reply to). */
  answer(meter: M, request: R, mode?: AnswerMode): Uint8Array | null;
  broadcast(meters: readonly M[], request: R): void;
  /** The reply with its CRC / checksum spoiled. */
  corrupt(reply: Uint8Array): Uint8Array;
}

/** Flips every bit of the byte at `index` of a copy (negative index counts from the end). */
export function flipByte(frame: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(frame);
  const at = index < 0 ? copy.length + index : index;
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}
