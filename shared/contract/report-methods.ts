/**
 * Report methods (issue 7 items 3–4): on-screen reports, their exports (xlsx / csv / pdf) and the monthly
 * payment record reported upward. Read-only: none writes a row. Supervisors and admins only (finance data).
 */
import { z } from 'zod';
import * as f from './fields';
import type { Role } from '../vocabulary';
import { EXPORT_FORMATS } from './report-views';
import type {
  CardOpsView, ControlJobsReportView, DayCloseView, ExportFileView, ExportProgressView, MonthlyView, ReversalsView, TierView,
} from './report-views';

const FINANCE: readonly Role[] = ['supervisor', 'admin'];
/** The longest range a list report takes: a year. */
export const MAX_RANGE_DAYS = 366;

export const reportMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/);
const groupBy = z.enum(['area', 'building', 'category']);
const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
export const dateRange = z.object({ from: f.businessDate, to: f.businessDate }).strict()
  .refine((r) => r.from <= r.to && days(r.from, r.to) < MAX_RANGE_DAYS, { message: 'from must not be after to, and the range at most a year', path: ['to'] });

const dayInput = z.object({ date: f.businessDate }).strict();
const monthlyInput = z.object({ month: reportMonth, by: groupBy }).strict();
const tiersInput = z.object({ period }).strict();
const format = z.enum(EXPORT_FORMATS);
/** The caller's name for an export, so that reports.exportProgress can be asked about it while it runs. */
const exportJobId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'a job id of 8–64 letters, digits and dashes');
const job = { format, jobId: exportJobId.optional() };

const exportInput = z.discriminatedUnion('report', [
  z.object({ report: z.literal('dayClose'), params: dayInput, ...job }).strict(),
  z.object({ report: z.literal('shift'), params: z.object({ shiftId: f.id }).strict(), ...job }).strict(),
  z.object({ report: z.literal('monthly'), params: monthlyInput, ...job }).strict(),
  z.object({ report: z.literal('tiers'), params: tiersInput, ...job }).strict(),
  z.object({ report: z.literal('reversals'), params: dateRange, ...job }).strict(),
  z.object({ report: z.literal('cardOps'), params: dateRange, ...job }).strict(),
  z.object({ report: z.literal('controlJobs'), params: dateRange, ...job }).strict(),
  z.object({ report: z.literal('vouchers'), params: f.empty, ...job }).strict(),
  z.object({ report: z.literal('pendingDeposits'), params: f.empty, ...job }).strict(),
]);

export const reportContract = {
  /** 日结: a business date's totals by clerk, payment method, tariff and area, reversals, voided serials, reprints. */
  'reports.dayClose': { access: FINANCE, input: dayInput },
  /** A month's sales and consumption by area, building or customer category, with a 12-month trend. */
  'reports.monthly': { access: FINANCE, input: monthlyInput },
  /** Units and charge per tier over 'YYYY' or 'YYYY-MM' (the UI asks a year month by month, for progress). */
  'reports.tiers': { access: FINANCE, input: tiersInput },
  'reports.reversals': { access: FINANCE, input: dateRange },
  'reports.cardOps': { access: FINANCE, input: dateRange },
  'reports.controlJobs': { access: FINANCE, input: dateRange },
  /** Any report as a file: xlsx (formatted, with totals), csv (UTF-8 with BOM) or pdf. */
  'reports.export': { access: FINANCE, input: exportInput },
  /** 月度缴费记录, the fixed layout documented in electron/reports/payment-record.ts. */
  'reports.monthlyPaymentRecord': { access: FINANCE, input: z.object({ month: reportMonth, format: z.enum(['csv', 'xlsx']), jobId: exportJobId.optional() }).strict() },
  /** How far the export named by its jobId has got (the export's own call answers the file). */
  'reports.exportProgress': { access: FINANCE, input: z.object({ jobId: exportJobId }).strict() },
} as const;

export interface ReportOutputs {
  'reports.dayClose': DayCloseView;
  'reports.monthly': MonthlyView;
  'reports.tiers': TierView;
  'reports.reversals': ReversalsView;
  'reports.cardOps': CardOpsView;
  'reports.controlJobs': ControlJobsReportView;
  'reports.export': ExportFileView;
  'reports.monthlyPaymentRecord': ExportFileView;
  'reports.exportProgress': ExportProgressView;
}
