/**
 * A byte stream into a SimBus (a PTY end, one TCP client of a transparent gateway): cuts the received bytes
 * into request frames with the protocol's request framing and queues each on the bus; the bus writes echo and
 * reply back to the same stream. Bytes that can never become a frame are dropped, and so is a partial frame
 * after `partialTimeoutMs` of silence (a slave resynchronises on the inter-frame silence).
 */
import { ProtocolError } from '../meter-port';
import type { Emit, SimBus, SimMeterLike } from './sim-bus';

export interface BusStream {
  /** Bytes from the master. */
  receive(bytes: Uint8Array): void;
  /** Stop writing replies (the client went away); queued requests still take their line time. */
  close(): void;
}

export function attachStream<M extends SimMeterLike, R>(
  bus: SimBus<M, R>, write: Emit, options: { partialTimeoutMs?: number; now?: () => number } = {},
): BusStream {
  const now = options.now ?? (() => performance.now());
  const partialTimeoutMs = options.partialTimeoutMs ?? 250;
  let buffer = new Uint8Array(0);
  let firstByteAt = 0;
  let lastByteAt = 0;
  let open = true;
  const emit: Emit = (bytes) => { if (open) write(bytes); };

  function cut(): void {
    for (;;) {
      let length: number | null;
      try {
        length = bus.responder.requestLength(buffer);
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        buffer = new Uint8Array(0);
        return;
      }
      if (length === null || length > buffer.length) return;
      void bus.exchange(buffer.slice(0, length), emit, firstByteAt).catch(() => undefined);
      buffer = buffer.slice(length);
      if (buffer.length === 0) return;
    }
  }

  return {
    receive(bytes) {
      const t = now();
      if (buffer.length > 0 && t - lastByteAt > partialTimeoutMs) buffer = new Uint8Array(0);
      if (buffer.length === 0) firstByteAt = t;
      lastByteAt = t;
      const joined = new Uint8Array(buffer.length + bytes.length);
      joined.set(buffer);
      joined.set(bytes, buffer.length);
      buffer = joined;
      cut();
    },
    close() {
      open = false;
    },
  };
}
