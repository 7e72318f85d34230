/**
 * The meter side of the hardware layer: the shapes every meter protocol, link and simulator share.
 * Reference: ../shared/reference/hardware.md (register maps §1, DL/T 645-2007 §2, CJ/T 188-2004 §3,
 * gateways §5, RS-485 timing §6, Node library pitfalls §7).
 *
 *   codecs/      pure: frames of Modbus-RTU (with CRC16/Modbus and the raw FC 0xAA path), DL/T 645-2007 and
 *                CJ/T 188-2004, both sides (the master that asks and the slave the simulator plays), and the
 *                register maps as data keyed by model and firmware
 *   transport/   I/O: links (serial port, raw TCP to a transparent gateway, Modbus TCP to a converting
 *                gateway), and the Bus: one request in flight per physical bus, timeouts, retries, reconnect
 *   sim/         the meter simulator: meters with state behind a serial port or a TCP socket, wire time of
 *                the baud rate enforced, named faults
 */

import type { ReadingValuesView } from '../../../shared/contract/meter-views';

export type MeterProtocol = 'modbus' | 'dlt645' | 'cjt188';

/** Why a frame exchange failed, as a code the CLI and the reading board print and translate. */
export type ProtocolErrorCode =
  | 'timeout' | 'crc' | 'checksum' | 'truncated' | 'wrong-address' | 'exception' | 'malformed' | 'unexpected-reply'
  | 'port-closed';

export class ProtocolError extends Error {
  constructor(readonly code: ProtocolErrorCode, message: string, readonly detail: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/**
 * Receive-side framing: given the bytes received so far, the length of the first complete frame, or null
 * while more bytes are needed. Throws ProtocolError('malformed') when the bytes can never become a frame.
 * Leading bytes a protocol allows (DL/T 645's FE preamble) count as part of the frame.
 */
export type FrameLength = (received: Uint8Array) => number | null;

/** Serial line settings: 9600 8N1, 2400 8E1 (DL/T 645's usual), 2400 8E1 for CJ/T 188 too. */
export interface LineSettings {
  readonly baudRate: number;
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
}

/** Bits on the wire per character: start + data + parity + stop. */
export function bitsPerChar(line: LineSettings): number {
  return 1 + line.dataBits + (line.parity === 'none' ? 0 : 1) + line.stopBits;
}

/** Milliseconds the wire needs to carry `bytes` characters at this line's settings. */
export function wireTimeMs(line: LineSettings, bytes: number): number {
  return (bytes * bitsPerChar(line) * 1000) / line.baudRate;
}

/** Modbus RTU's inter-frame silence t3.5 (Modbus over serial line V1.02 §2.5.1.1): 1.75 ms fixed above 19200 bps. */
export function silenceMs(line: LineSettings): number {
  return line.baudRate > 19_200 ? 1.75 : wireTimeMs(line, 3.5);
}

/** Parses "9600,8N1" / "2400,8E1" (the CLI's @9600,8N1 part). */
export function parseLineSettings(text: string): LineSettings | null {
  const match = /^(\d{3,6})(?:,?([78])([NEO])([12]))?$/i.exec(text.trim());
  if (!match) return null;
  const parity = { N: 'none', E: 'even', O: 'odd' } as const;
  return {
    baudRate: Number(match[1]), dataBits: match[2] === '7' ? 7 : 8,
    parity: parity[(match[3] ?? 'N').toUpperCase() as 'N' | 'E' | 'O'], stopBits: match[4] === '2' ? 2 : 1,
  };
}

export interface ExchangeOptions {
  /** Overrides the bus's reply timeout for this request (a slow write). */
  readonly timeoutMs?: number;
  /** False for a broadcast (DL/T 645 time broadcast 08H, Modbus address 0): nothing comes back. */
  readonly expectReply?: boolean;
}

/**
 * One request/reply on a bus: what the drivers in codecs/ use and what transport/bus.ts provides. It sends
 * `request` when the bus is free (never while another request is in flight), strips an echo of it if the
 * adapter echoes, and answers the first complete reply frame as `frameLength` delimits it (or an empty array
 * when no reply is expected). It rejects with ProtocolError('timeout' | 'port-closed' | 'malformed').
 */
export type Exchange = (request: Uint8Array, frameLength: FrameLength, options?: ExchangeOptions) => Promise<Uint8Array>;

/**
 * What a read of a meter tells, whatever the protocol; null where the protocol or model has no such value. The
 * values are the contract's ReadingValuesView (total in 0.01 kWh or 0.01 m³, remaining in fen for money meters or
 * 0.01 units for energy meters, named status flags), plus the raw extras.
 */
export interface MeterReading extends ReadingValuesView {
  /** Raw extra values by name (voltage, current, power…), in the protocol's documented units. */
  readonly extra: Readonly<Record<string, number>>;
}

/**
 * A FrameLength that also checks the frame it delimits (CRC, checksum): `check` throws a ProtocolError for a
 * bad frame. The bus then discards a byte, looks again, and retries the request when no good frame comes, so
 * a reply corrupted on the line is retried like a lost one (hardware.md §7.3, §7.5).
 */
export function checkedFrameLength(frameLength: FrameLength, check: (frame: Uint8Array) => void): FrameLength {
  return (received) => {
    const length = frameLength(received);
    if (length === null || length > received.length) return length;
    check(received.subarray(0, length));
    return length;
  };
}
