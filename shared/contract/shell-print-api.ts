/**
 * The desktop shell's one non-contract service (issue 7 item 2): printing a slip PDF with Chromium, for
 * the printer settings' `dialog` mode and for slip kinds without a printer. It is exposed beside the
 * contract as `window.halldeskShell`, not inside `window.halldesk`, so that object stays exactly the
 * contract (one function per method, nothing else). Only types and constants: shared/ runs in both
 * processes. Browser mode has no shell: `window.halldeskShell` is undefined there.
 */

/** The property of `window` the preload fills in next to `halldesk`. */
export const SHELL_API_KEY = 'halldeskShell';
/** The IPC channel of printPdf; the ':' keeps it apart from every contract method name. */
export const SHELL_PRINT_CHANNEL = 'shell:printPdf';

export interface ShellPrintOptions {
  /** false: the system print dialog; true: straight to deviceName (or the default printer). */
  readonly silent: boolean;
  readonly deviceName: string | null;
}

export type ShellPrintAnswer = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface ShellApi {
  printPdf(pdfBase64: string, options: ShellPrintOptions): Promise<ShellPrintAnswer>;
}

declare global {
  interface Window {
    /** Set by the Electron preload; undefined in browser mode. */
    readonly halldeskShell?: ShellApi;
  }
}
