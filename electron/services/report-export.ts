/**
 * A report export as one self-contained job: the book built from the database and written as xlsx, csv or pdf.
 * Everything it needs from the session (the language, today's business date, the PDF's header) comes in the
 * job, so the same function runs on the backend's thread or in the database worker (db-worker/host.ts), which
 * has only a read-only connection of its own.
 */
import { translatorCache } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
import type { Db } from '../db/repositories/db';
import { dayClose } from '../reports/day-close';
import { monthly } from '../reports/monthly';
import { tierSummary } from '../reports/tiers';
import { cardOpsReport, controlJobsReport, reversalsReport } from '../reports/lists';
import { paymentRecord } from '../reports/payment-record';
import { cardOpsBook, controlJobsBook, dayCloseBook, monthlyBook, reversalsBook, shiftBook, tierBook } from '../reports/books';
import { pendingDepositsBook, voucherBook } from '../reports/register-books';
import type { ReportBook } from '../reports/report-book';
import { writeCsv } from '../reports/export-csv';
import { writePdf } from '../reports/export-pdf';
import { writeXlsx } from '../reports/export-xlsx';
import { pendingDeposits } from './deposits-service';
import { findVouchers } from './vouchers-service';
import { shiftReport } from './shifts-service';
import type { ContractInput } from '../../shared/contract/methods';
import type { ExportFileView, ExportFormat } from '../../shared/contract/report-views';

export type Progress = (done: number, total: number) => void;

/** The PDF's printed-by line and hall name, looked up by the caller. */
export interface PdfHeader {
  readonly hallName: string | null;
  readonly printedAt: string;
  readonly printedBy: string;
}
type PaymentRecordInput = ContractInput<'reports.monthlyPaymentRecord'>;

export interface ExportJob {
  /** A report of reports.export, or the monthly payment record. */
  readonly input: ContractInput<'reports.export'> | (PaymentRecordInput & { readonly report: 'paymentRecord' });
  readonly language: Language;
  /** The business date the registers are "as of" (vouchers, pending deposits). */
  readonly today: string;
  readonly pdfHeader: PdfHeader;
}

const MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8', pdf: 'application/pdf',
};

const translator = translatorCache();
const tFor = (language: Language) => translator(language).getFixedT(language, 'slips');

async function book(db: Db, job: ExportJob, progress?: Progress): Promise<ReportBook> {
  const { input } = job;
  const t = tFor(job.language);
  switch (input.report) {
    case 'paymentRecord': return paymentRecord(db, input.month, progress);
    case 'dayClose': return dayCloseBook(await dayClose(db, input.params.date), t);
    case 'shift': return shiftBook(await shiftReport(db, input.params.shiftId), t);
    case 'monthly': return monthlyBook(await monthly(db, input.params.month, input.params.by, progress), t);
    case 'tiers': return tierBook(await tierSummary(db, input.params.period, progress), t);
    case 'reversals': return reversalsBook(await reversalsReport(db, input.params.from, input.params.to), t);
    case 'cardOps': return cardOpsBook(await cardOpsReport(db, input.params.from, input.params.to), t);
    case 'controlJobs': return controlJobsBook(await controlJobsReport(db, input.params.from, input.params.to), t);
    case 'vouchers': return voucherBook(await findVouchers(db, { limit: 500 }), t, job.today);
    case 'pendingDeposits': return pendingDepositsBook(await pendingDeposits(db, job.today), t);
  }
}

async function write(b: ReportBook, job: ExportJob): Promise<Buffer> {
  const format = job.input.format;
  if (format === 'xlsx') return writeXlsx(b);
  if (format === 'csv') return writeCsv(b);
  return writePdf(b, job.pdfHeader, tFor(job.language));
}

/** Builds and writes the export. */
export async function runExport(db: Db, job: ExportJob, progress?: Progress): Promise<ExportFileView> {
  const b = await book(db, job, progress);
  const data = await write(b, job);
  const rows = b.sheets.reduce((n, s) => n + s.rows.length, 0);
  const format = job.input.format;
  return { fileName: `${b.fileBase}.${format}`, mime: MIME[format], base64: data.toString('base64'), bytes: data.length, rows };
}
