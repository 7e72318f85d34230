/**
 * A SimBus on a serial port: a socat PTY pair the simulator creates (socat -d -d pty,raw,echo=0,link=A
 * pty,raw,echo=0,link=B), or a serial device / PTY end it is given. The simulator opens its end with
 * serialport, like the real driver does, so the client side exercises the real serial code. A PTY has no baud
 * rate of its own: the SimBus paces the bytes at the line's character time.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import type { LineSettings } from '../meter-port';
import type { SimBus, SimMeterLike } from './sim-bus';
import { attachStream } from './stream';

export const SOCAT_MISSING = 'socat is not installed: the PTY bus needs the Debian package "socat" (apt-get install -y socat)';

export interface PtyPair {
  /** The end the simulator opens. */
  readonly simPath: string;
  /** The end the master (HallDesk, a test) opens. */
  readonly clientPath: string;
  close(): Promise<void>;
}

async function waitFor(paths: readonly string[], child: ChildProcess, failed: () => Error | null): Promise<void> {
  const deadline = performance.now() + 3000;
  while (!paths.every((path) => existsSync(path))) {
    const error = failed();
    if (error) throw error;
    if (child.exitCode !== null) throw new Error(`socat exited with code ${child.exitCode} before creating ${paths.join(' and ')}`);
    if (performance.now() > deadline) throw new Error(`socat did not create ${paths.join(' and ')} within 3 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Starts socat with a linked PTY pair: the master's end at `clientPath`, the simulator's at `clientPath`.sim.
 * Without socat: an Error naming the package (SOCAT_MISSING).
 */
export async function createPtyPair(clientPath: string, options: { simPath?: string; socat?: string } = {}): Promise<PtyPair> {
  const simPath = options.simPath ?? `${clientPath}.sim`;
  let spawnError: Error | null = null;
  const child = spawn(options.socat ?? 'socat', ['-d', '-d', `pty,raw,echo=0,link=${simPath}`, `pty,raw,echo=0,link=${clientPath}`], { stdio: 'ignore' });
  child.once('error', (error: NodeJS.ErrnoException) => { spawnError = error.code === 'ENOENT' ? new Error(SOCAT_MISSING) : error; });
  try {
    await waitFor([simPath, clientPath], child, () => spawnError);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    simPath, clientPath,
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

export function serialOptions(path: string, line: LineSettings) {
  return { path, baudRate: line.baudRate, dataBits: line.dataBits, parity: line.parity, stopBits: line.stopBits, autoOpen: false } as const;
}

export interface SerialServer {
  readonly path: string;
  close(): Promise<void>;
}

/** Opens `path` with serialport and serves the bus on it until closed. */
export async function serveSerial(bus: SimBus<SimMeterLike, unknown>, path: string): Promise<SerialServer> {
  const port = new SerialPort(serialOptions(path, bus.line));
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  const stream = attachStream(bus, (bytes) => { if (port.isOpen) port.write(Buffer.from(bytes)); });
  port.on('data', (data: Buffer) => stream.receive(new Uint8Array(data)));
  port.on('error', () => undefined);
  return {
    path,
    close: () => new Promise<void>((resolve) => {
      stream.close();
      if (!port.isOpen) return resolve();
      port.close(() => resolve());
    }),
  };
}

export interface PtyBus {
  readonly pair: PtyPair;
  readonly server: SerialServer;
  close(): Promise<void>;
}

/** A socat pair with the bus served on the simulator's end; the master opens pair.clientPath. */
export async function servePty(bus: SimBus<SimMeterLike, unknown>, clientPath: string): Promise<PtyBus> {
  const pair = await createPtyPair(clientPath);
  try {
    const server = await serveSerial(bus, pair.simPath);
    return { pair, server, close: async () => { await server.close(); await pair.close(); } };
  } catch (error) {
    await pair.close();
    throw error;
  }
}
