/**
 * The print queue (issue 7 item 2): a job is tried right after it is queued, and again after a failure
 * with backoff, until it prints or a person gives up on it (a reprint then makes a new job). Each attempt
 * records 'sent' before the printer is touched and 'printed' or 'failed' after, each in its own short
 * transaction; the printer is never called inside a transaction, so a hung printer holds no lock, and no
 * sale ever waits for paper.
 */
import { appendPrintEvent, dueJobIds, findPrintJob, latestEvents } from '../db/repositories/prints-repository';
import type { JobStateRow, PrintJobRow } from '../db/repositories/prints-repository';
import { PrintFault } from '../printing/printer-port';
import type { PrinterConfig } from '../printing/printer-port';
import type { PortFor } from '../printing/drivers';
import type { PrintDocument } from '../printing/printer-port';
import type { PrinterDriver, PrintForm, PrintJobView, SlipKind } from '../../shared/contract/print-views';
import { found, inTransaction, nowIso } from './deps';
import type { ServiceDeps } from './deps';

/** Waits after the 1st, 2nd, ... failure: a paper change takes a minute, a printer repair an hour. */
export const BACKOFF_MS = [15_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;

export function backoffAfter(attempt: number, schedule: readonly number[] = BACKOFF_MS): number {
  return schedule[Math.min(Math.max(attempt, 1), schedule.length) - 1] ?? 60_000;
}

export function jobView(job: PrintJobRow, latest: JobStateRow | undefined): PrintJobView {
  const failed = latest?.state === 'failed' ? (JSON.parse(latest.detail) as { code?: string; message?: string }) : null;
  return {
    jobId: Number(job.id), kind: job.kind as SlipKind, form: job.form as PrintForm, saleId: job.sale_id === null ? null : Number(job.sale_id),
    receiptNo: job.receipt_no, reprintNo: Number(job.reprint_no), driver: job.driver as PrinterDriver | 'dialog', target: job.target,
    state: latest?.state ?? 'queued', attempts: latest?.attempt ?? 0,
    error: failed ? { code: failed.code ?? 'error', message: failed.message ?? '' } : null,
    nextAttemptAt: latest?.nextAttemptAt ?? null, createdAt: job.created_at, updatedAt: latest?.at ?? job.created_at,
  };
}

function configOf(job: PrintJobRow): PrinterConfig {
  return { driver: job.driver as PrinterDriver, target: job.target, form: job.form as PrintForm };
}

function faultOf(error: unknown): { code: string; message: string } {
  if (error instanceof PrintFault) return { code: error.code, message: error.message };
  return { code: 'error', message: error instanceof Error ? error.message : String(error) };
}

/** Renders a job's document (print-service.ts, through print-documents.ts renderJob). */
export type RenderFor = (job: PrintJobRow) => Promise<PrintDocument>;

export function createPrintQueue(deps: ServiceDeps, portFor: PortFor, render: RenderFor, schedule: readonly number[] = BACKOFF_MS) {
  async function view(jobId: number): Promise<PrintJobView> {
    const job = found(await findPrintJob(deps.db, jobId), 'print job');
    return jobView(job, (await latestEvents(deps.db, [jobId])).get(jobId));
  }

  /** One attempt at a job (with its document when just rendered); answers its view. A printed job is left alone. */
  async function attempt(jobId: number, rendered?: PrintDocument): Promise<PrintJobView> {
    const job = found(await findPrintJob(deps.db, jobId), 'print job');
    const latest = (await latestEvents(deps.db, [jobId])).get(jobId);
    if (latest?.state === 'printed' || job.driver === 'dialog') return jobView(job, latest);
    const number = (latest?.attempt ?? 0) + 1;
    await inTransaction(deps, (trx) => appendPrintEvent(trx, { jobId, state: 'sent', attempt: number, at: nowIso(deps), detail: {} }));
    try {
      // Rendering is inside the try: a job whose sale can no longer render is a failed job, not a crash.
      const receipt = await portFor(configOf(job)).send(rendered ?? await render(job));
      await inTransaction(deps, (trx) => appendPrintEvent(trx, { jobId, state: 'printed', attempt: number, at: nowIso(deps), detail: { reference: receipt.reference } }));
    } catch (error) {
      const at = deps.clock.now();
      const next = new Date(at.getTime() + backoffAfter(number, schedule)).toISOString();
      await inTransaction(deps, (trx) => appendPrintEvent(trx, { jobId, state: 'failed', attempt: number, at: at.toISOString(), detail: faultOf(error), nextAttemptAt: next }));
    }
    return view(jobId);
  }

  /** Tries every job that is queued, or failed and due again; answers how many printed. */
  async function runDue(): Promise<{ tried: number; printed: number }> {
    const ids = await dueJobIds(deps.db, nowIso(deps));
    let printed = 0;
    for (const id of ids) if ((await attempt(id)).state === 'printed') printed += 1;
    return { tried: ids.length, printed };
  }

  /**
   * Runs runDue every `intervalMs` until the returned stop is called (the composition root starts it with
   * the backend). A run never overlaps the previous one; a failure is already recorded on its job.
   */
  function startRetries(intervalMs = 15_000): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      runDue().catch(() => undefined).finally(() => { running = false; });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  return { attempt, view, runDue, startRetries };
}

export type PrintQueue = ReturnType<typeof createPrintQueue>;
