/**
 * Each report's view as a ReportBook (the export model). `t` is fixed to the 'slips' namespace; headers and
 * titles are under report.*. Totals are summed from the rows in integer fen (report-book.ts totalsOf).
 */
import type { TFunction } from 'i18next';
import type {
  CardOpsView, ControlJobsReportView, DayCloseView, MonthlyView, ReportGroupRow, ReversalsView, TierView,
} from '../../shared/contract/report-views';
import type { ShiftReport } from '../../shared/contract/views';
import { beijingDateTime } from '../slips/payment-slip';
import type { CellKind, ReportBook, ReportSheet, SheetColumn } from './report-book';
import { totalsOf } from './report-book';

type Col = readonly [key: string, kind: CellKind, width: number];

function cols(t: TFunction, list: readonly Col[]): SheetColumn[] {
  return list.map(([key, kind, width]) => ({ header: t(`report.col.${key}`), kind, width }));
}

function sheet(t: TFunction, name: string, list: readonly Col[], rows: (string | number | null)[][], withTotals = true, skip: number[] = []): ReportSheet {
  const columns = cols(t, list);
  return { name, columns, rows, ...(withTotals ? { totals: totalsOf(columns, rows, t('report.total'), skip) } : {}) };
}

const GROUP: readonly Col[] = [['group', 'text', 22], ['count', 'int', 10], ['amount', 'fen', 14], ['charge', 'fen', 14], ['units', 'units', 14]];
const groupRows = (rows: readonly ReportGroupRow[]) => rows.map((r) => [r.label, r.count, r.amount, r.charge, r.units]);

export function dayCloseBook(v: DayCloseView, t: TFunction): ReportBook {
  const summary: (string | number | null)[][] = [
    [t('report.row.sales'), v.sales.count, v.sales.amount], [t('report.row.reversals'), v.reversals.count, -v.reversals.amount],
    [t('report.row.cardFees'), v.cardFees.count, v.cardFees.amount],
  ];
  const summaryCols: Col[] = [['item', 'text', 22], ['count', 'int', 10], ['amount', 'fen', 14]];
  return {
    title: t('report.title.dayClose'), facts: [[t('report.fact.date'), v.date]], fileBase: `day-close-${v.date}`,
    sheets: [
      { name: t('report.sheet.summary'), columns: cols(t, summaryCols), rows: summary, totals: [t('report.row.net'), null, v.net] },
      sheet(t, t('report.sheet.byClerk'), GROUP, groupRows(v.byClerk)),
      sheet(t, t('report.sheet.byMethod'), GROUP, groupRows(v.byMethod)),
      sheet(t, t('report.sheet.byTariff'), GROUP, groupRows(v.byTariff), true, [4]),
      sheet(t, t('report.sheet.byArea'), GROUP, groupRows(v.byArea), true, [4]),
      sheet(t, t('report.sheet.voided'), [['receiptNo', 'text', 18], ['reversalNo', 'text', 18], ['amount', 'fen', 12], ['clerk', 'text', 10], ['reason', 'text', 24], ['at', 'text', 18]],
        v.voided.map((x) => [x.receiptNo, x.reversalReceiptNo, x.amount, x.clerkName, x.reason, beijingDateTime(x.at)])),
      sheet(t, t('report.sheet.reprints'), [['receiptNo', 'text', 18], ['kind', 'text', 12], ['reprintNo', 'int', 8], ['by', 'text', 10], ['at', 'text', 18]],
        v.reprints.map((x) => [x.receiptNo, x.kind, x.reprintNo, x.requestedBy, beijingDateTime(x.at)]), false),
    ],
  };
}

export function shiftBook(r: ShiftReport, t: TFunction): ReportBook {
  const rows: (string | number | null)[][] = [
    [t('report.row.sales'), r.saleCount, r.salesTotal], [t('report.row.refunds'), null, r.refundsTotal], [t('report.row.drops'), null, r.dropsTotal],
    [t('report.row.deposits'), null, r.depositsTotal], [t('report.row.float'), null, r.shift.float], [t('report.row.expected'), null, r.expectedCash],
  ];
  const byUtility: (string | number | null)[][] = r.byUtility.map((u) => [u.utility, u.count, u.amount, u.units]);
  return {
    title: t('report.title.shift'), facts: [[t('report.fact.shift'), `#${r.shift.id} ${r.clerkName}`]], fileBase: `shift-${r.shift.id}`,
    sheets: [
      { name: t('report.sheet.summary'), columns: cols(t, [['item', 'text', 22], ['count', 'int', 10], ['amount', 'fen', 14]]), rows },
      sheet(t, t('report.sheet.byUtility'), [['utility', 'text', 14], ['count', 'int', 10], ['amount', 'fen', 14], ['units', 'units', 14]], byUtility, true, [3]),
    ],
  };
}

const MONTHLY: readonly Col[] = [
  ['group', 'text', 22], ['count', 'int', 9], ['amount', 'fen', 14], ['charge', 'fen', 14], ['unitsSold', 'units', 13], ['reversedCount', 'int', 9],
  ['reversedAmount', 'fen', 13], ['net', 'fen', 14], ['consumption', 'units', 13], ['chargedUnits', 'units', 13], ['chargedAmount', 'fen', 13],
];

export function monthlyBook(v: MonthlyView, t: TFunction): ReportBook {
  const rows = v.rows.map((r) => [r.key, r.saleCount, r.amount, r.charge, r.unitsSold, r.reversedCount, r.reversedAmount, r.net, r.consumption, r.chargedUnits, r.chargedAmount]);
  return {
    title: t('report.title.monthly'), facts: [[t('report.fact.month'), v.month], [t('report.fact.by'), t(`report.by.${v.by}`)]], fileBase: `monthly-${v.month}-${v.by}`,
    sheets: [sheet(t, t('report.sheet.monthly'), MONTHLY, rows)],
  };
}

export function tierBook(v: TierView, t: TFunction): ReportBook {
  const rows = v.rows.map((r) => [r.utility, r.tier, r.sales, r.units, r.charge]);
  return {
    title: t('report.title.tiers'), facts: [[t('report.fact.period'), v.period]], fileBase: `tiers-${v.period}`,
    sheets: [sheet(t, t('report.sheet.tiers'), [['utility', 'text', 14], ['tier', 'int', 8], ['count', 'int', 10], ['units', 'units', 14], ['charge', 'fen', 14]], rows, true, [1, 2, 3])],
  };
}

export function reversalsBook(v: ReversalsView, t: TFunction): ReportBook {
  return {
    title: t('report.title.reversals'), facts: [[t('report.fact.range'), `${v.from} ~ ${v.to}`]], fileBase: `reversals-${v.from}-${v.to}`,
    sheets: [
      sheet(t, t('report.sheet.voided'), [['receiptNo', 'text', 18], ['reversalNo', 'text', 18], ['amount', 'fen', 12], ['clerk', 'text', 10], ['cause', 'text', 10], ['reason', 'text', 24], ['at', 'text', 18]],
        v.reversals.map((x) => [x.receiptNo, x.reversalReceiptNo, x.amount, x.clerkName, x.cause, x.reason, beijingDateTime(x.at)])),
      sheet(t, t('report.sheet.reprints'), [['receiptNo', 'text', 18], ['kind', 'text', 12], ['reprintNo', 'int', 8], ['by', 'text', 10], ['at', 'text', 18]],
        v.reprints.map((x) => [x.receiptNo, x.kind, x.reprintNo, x.requestedBy, beijingDateTime(x.at)]), false),
    ],
  };
}

export function cardOpsBook(v: CardOpsView, t: TFunction): ReportBook {
  return {
    title: t('report.title.cardOps'), facts: [[t('report.fact.range'), `${v.from} ~ ${v.to}`]], fileBase: `card-ops-${v.from}-${v.to}`,
    sheets: [sheet(t, t('report.sheet.cardOps'), [['at', 'text', 18], ['cardNo', 'text', 14], ['meterNo', 'text', 14], ['op', 'text', 16], ['amountRaw', 'int', 12], ['state', 'text', 14], ['by', 'text', 10]],
      v.ops.map((o) => [beijingDateTime(o.at), o.cardNo, o.meterNo, o.op, o.amount, o.state, o.by]), false)],
  };
}

export function controlJobsBook(v: ControlJobsReportView, t: TFunction): ReportBook {
  return {
    title: t('report.title.controlJobs'), facts: [[t('report.fact.range'), `${v.from} ~ ${v.to}`]], fileBase: `control-jobs-${v.from}-${v.to}`,
    sheets: [sheet(t, t('report.sheet.controlJobs'), [['jobId', 'int', 8], ['action', 'text', 12], ['reason', 'text', 24], ['at', 'text', 18], ['by', 'text', 10], ['targets', 'int', 8], ['succeeded', 'int', 8], ['failed', 'int', 8], ['state', 'text', 12]],
      v.jobs.map((j) => [j.id, j.action, j.reason, beijingDateTime(j.createdAt), j.requestedBy ?? t('report.automatic'), j.targets, j.succeeded, j.failed, j.lastEvent]), true, [0])],
  };
}
