/**
 * The Windows spooler, kept deliberately thin: it cannot be run on the Linux build machines, so it is
 * only its command line that is tested (windows-driver args in tests/slips/print-drivers.test.ts).
 * A PDF is written to a temporary file and handed to the shell's "PrintTo" verb of the registered PDF
 * handler (the same route pdf-to-printer takes with its bundled SumatraPDF), via PowerShell. Thermal
 * printers on Windows are driven raw over their COM / USB / TCP port (escpos drivers), not through here.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrintFault } from './printer-port';
import type { PrintDocument, PrinterPort } from './printer-port';
import { runCommand } from './run-command';

/** PowerShell single-quoted string: a quote is doubled. */
function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function windowsPrintArgs(file: string, printer: string): string[] {
  const script = `Start-Process -FilePath ${psQuote(file)} -Verb PrintTo -ArgumentList ${psQuote(`"${printer}"`)} -WindowStyle Hidden -Wait`;
  return ['-NoProfile', '-NonInteractive', '-Command', script];
}

export function createWindowsDriver(printer: string, timeoutMs = 60_000): PrinterPort {
  return {
    async send(doc: PrintDocument) {
      if (doc.contentType !== 'application/pdf') throw new PrintFault('unsupported', 'the Windows spooler driver prints PDF only');
      const dir = await mkdtemp(join(tmpdir(), 'halldesk-print-'));
      const file = join(dir, 'slip.pdf');
      try {
        await writeFile(file, doc.bytes);
        await runCommand('powershell.exe', windowsPrintArgs(file, printer), null, timeoutMs);
        return { reference: printer };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
