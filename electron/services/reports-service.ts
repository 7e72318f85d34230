/**
 * Reports (issue 7 items 3–4): the on-screen views and their exports. Read-only — no audit entry, no row
 * written — so a report can be run any time without touching the ledger it summarises.
 */
import { businessDate } from '../domain/time/business-time';
import { getSetting } from '../db/repositories/settings-repository';
import { findUser } from '../db/repositories/users-repository';
import { translatorCache } from '../../shared/i18n';
import type { Language } from '../../shared/i18n';
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
import { HALL_NAME_SETTING } from './slips-service';
import { findVouchers } from './vouchers-service';
import { shiftReport } from './shifts-service';
import { found } from './deps';
import type { Actor, ServiceDeps } from './deps';
import type { ContractInput } from '../../shared/contract/methods';
import type { ExportFileView, ExportFormat } from '../../shared/contract/report-views';

export type Progress = (done: number, total: number) => void;
type ExportInput = ContractInput<'reports.export'>;

const MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8', pdf: 'application/pdf',
};

export function createReportsService(deps: ServiceDeps) {
  const translator = translatorCache();
  const tFor = (language: Language) => translator(language).getFixedT(language, 'slips');
  const today = () => businessDate(deps.clock.now());

  async function book(input: ExportInput, language: Language, progress?: Progress): Promise<ReportBook> {
    const t = tFor(language);
    switch (input.report) {
      case 'dayClose': return dayCloseBook(await dayClose(deps.db, input.params.date), t);
      case 'shift': return shiftBook(await shiftReport(deps.db, input.params.shiftId), t);
      case 'monthly': return monthlyBook(await monthly(deps.db, input.params.month, input.params.by, progress), t);
      case 'tiers': return tierBook(await tierSummary(deps.db, input.params.period, progress), t);
      case 'reversals': return reversalsBook(await reversalsReport(deps.db, input.params.from, input.params.to), t);
      case 'cardOps': return cardOpsBook(await cardOpsReport(deps.db, input.params.from, input.params.to), t);
      case 'controlJobs': return controlJobsBook(await controlJobsReport(deps.db, input.params.from, input.params.to), t);
      case 'vouchers': return voucherBook(await findVouchers(deps.db, { limit: 500 }), t, today());
      case 'pendingDeposits': return pendingDepositsBook(await pendingDeposits(deps.db, today()), t);
    }
  }

  async function write(b: ReportBook, format: ExportFormat, actor: Actor, language: Language): Promise<ExportFileView> {
    let data: Buffer;
    if (format === 'xlsx') data = await writeXlsx(b);
    else if (format === 'csv') data = writeCsv(b);
    else {
      const header = {
        hallName: (await getSetting(deps.db, HALL_NAME_SETTING)) ?? null, printedAt: deps.clock.now().toISOString(),
        printedBy: found(await findUser(deps.db, actor.userId), 'user').display_name,
      };
      data = await writePdf(b, header, tFor(language));
    }
    const rows = b.sheets.reduce((n, s) => n + s.rows.length, 0);
    return { fileName: `${b.fileBase}.${format}`, mime: MIME[format], base64: data.toString('base64'), bytes: data.length, rows };
  }

  return {
    dayClose: (date: string) => dayClose(deps.db, date),
    monthly: (i: ContractInput<'reports.monthly'>, progress?: Progress) => monthly(deps.db, i.month, i.by, progress),
    tiers: (period: string, progress?: Progress) => tierSummary(deps.db, period, progress),
    reversals: (i: ContractInput<'reports.reversals'>) => reversalsReport(deps.db, i.from, i.to),
    cardOps: (i: ContractInput<'reports.cardOps'>) => cardOpsReport(deps.db, i.from, i.to),
    controlJobs: (i: ContractInput<'reports.controlJobs'>) => controlJobsReport(deps.db, i.from, i.to),
    async export(actor: Actor, input: ExportInput, language: Language, progress?: Progress): Promise<ExportFileView> {
      return write(await book(input, language, progress), input.format, actor, language);
    },
    async paymentRecord(actor: Actor, i: ContractInput<'reports.monthlyPaymentRecord'>, language: Language, progress?: Progress): Promise<ExportFileView> {
      return write(await paymentRecord(deps.db, i.month, progress), i.format, actor, language);
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
