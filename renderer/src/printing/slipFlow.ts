/**
 * Printing a sale's payment slip from the counter (issue 7 item 2), without React so it can be tested
 * step by step. slips.print records the job and tries the configured printer at once; when the settings
 * say `dialog`, or no printer is set for payment slips, it answers the PDF instead (recorded all the same, so
 * the next press is a numbered copy), which the desktop shell prints through the system dialog and browser
 * mode opens for the browser to print.
 */
import type { ApiClient } from '../api/client';
import type { ShellApi } from '../../../shared/contract/shell-print-api';
import type { PrintJobView } from '../../../shared/contract/print-views';

/** What one press of Print (or Reprint) came to. `recorded`: a print job exists, so the next print is a reprint. */
export type PrintStep =
  | { readonly kind: 'job'; readonly job: PrintJobView }
  | { readonly kind: 'shell'; readonly reprintNo: number; readonly recorded: boolean }
  | { readonly kind: 'opened'; readonly reprintNo: number; readonly recorded: boolean }
  | { readonly kind: 'shellFailed'; readonly reason: string; readonly recorded: boolean }
  | { readonly kind: 'error'; readonly message: string; readonly alreadyPrinted: boolean };

export interface SlipFlowDeps {
  readonly client: ApiClient;
  readonly shell: ShellApi | null;
  /** Browser mode: show the PDF (new window or in-page preview). */
  open(pdfBase64: string, receiptNo: string): void;
}

interface Document {
  readonly pdfBase64: string;
  readonly receiptNo: string;
  readonly reprintNo: number;
  readonly deviceName: string | null;
  readonly recorded: boolean;
}

/** The desktop shell prints it with the system dialog; browser mode opens it. */
async function handOver(deps: SlipFlowDeps, doc: Document): Promise<PrintStep> {
  if (!deps.shell) {
    deps.open(doc.pdfBase64, doc.receiptNo);
    return { kind: 'opened', reprintNo: doc.reprintNo, recorded: doc.recorded };
  }
  const answer = await deps.shell.printPdf(doc.pdfBase64, { silent: false, deviceName: doc.deviceName });
  return answer.ok
    ? { kind: 'shell', reprintNo: doc.reprintNo, recorded: doc.recorded }
    : { kind: 'shellFailed', reason: answer.reason, recorded: doc.recorded };
}

/** Print (reprint: false) or reprint ("COPY / 补打 n") the payment slip of a sale. */
export async function printPaymentSlip(deps: SlipFlowDeps, saleId: number, reprint: boolean): Promise<PrintStep> {
  const answer = await deps.client.call('slips.print', reprint ? { kind: 'payment', saleId, reprint: true } : { kind: 'payment', saleId });
  if (answer.ok) {
    const result = answer.value;
    if (result.mode === 'queued') return { kind: 'job', job: result.job };
    return handOver(deps, { pdfBase64: result.pdfBase64, receiptNo: result.receiptNo ?? '', reprintNo: result.reprintNo, deviceName: result.deviceName, recorded: true });
  }
  return { kind: 'error', message: answer.error.message, alreadyPrinted: answer.error.code === 'print-already-printed' };
}

/** Tries a failed or waiting job again now (prints.retry). */
export async function retryJob(client: ApiClient, jobId: number): Promise<PrintStep> {
  const answer = await client.call('prints.retry', { jobId });
  return answer.ok ? { kind: 'job', job: answer.value } : { kind: 'error', message: answer.error.message, alreadyPrinted: false };
}

/** Whether a step left a print job behind (the next press reprints), and whether that job still waits for the printer. */
export function jobOf(step: PrintStep | null): { recorded: boolean; pending: PrintJobView | null } {
  if (!step) return { recorded: false, pending: null };
  if (step.kind === 'job') return { recorded: true, pending: step.job.state === 'printed' ? null : step.job };
  if (step.kind === 'error') return { recorded: step.alreadyPrinted, pending: null };
  return { recorded: step.recorded, pending: null };
}
