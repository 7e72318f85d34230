/**
 * The printer port: one interface for every way a document reaches paper (issue 7 item 2). The print
 * queue (electron/services/print-queue.ts) only ever calls `send`; a driver that throws leaves the job
 * failed and due for a retry, never anything else.
 *
 *  - cups: `lp -d QUEUE` (Linux, macOS), PDF or raw ESC/POS.
 *  - windows: the Windows spooler (thin and untested here: windows-driver.ts).
 *  - escposSerial / escposTcp / escposUsb: raw ESC/POS to a thermal printer on a serial port, on TCP 9100
 *    (a network printer or print server), or on a USB printer-class device path (/dev/usb/lp0).
 *  - simulator: an in-process printer with named faults, for tests and demonstrations.
 */
import type { ContentType, PrintForm } from '../slips/slip-kinds';

import type { PrinterDriver } from '../../shared/contract/print-views';

export { PRINTER_DRIVERS } from '../../shared/contract/print-views';
export type { PrinterDriver } from '../../shared/contract/print-views';

/** Where one slip kind prints. `target`: the CUPS queue, Windows printer name, serial path ("/dev/ttyUSB0" or "/dev/ttyUSB0@115200"; 9600 is the thermal printers' factory speed), host:port, device path or simulator name. */
export interface PrinterConfig {
  readonly driver: PrinterDriver;
  readonly target: string;
  readonly form: PrintForm;
}

export interface PrintDocument {
  readonly title: string;
  readonly contentType: ContentType;
  readonly bytes: Buffer;
}

export interface PrintReceipt {
  /** What the spooler or device answered (a CUPS request id, a byte count ...). */
  readonly reference: string;
}

export interface PrinterPort {
  send(doc: PrintDocument): Promise<PrintReceipt>;
}

/** A refusal by the printer path, with a short code the queue records (offline, paper-out, timeout ...). */
export class PrintFault extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'PrintFault';
  }
}

/** Rejects with a 'timeout' fault when `work` takes longer than `ms`. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PrintFault('timeout', `${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
