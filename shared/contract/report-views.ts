/**
 * What the report methods answer (issue 7 items 3–4). Money is integer fen, units 0.01 kWh/m³; every
 * total is a plain integer sum of the rows, and each equals the ledger (tests/reports/report-ledger.test.ts).
 */

/** One group of a day's sales: by clerk, payment method, tariff or area. */
export interface ReportGroupRow {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** What customers paid (payable), fen. */
  readonly amount: number;
  /** Revenue recognised (charge), fen. */
  readonly charge: number;
  readonly units: number;
}

export interface VoidedSerialView {
  readonly receiptNo: string;
  readonly reversalReceiptNo: string;
  readonly amount: number;
  readonly reason: string;
  readonly clerkName: string;
  readonly at: string;
  readonly saleBusinessDate: string;
}

export interface ReprintView {
  readonly receiptNo: string | null;
  readonly kind: string;
  readonly reprintNo: number;
  readonly requestedBy: string | null;
  readonly at: string;
}

export interface DayCloseView {
  readonly date: string;
  readonly sales: { readonly count: number; readonly amount: number; readonly charge: number; readonly units: number };
  readonly reversals: { readonly count: number; readonly amount: number };
  readonly cardFees: { readonly count: number; readonly amount: number };
  /** sales.amount − reversals.amount + cardFees.amount: the money the day took in, net. */
  readonly net: number;
  readonly byClerk: readonly ReportGroupRow[];
  readonly byMethod: readonly ReportGroupRow[];
  readonly byTariff: readonly ReportGroupRow[];
  readonly byArea: readonly ReportGroupRow[];
  readonly voided: readonly VoidedSerialView[];
  readonly reprints: readonly ReprintView[];
  readonly firstReceipt: string | null;
  readonly lastReceipt: string | null;
  /** The day's sales per business date of the trend window ending on `date` (the chart). */
  readonly trend: readonly { readonly date: string; readonly amount: number; readonly count: number }[];
}

export type MonthlyGroupBy = 'area' | 'building' | 'category';

export interface MonthlyRow {
  readonly key: string;
  readonly saleCount: number;
  readonly amount: number;
  readonly charge: number;
  readonly unitsSold: number;
  readonly reversedCount: number;
  readonly reversedAmount: number;
  /** amount − reversedAmount. */
  readonly net: number;
  /** Metered consumption: per meter, the month's last good reading minus its first (0.01 units). */
  readonly consumption: number;
  /** Hall-kept balances: units and fen charged from readings (balance_charges) in the month. */
  readonly chargedUnits: number;
  readonly chargedAmount: number;
}

export interface MonthlyView {
  readonly month: string;
  readonly by: MonthlyGroupBy;
  readonly rows: readonly MonthlyRow[];
  readonly totals: Omit<MonthlyRow, 'key'>;
  /** Consumption per month of the 12 months ending with `month` (the chart), all groups together. */
  readonly consumptionTrend: readonly { readonly month: string; readonly consumption: number; readonly amount: number }[];
}

export interface TierRow {
  readonly utility: string;
  readonly tier: number;
  readonly units: number;
  readonly charge: number;
  /** Sales with at least one unit in this tier. */
  readonly sales: number;
}

export interface TierView {
  /** 'YYYY' or 'YYYY-MM'. */
  readonly period: string;
  readonly rows: readonly TierRow[];
  readonly totals: { readonly units: number; readonly charge: number };
}

export interface ReversalRowView extends VoidedSerialView { readonly cause: string }

export interface ReversalsView {
  readonly from: string;
  readonly to: string;
  readonly reversals: readonly ReversalRowView[];
  readonly reversedTotal: number;
  readonly reprints: readonly ReprintView[];
}

export interface CardOpView {
  readonly at: string;
  readonly cardNo: string;
  readonly meterNo: string | null;
  /** 'write:<kind>' for a card write, 'event:<kind>' for a loss, replacement, clear… */
  readonly op: string;
  readonly amount: number | null;
  readonly state: string | null;
  readonly by: string | null;
}

export interface CardOpsView { readonly from: string; readonly to: string; readonly ops: readonly CardOpView[] }

export interface ControlJobReportRow {
  readonly id: number;
  readonly action: string;
  readonly reason: string;
  readonly automatic: boolean;
  readonly createdAt: string;
  readonly requestedBy: string | null;
  readonly targets: number;
  readonly lastEvent: string | null;
  readonly succeeded: number;
  readonly failed: number;
}

export interface ControlJobsReportView { readonly from: string; readonly to: string; readonly jobs: readonly ControlJobReportRow[] }

export const REPORT_KINDS = ['dayClose', 'shift', 'monthly', 'tiers', 'reversals', 'cardOps', 'controlJobs', 'vouchers', 'pendingDeposits', 'paymentRecord'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An exported file, base64 (as DocumentView carries a PDF). */
/** An export's progress (issue 7 item 7), by the jobId its call gave. */
export interface ExportProgressView {
  /** unknown: no such job (not started yet, or finished long ago). */
  readonly state: 'unknown' | 'running' | 'done' | 'failed';
  /** Steps the report reported (e.g. months of a year), 0 of 0 when it reports none. */
  readonly done: number;
  readonly total: number;
  /** 0…1: done / total while running, 1 once done. */
  readonly fraction: number;
}

export interface ExportFileView {
  readonly fileName: string;
  readonly mime: string;
  readonly base64: string;
  readonly bytes: number;
  readonly rows: number;
}
