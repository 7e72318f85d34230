import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { ShellApi } from '../../../shared/contract/shell-print-api';
import type { PrintJobView } from '../../../shared/contract/print-views';
import { desktopShell } from '../printing/shell';
import { printPaymentSlip, retryJob } from '../printing/slipFlow';
import type { PrintStep } from '../printing/slipFlow';
import { pdfBlobUrl } from './slip';

/** What F9 (the print button) does next: print, try the waiting job again, or reprint as "COPY / 补打 n". */
export type SlipAction = 'print' | 'retry' | 'reprint';

/** A job the printer has not printed yet is looked at again this often, so the counter sees a background retry land. */
const PENDING_POLL_MS = 5_000;

/** Browser mode: the PDF in a new window through a blob: URL, or where a new window is refused, in a preview. */
function usePdfOpener() {
  const [preview, setPreview] = useState<{ url: string; receiptNo: string } | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);
  const open = useCallback((pdfBase64: string, receiptNo: string) => {
    const url = pdfBlobUrl(pdfBase64);
    urls.current.push(url);
    if (!window.open(url, '_blank')) setPreview({ url, receiptNo });
  }, []);
  return { preview, setPreview, open };
}

/** While the sale's job waits for the printer (failed, queued), follow it in the queue. */
function useFollowJob(client: ApiClient, pending: PrintJobView | null, onJob: (job: PrintJobView) => void) {
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setInterval(() => {
      void client.call('prints.queue', { limit: 100 }).then((answer) => {
        const job = answer.ok ? answer.value.find((j) => j.jobId === pending.jobId) : undefined;
        if (job && (job.state !== pending.state || job.attempts !== pending.attempts)) onJob(job);
      });
    }, PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [client, pending, onJob]);
}

/** Where the last press went, whether a job now exists for the sale (the next press reprints) and which job still waits. */
function usePrintState(client: ApiClient) {
  const [step, setStep] = useState<PrintStep | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Sticky for the sale: once a job is recorded, the next print is a reprint.
  const [recorded, setRecorded] = useState(false);
  const [pending, setPending] = useState<PrintJobView | null>(null);
  const show = useCallback((next: PrintStep) => {
    setStep(next);
    setError(next.kind === 'error' ? next.message : null);
    if (next.kind === 'job') setPending(next.job.state === 'printed' ? null : next.job);
    if (next.kind === 'job' || ('recorded' in next && next.recorded) || (next.kind === 'error' && next.alreadyPrinted)) setRecorded(true);
  }, []);
  const onJob = useCallback((job: PrintJobView) => show({ kind: 'job', job }), [show]);
  useFollowJob(client, pending, onJob);
  const clear = useCallback(() => {
    setStep(null);
    setError(null);
    setRecorded(false);
    setPending(null);
  }, []);
  const action: SlipAction = pending ? 'retry' : recorded ? 'reprint' : 'print';
  return { step, error, setError, pending, action, show, clear };
}

/**
 * The payment slip of the sale just made (issue 7 item 2; printing/slipFlow.ts): F9 prints it on the
 * configured printer (the job is queued and tried at once), tries a failed job again, or — once printed —
 * reprints it as "COPY / 补打 n". In dialog mode, or with no printer set, the desktop app prints the PDF
 * through the system dialog and browser mode opens it as before.
 */
export function useSlip(client: ApiClient, shell: ShellApi | null = desktopShell(window)) {
  const [busy, setBusy] = useState(false);
  const state = usePrintState(client);
  const { preview, setPreview, open } = usePdfOpener();
  const { pending, show, setError, clear } = state;

  const run = useCallback(async (saleId: number, what: SlipAction) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const next = what === 'retry' && pending ? await retryJob(client, pending.jobId) : await printPaymentSlip({ client, shell, open }, saleId, what === 'reprint');
    setBusy(false);
    show(next);
  }, [busy, client, shell, open, pending, show, setError]);

  const reset = useCallback(() => {
    setPreview(null);
    clear();
  }, [setPreview, clear]);

  return {
    busy, error: state.error, preview, step: state.step, action: state.action,
    /** F9: whatever `action` says. */
    print: (saleId: number) => run(saleId, state.action),
    reprint: (saleId: number) => run(saleId, 'reprint'),
    closePreview: () => setPreview(null),
    reset,
  };
}

export type SlipModel = ReturnType<typeof useSlip>;
