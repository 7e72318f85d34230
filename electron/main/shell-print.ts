/**
 * The desktop shell's own printing (issue 7 item 2): when the printer settings say `dialog`, slips.print
 * answers the PDF instead of queueing it, and the shell prints it with Chromium — silently to the named
 * printer, or with the system print dialog. This is the one call into Electron for that,
 * webContents.print, kept thin and typed structurally so it is tested with a stand-in (Electron itself
 * cannot run on the build machines). The caller loads the PDF into a hidden window first.
 */

/** The part of Electron's WebContents this needs. */
export interface PrintableContents {
  print(
    options: { silent: boolean; printBackground: boolean; deviceName?: string },
    callback: (success: boolean, failureReason: string) => void,
  ): void;
}

export type ShellPrintResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Prints what `contents` shows; `silent` needs a deviceName or prints to the system default. */
export function printWithShell(contents: PrintableContents, options: { silent: boolean; deviceName: string | null }): Promise<ShellPrintResult> {
  return new Promise((resolve) => {
    contents.print(
      { silent: options.silent, printBackground: true, ...(options.deviceName ? { deviceName: options.deviceName } : {}) },
      (success, failureReason) => resolve(success ? { ok: true } : { ok: false, reason: failureReason || 'cancelled' }),
    );
  });
}
