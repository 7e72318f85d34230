/**
 * The desktop shell's printPdf (`window.halldeskShell`, electron/preload/shell-print.ts), or null in browser
 * mode, where a slip PDF opens in a new window for the browser to print instead.
 */
import type { ShellApi } from '../../../shared/contract/shell-print-api';

export function desktopShell(win: unknown): ShellApi | null {
  const shell = (win as { halldeskShell?: ShellApi } | null)?.halldeskShell;
  return shell && typeof shell.printPdf === 'function' ? shell : null;
}
