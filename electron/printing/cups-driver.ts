/**
 * CUPS (Linux, macOS): `lp -d QUEUE -t TITLE` with the document on standard input; ESC/POS goes with
 * `-o raw` so no filter touches the bytes. `server` (host:port) is passed as `-h` — the tests' scratch
 * cupsd on loopback; unset, lp asks the system's scheduler (or CUPS_SERVER). The queue list comes from
 * `lpstat -e` (every destination name, one a line).
 */
import { runCommand } from './run-command';
import type { PrintDocument, PrinterPort, PrintReceipt } from './printer-port';

export interface CupsOptions {
  readonly queue: string;
  readonly server?: string;
  readonly timeoutMs?: number;
}

function serverArgs(server: string | undefined): string[] {
  return server ? ['-h', server] : [];
}

export function lpArgs(options: CupsOptions, doc: PrintDocument): string[] {
  const raw = doc.contentType === 'application/vnd.escpos' ? ['-o', 'raw'] : [];
  return [...serverArgs(options.server), '-d', options.queue, '-t', doc.title, ...raw];
}

export function createCupsDriver(options: CupsOptions): PrinterPort {
  return {
    async send(doc: PrintDocument): Promise<PrintReceipt> {
      const { stdout } = await runCommand('lp', lpArgs(options, doc), doc.bytes, options.timeoutMs ?? 20_000);
      // "request id is slips-12 (1 file(s))"
      const id = /request id is (\S+)/.exec(stdout)?.[1];
      return { reference: id ?? stdout.trim() };
    },
  };
}

/** The CUPS destinations this machine can print to, with the default marked. */
export async function listCupsQueues(server?: string, timeoutMs = 10_000): Promise<{ name: string; isDefault: boolean }[]> {
  const { stdout } = await runCommand('lpstat', [...serverArgs(server), '-e'], null, timeoutMs);
  let fallback = '';
  try {
    fallback = (await runCommand('lpstat', [...serverArgs(server), '-d'], null, timeoutMs)).stdout;
  } catch {
    // No default destination is not an error.
  }
  const defaultName = /:\s*(\S+)\s*$/.exec(fallback.trim())?.[1] ?? null;
  return stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '').map((name) => ({ name, isDefault: name === defaultName }));
}
