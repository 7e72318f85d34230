/**
 * A simulated printer with named faults, for tests and for trying the queue without paper:
 *  - 'ok': prints (keeps the documents in `printed`);
 *  - 'offline': every send fails (printer off, cable out);
 *  - 'paper-out': fails like a thermal printer reporting its paper sensor;
 *  - 'jam-once': fails the first send, then prints (a retry clears it);
 *  - 'slow': takes longer than the timeout it is given.
 * A simulator's target is "name" or "name:fault"; simulators live per target for the process, so a test
 * can look at what one printed.
 */
import { PrintFault, withTimeout } from './printer-port';
import type { PrintDocument, PrinterPort } from './printer-port';

export const SIMULATOR_FAULTS = ['ok', 'offline', 'paper-out', 'jam-once', 'slow'] as const;
export type SimulatorFault = (typeof SIMULATOR_FAULTS)[number];

export interface SimulatedPrinter extends PrinterPort {
  readonly printed: PrintDocument[];
  fault: SimulatorFault;
  attempts: number;
}

export function createSimulatedPrinter(fault: SimulatorFault = 'ok', timeoutMs = 1_000): SimulatedPrinter {
  const printer: SimulatedPrinter = {
    printed: [], fault, attempts: 0,
    async send(doc) {
      printer.attempts += 1;
      if (printer.fault === 'offline') throw new PrintFault('offline', 'simulated printer is offline');
      if (printer.fault === 'paper-out') throw new PrintFault('paper-out', 'simulated printer is out of paper');
      if (printer.fault === 'jam-once') {
        printer.fault = 'ok';
        throw new PrintFault('jam', 'simulated paper jam');
      }
      if (printer.fault === 'slow') await withTimeout(new Promise((r) => setTimeout(r, timeoutMs * 2)), timeoutMs, 'simulated printer');
      printer.printed.push(doc);
      return { reference: `sim-${printer.printed.length}` };
    },
  };
  return printer;
}

const simulators = new Map<string, SimulatedPrinter>();

/** The process's simulator for `target` ("name" or "name:fault"), made on first use. */
export function simulatorFor(target: string): SimulatedPrinter {
  const existing = simulators.get(target);
  if (existing) return existing;
  const fault = target.split(':')[1] ?? 'ok';
  const made = createSimulatedPrinter((SIMULATOR_FAULTS as readonly string[]).includes(fault) ? (fault as SimulatorFault) : 'ok');
  simulators.set(target, made);
  return made;
}
