/**
 * Raw ESC/POS to a thermal printer: over a serial port (serialport; a socat PTY in the tests), TCP 9100
 * (a network printer or print server's raw port), or a USB printer-class device path (/dev/usb/lp0 on
 * Linux: the usblp driver makes it a plain write-only file). Each send opens, writes everything, drains
 * and closes: a printer switched off between slips is then found at the next slip, not by a dead handle.
 */
import { open } from 'node:fs/promises';
import { connect } from 'node:net';
import { SerialPort } from 'serialport';
import { PrintFault, withTimeout } from './printer-port';
import type { PrintDocument, PrinterPort, PrintReceipt } from './printer-port';

const TIMEOUT_MS = 15_000;

function escposOnly(doc: PrintDocument): void {
  if (doc.contentType !== 'application/vnd.escpos') throw new PrintFault('unsupported', 'a raw thermal printer takes ESC/POS (form thermal80) only');
}

function serialWrite(path: string, baudRate: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    const fail = (e: Error | null | undefined) => {
      if (port.isOpen) port.close(() => undefined);
      reject(new PrintFault('offline', `${path}: ${e?.message ?? 'error'}`));
    };
    port.open((e) => {
      if (e) return fail(e);
      port.write(bytes, (we) => {
        if (we) return fail(we);
        port.drain((de) => (de ? fail(de) : port.close(() => resolve())));
      });
    });
  });
}

export function createSerialDriver(path: string, baudRate = 9600, timeoutMs = TIMEOUT_MS): PrinterPort {
  return {
    async send(doc): Promise<PrintReceipt> {
      escposOnly(doc);
      await withTimeout(serialWrite(path, baudRate, doc.bytes), timeoutMs, path);
      return { reference: `${doc.bytes.length} bytes to ${path}` };
    },
  };
}

/** "host:port" or "host" (port 9100, the raw printing port). */
export function parseHostPort(target: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(target.trim());
  if (!match?.[1]) throw new PrintFault('config', `not a host:port: ${target}`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 9100 };
}

function tcpWrite(target: string, bytes: Buffer): Promise<void> {
  const { host, port } = parseHostPort(target);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.on('error', (e) => {
      socket.destroy();
      reject(new PrintFault('offline', `${target}: ${e.message}`));
    });
    socket.on('connect', () => socket.end(bytes));
    socket.on('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
}

export function createTcpDriver(target: string, timeoutMs = TIMEOUT_MS): PrinterPort {
  return {
    async send(doc) {
      escposOnly(doc);
      await withTimeout(tcpWrite(target, doc.bytes), timeoutMs, target);
      return { reference: `${doc.bytes.length} bytes to ${target}` };
    },
  };
}

export function createUsbDriver(devicePath: string, timeoutMs = TIMEOUT_MS): PrinterPort {
  return {
    async send(doc) {
      escposOnly(doc);
      const write = async () => {
        const handle = await open(devicePath, 'w').catch((e: Error) => { throw new PrintFault('offline', `${devicePath}: ${e.message}`); });
        try {
          await handle.write(doc.bytes);
        } finally {
          await handle.close();
        }
      };
      await withTimeout(write(), timeoutMs, devicePath);
      return { reference: `${doc.bytes.length} bytes to ${devicePath}` };
    },
  };
}
