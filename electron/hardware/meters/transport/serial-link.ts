import { SerialPort } from 'serialport';
import type { LineSettings } from '../meter-port';
import { BaseLink, asError } from './link';

export interface SerialLinkOptions {
  /** Exclusive lock on the port (serialport's default true); false lets tests share a PTY. */
  readonly lock?: boolean;
}

/** An RS-485 adapter (USB or on-board UART) through serialport, with the bus's baud, data bits, parity, stop. */
export class SerialLink extends BaseLink {
  readonly kind = 'serial' as const;
  readonly description: string;
  private port: SerialPort | null = null;

  constructor(readonly path: string, readonly line: LineSettings, private readonly options: SerialLinkOptions = {}) {
    super();
    this.description = `serial:${path}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const { baudRate, dataBits, parity, stopBits } = this.line;
    const port = new SerialPort({ path: this.path, baudRate, dataBits, parity, stopBits, autoOpen: false, lock: this.options.lock ?? true });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.emitData(new Uint8Array(chunk)));
    port.on('error', (error: Error) => this.emitError(error));
    port.once('close', (error?: Error | null) => {
      if (this.port === port) this.port = null;
      this.emitClosed(error ?? null);
    });
    this.port = port;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new Error(`${this.description} is not open`);
    try {
      await new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(bytes), (error) => (error ? reject(error) : port.drain((e) => (e ? reject(e) : resolve()))));
      });
    } catch (error) {
      await this.drop(port, asError(error));
      throw error;
    }
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.port = null;
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** An I/O error on write: the fd is likely dead (adapter unplugged, PTY gone); close so the bus reopens. */
  private async drop(port: SerialPort, error: Error): Promise<void> {
    this.emitError(error);
    if (this.port === port) this.port = null;
    if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve(), error));
  }
}
