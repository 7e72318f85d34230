/**
 * Printing (issue 7 items 1–2): the printer of each slip kind (settings 'printers'), slips.print (print or
 * reprint), the queue and retries. A print request runs after its sale has committed and never touches
 * the sale: it records the job (what, where, the rendered bytes, reprint n) with its audit entry in one
 * transaction, then tries the printer outside it (print-queue.ts); a failure leaves the job failed and due.
 */
import { appendAudit } from '../db/repositories/audit-repository';
import { getSetting, setSetting } from '../db/repositories/settings-repository';
import { appendPrintEvent, insertPrintJob, latestEvents, printCount, recentJobs } from '../db/repositories/prints-repository';
import { advisoryXactLock } from '../db/repositories/locks';
import type { Db } from '../db/repositories/db';
import { DomainError } from '../domain/errors';
import { createPortFor } from '../printing/drivers';
import type { PortFor } from '../printing/drivers';
import { listCupsQueues } from '../printing/cups-driver';
import type { CustomerListInput } from '../slips/customer-list';
import { translatorCache } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import type { PrinterConfigView, PrinterSettingsView, PrintForm, PrintJobState, PrintResultView, SlipKind } from '../../shared/contract/print-views';
import { inTransaction, nowIso } from './deps';
import type { Actor, ServiceDeps } from './deps';
import { renderJob } from './print-documents';
import type { JobToRender } from './print-documents';
import { createPrintQueue, jobView } from './print-queue';

export const PRINTERS_SETTING = 'printers';
const NO_PRINTERS: PrinterSettingsView = { dialog: false, kinds: { payment: null, recharge: null, customerList: null } };

export type PrintRequest =
  | { readonly kind: 'payment' | 'recharge'; readonly saleId: number; readonly form?: PrintForm; readonly reprint?: boolean }
  | ({ readonly kind: 'customerList'; readonly form?: PrintForm } & CustomerListInput);

export interface PrintServiceOptions {
  readonly portFor?: PortFor;
  readonly resourcesDir?: string;
  /** CUPS server for lp/lpstat -h (tests: the scratch cupsd); unset = the system's. */
  readonly cupsServer?: string;
  readonly backoffMs?: readonly number[];
}

export async function readPrinterSettings(db: Db): Promise<PrinterSettingsView> {
  const raw = await getSetting(db, PRINTERS_SETTING);
  return raw ? { ...NO_PRINTERS, ...(JSON.parse(raw) as PrinterSettingsView) } : NO_PRINTERS;
}

/**
 * Where a request goes: its kind's printer, or the shell's dialog (the browser, in browser mode) for a PDF form
 * when the dialog is on or no printer is set for the kind. Either way the print is recorded, so the next one is
 * a numbered, audited copy (补打 n) — a hall without printers must not hand out a second original. A thermal
 * form always goes raw to its printer.
 */
function routeOf(settings: PrinterSettingsView, kind: SlipKind, form: PrintForm | undefined): { printer: PrinterConfigView | null; form: PrintForm } {
  const printer = settings.kinds[kind];
  const chosen = form ?? printer?.form ?? 'a4';
  if ((settings.dialog || !printer) && chosen !== 'thermal80') return { printer: null, form: chosen };
  if (!printer) throw new DomainError('print-no-printer', { kind });
  return { printer, form: chosen };
}

export function createPrintService(deps: ServiceDeps, options: PrintServiceOptions = {}) {
  const translator = translatorCache();
  const portFor = options.portFor ?? createPortFor(options.cupsServer ? { cupsServer: options.cupsServer } : {});
  const render = (db: Db, job: JobToRender) => renderJob(db, job, translator(job.language as Language), options);
  const queue = createPrintQueue(deps, portFor, (job) => render(deps.db, job), options.backoffMs);

  /** The reprint number a request gets: 0 first time; a second print must ask for a reprint. */
  async function reprintNoOf(trx: Db, request: PrintRequest): Promise<number> {
    if (request.kind === 'customerList') return 0;
    const count = await printCount(trx, request.saleId, request.kind);
    if (!request.reprint) {
      if (count.jobs > 0) {
        const sale = await trx.selectFrom('sales').select('receipt_no').where('id', '=', request.saleId).executeTakeFirst();
        throw new DomainError('print-already-printed', { receiptNo: sale?.receipt_no ?? String(request.saleId) });
      }
      return 0;
    }
    return count.maxReprint + 1;
  }

  async function record(actor: Actor, request: PrintRequest, language: Language) {
    const settings = await readPrinterSettings(deps.db);
    const route = routeOf(settings, request.kind, request.form);
    // Numbering, rendering and recording in one transaction: two counters asking at once get 补打 1 and 补打 2.
    return inTransaction(deps, async (trx) => {
      // A slip's first print and its reprint numbers are counted, then taken: one counter at a time per sale.
      if (request.kind !== 'customerList') await advisoryXactLock(trx, `print:sale:${request.saleId}`);
      const reprintNo = await reprintNoOf(trx, request);
      const at = nowIso(deps);
      const job: JobToRender = {
        kind: request.kind, form: route.form, sale_id: request.kind === 'customerList' ? null : request.saleId, reprint_no: reprintNo, language,
        request: JSON.stringify(request.kind === 'customerList' ? { title: request.title, rows: request.rows } : {}), requested_by: actor.userId, created_at: at,
      };
      // Rendered before anything is written: a request that cannot render records nothing.
      const doc = await render(trx, job);
      const jobId = await insertPrintJob(trx, {
        ...job, receipt_no: doc.receiptNo, driver: route.printer?.driver ?? 'dialog', target: route.printer?.target ?? '', title: doc.title,
      });
      await appendPrintEvent(trx, route.printer
        ? { jobId, state: 'queued', attempt: 0, at, detail: {} }
        : { jobId, state: 'sent', attempt: 1, at, detail: { via: 'dialog' } });
      await appendAudit(trx, {
        at, userId: actor.userId, action: reprintNo > 0 ? 'print.reprint' : 'print.request', entity: 'print_job', entityId: jobId,
        after: { kind: request.kind, form: route.form, receiptNo: doc.receiptNo, reprintNo, driver: route.printer?.driver ?? 'dialog', target: route.printer?.target ?? '' },
      });
      return { jobId, doc, reprintNo, route };
    });
  }

  return {
    queue,
    async settings(): Promise<PrinterSettingsView> {
      return readPrinterSettings(deps.db);
    },
    async setSettings(actor: Actor, next: PrinterSettingsView): Promise<PrinterSettingsView> {
      return inTransaction(deps, async (trx) => {
        const before = await readPrinterSettings(trx);
        await setSetting(trx, PRINTERS_SETTING, JSON.stringify(next));
        await appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'printers.setSettings', entity: 'setting', entityId: PRINTERS_SETTING, before, after: next });
        return next;
      });
    },
    async listQueues() {
      try {
        return await listCupsQueues(options.cupsServer);
      } catch {
        // No CUPS here (Windows, or no scheduler running): there is simply nothing to list.
        return [];
      }
    },
    /** Prints a slip; the job's state says whether it reached the printer (a failure is not an error here). */
    async print(actor: Actor, request: PrintRequest, language: Language): Promise<PrintResultView> {
      const { jobId, doc, reprintNo, route } = await record(actor, request, language);
      if (!route.printer) {
        return {
          mode: 'dialog', receiptNo: doc.receiptNo, reprintNo, form: route.form, fileName: `${doc.receiptNo ?? `list-${jobId}`}-${route.form}.pdf`,
          pdfBase64: doc.bytes.toString('base64'), deviceName: (await readPrinterSettings(deps.db)).kinds[request.kind]?.target ?? null,
        };
      }
      return { mode: 'queued', job: await queue.attempt(jobId, doc) };
    },
    async list(filter: { state?: PrintJobState; limit?: number }) {
      const jobs = await recentJobs(deps.db, filter.state ? 500 : (filter.limit ?? 100));
      const latest = await latestEvents(deps.db, jobs.map((j) => Number(j.id)));
      const views = jobs.map((j) => jobView(j, latest.get(Number(j.id))));
      return (filter.state ? views.filter((v) => v.state === filter.state) : views).slice(0, filter.limit ?? 100);
    },
    /** Tries a job now, whatever its backoff says; a printed job is refused. */
    async retry(actor: Actor, jobId: number) {
      const current = await queue.view(jobId);
      if (current.state === 'printed' || current.driver === 'dialog') throw new DomainError('print-job-done', { jobId });
      await inTransaction(deps, (trx) => appendAudit(trx, { at: nowIso(deps), userId: actor.userId, action: 'print.retry', entity: 'print_job', entityId: jobId }));
      return queue.attempt(jobId);
    },
  };
}

export type PrintService = ReturnType<typeof createPrintService>;
