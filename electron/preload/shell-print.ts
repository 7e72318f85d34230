/**
 * The preload's `window.halldeskShell`: printPdf only, sent on its own channel as `{ pdfBase64, options }`.
 * Like the contract functions, a closure over invoke: nothing of ipcRenderer is reachable from it.
 */
import { SHELL_PRINT_CHANNEL } from '../../shared/contract/shell-print-api';
import type { ShellApi, ShellPrintAnswer } from '../../shared/contract/shell-print-api';

type Invoke = (channel: string, payload: unknown) => Promise<unknown>;

export function createShellApi(invoke: Invoke): ShellApi {
  return {
    async printPdf(pdfBase64, options) {
      const answer = await invoke(SHELL_PRINT_CHANNEL, { pdfBase64, options: { silent: options.silent, deviceName: options.deviceName } });
      return answer as ShellPrintAnswer;
    },
  };
}
