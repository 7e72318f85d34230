/**
 * Links: the byte pipes under a Bus. A Link only moves bytes; framing, the one-request-in-flight queue,
 * timeouts, retries, echo stripping and reconnects live in bus.ts.
 *
 * Decision (modbus-serial): the transport does NOT use modbus-serial's ports. Its ports frame replies by
 * Modbus function code and an expected length set by its own client (TelnetPort, RTUBufferedPort), so they
 * cannot carry DL/T 645 or CJ/T 188 frames, cannot send Acrel's non-standard FC 0xAA through the client,
 * do not strip an adapter's echo, and keep their own timeouts and transaction state that we would have to
 * fight (hardware.md §7.1–7.6). What we need from a port is only "open, write bytes, receive chunks, close",
 * so the links use serialport 13 (SerialLink) and node:net (TcpRawLink for transparent RTU-over-TCP gateways,
 * ModbusTcpLink for converting gateways, doing the MBAP ↔ RTU conversion itself). The transport does not import
 * modbus-serial at all.
 */

export type LinkKind = 'serial' | 'tcp-raw' | 'modbus-tcp';

export interface LinkEvents {
  /** A chunk of received bytes, as the OS or the socket delivered it (possibly a fragment of a frame). */
  readonly data: (chunk: Uint8Array) => void;
  /** The port or socket closed (by us, by the far end, or after an I/O error); `reason` null when asked to. */
  readonly closed: (reason: Error | null) => void;
  /** An I/O error; a 'closed' notification follows when the link can no longer be used. */
  readonly error: (error: Error) => void;
}

export interface Link {
  readonly kind: LinkKind;
  /** "serial:/dev/ttyUSB0" or "tcp-raw:10.0.0.5:4196", for messages and the reading board. */
  readonly description: string;
  readonly isOpen: boolean;
  /** Opens (or reopens after a close). Rejects when the port or host cannot be reached. */
  open(): Promise<void>;
  /** Resolves when the bytes have left (serial: after drain). Rejects, and closes the link, on an I/O error. */
  write(bytes: Uint8Array): Promise<void>;
  /** Closes; resolves also when already closed. */
  close(): Promise<void>;
  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof LinkEvents>(event: E, listener: LinkEvents[E]): () => void;
}

type Listeners = { [E in keyof LinkEvents]: Set<LinkEvents[E]> };

/** The listener bookkeeping every link shares. */
export abstract class BaseLink implements Link {
  abstract readonly kind: LinkKind;
  abstract readonly description: string;
  abstract readonly isOpen: boolean;
  abstract open(): Promise<void>;
  abstract write(bytes: Uint8Array): Promise<void>;
  abstract close(): Promise<void>;

  private readonly listeners: Listeners = { data: new Set(), closed: new Set(), error: new Set() };

  on<E extends keyof LinkEvents>(event: E, listener: LinkEvents[E]): () => void {
    const set = this.listeners[event] as Set<LinkEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  protected emitData(chunk: Uint8Array): void {
    for (const listener of [...this.listeners.data]) listener(chunk);
  }

  protected emitClosed(reason: Error | null): void {
    for (const listener of [...this.listeners.closed]) listener(reason);
  }

  protected emitError(error: Error): void {
    for (const listener of [...this.listeners.error]) listener(error);
  }
}

export function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
