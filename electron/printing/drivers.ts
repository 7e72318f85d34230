/** A PrinterPort for a configured printer (printer-port.ts lists the drivers). */
import { createCupsDriver } from './cups-driver';
import { createSerialDriver, createTcpDriver, createUsbDriver } from './escpos-drivers';
import type { PrinterConfig, PrinterPort } from './printer-port';
import { simulatorFor } from './simulator';
import { createWindowsDriver } from './windows-driver';

export interface DriverEnv {
  /** CUPS server (host:port) for `lp -h`; unset = the system's. */
  readonly cupsServer?: string;
}

/** "/dev/ttyUSB0@115200" → path and speed; no suffix = 9600. */
function serial(target: string): PrinterPort {
  const match = /^(.*)@(\d{3,7})$/.exec(target);
  return match?.[1] ? createSerialDriver(match[1], Number(match[2])) : createSerialDriver(target, 9600);
}

export type PortFor = (config: PrinterConfig) => PrinterPort;

export function createPortFor(env: DriverEnv = {}): PortFor {
  return (config) => {
    switch (config.driver) {
      case 'cups': return createCupsDriver({ queue: config.target, ...(env.cupsServer ? { server: env.cupsServer } : {}) });
      case 'windows': return createWindowsDriver(config.target);
      case 'escposSerial': return serial(config.target);
      case 'escposTcp': return createTcpDriver(config.target);
      case 'escposUsb': return createUsbDriver(config.target);
      case 'simulator': return simulatorFor(config.target);
    }
  };
}
