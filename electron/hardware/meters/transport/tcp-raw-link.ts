import net from 'node:net';
import { BaseLink, asError } from './link';
import type { LinkKind } from './link';

export interface TcpLinkOptions {
  /** Milliseconds to wait for the TCP connection (default 3000). */
  readonly connectTimeoutMs?: number;
}

/**
 * A transparent RS-485↔Ethernet gateway ("TCP server" mode of a serial server): the bytes of RTU, DL/T 645 or
 * CJ/T 188 frames go through unchanged, no MBAP (modbus-serial's connectTelnet, hardware.md §5).
 * Subclasses convert on the way (ModbusTcpLink) through `encode` and `receive`.
 */
export class TcpRawLink extends BaseLink {
  readonly kind: LinkKind = 'tcp-raw';
  readonly description: string;
  protected socket: net.Socket | null = null;

  constructor(readonly host: string, readonly port: number, private readonly options: TcpLinkOptions = {}) {
    super();
    this.description = `${this.describeKind()}:${host}:${port}`;
  }

  protected describeKind(): string {
    return 'rtu-tcp';
  }

  get isOpen(): boolean {
    return this.socket !== null && !this.socket.destroyed && this.socket.readyState === 'open';
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const socket = await this.connect();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(new Uint8Array(chunk)));
    socket.on('error', (error) => this.emitError(error));
    socket.once('close', (hadError) => {
      if (this.socket === socket) this.socket = null;
      this.onSocketClosed();
      this.emitClosed(hadError ? new Error(`${this.description}: socket error`) : null);
    });
    this.socket = socket;
  }

  private connect(): Promise<net.Socket> {
    const timeoutMs = this.options.connectTimeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      const fail = (error: Error): void => {
        socket.destroy();
        reject(error);
      };
      socket.setTimeout(timeoutMs, () => fail(new Error(`${this.description}: connect timed out after ${timeoutMs} ms`)));
      socket.once('error', fail);
      socket.once('connect', () => {
        socket.setTimeout(0);
        socket.off('error', fail);
        resolve(socket);
      });
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.isOpen) throw new Error(`${this.description} is not open`);
    const payload = this.encode(bytes);
    try {
      await new Promise<void>((resolve, reject) => socket.write(payload, (error) => (error ? reject(error) : resolve())));
    } catch (error) {
      socket.destroy(asError(error));
      throw error;
    }
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    await new Promise<void>((resolve) => {
      if (socket.destroyed) return resolve();
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  /** Bytes to send for one request frame (raw: unchanged). */
  protected encode(bytes: Uint8Array): Uint8Array {
    return bytes;
  }

  /** A received TCP chunk (raw: passed on as is). */
  protected receive(chunk: Uint8Array): void {
    this.emitData(chunk);
  }

  /** Hook for subclasses to reset their receive state. */
  protected onSocketClosed(): void {}
}
