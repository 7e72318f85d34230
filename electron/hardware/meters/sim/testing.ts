/**
 * Small client helpers for tests and benchmarks of the simulator: send bytes over a plain socket (or any
 * duplex) and collect what comes back until a frame is complete or the line stays quiet.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { FrameLength } from '../meter-port';

export function openSocket(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port }, () => resolve(socket));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });
}

export interface Reader {
  readonly on: (event: 'data', listener: (data: Buffer) => void) => unknown;
  readonly off: (event: 'data', listener: (data: Buffer) => void) => unknown;
}

/**
 * Bytes that arrive on `source` from now on, until `frameLength` says the frame (plus `skip` leading bytes,
 * an echo) is complete, or nothing more arrives for `quietMs` (then whatever came, possibly nothing).
 */
export function collect(source: Reader, options: { frameLength?: FrameLength; skip?: number; quietMs?: number } = {}): Promise<Uint8Array> {
  const quietMs = options.quietMs ?? 300;
  const skip = options.skip ?? 0;
  return new Promise((resolve) => {
    let bytes = new Uint8Array(0);
    let timer = setTimeout(done, quietMs);
    function done() {
      clearTimeout(timer);
      source.off('data', onData);
      resolve(bytes);
    }
    function complete(): boolean {
      if (!options.frameLength || bytes.length <= skip) return false;
      try {
        const length = options.frameLength(bytes.subarray(skip));
        return length !== null && bytes.length >= skip + length;
      } catch {
        return false;
      }
    }
    function onData(data: Buffer) {
      bytes = Uint8Array.from([...bytes, ...data]);
      clearTimeout(timer);
      if (complete()) done();
      else timer = setTimeout(done, quietMs);
    }
    source.on('data', onData);
  });
}

/** Sends `request` and collects the answer (see collect); resolves with the bytes and the elapsed ms. */
export async function roundTrip(
  socket: Reader & { write(bytes: Uint8Array): unknown }, request: Uint8Array, options: Parameters<typeof collect>[1] = {},
): Promise<{ bytes: Uint8Array; ms: number }> {
  const started = performance.now();
  const pending = collect(socket, options);
  socket.write(request);
  const bytes = await pending;
  return { bytes, ms: performance.now() - started };
}
