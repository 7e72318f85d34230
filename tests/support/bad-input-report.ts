/**
 * The bad-input matrix for the report methods (issue 7 items 3–4). Spread into SPECS (and its kinds into
 * KINDS) in bad-input-table.ts. Reports write nothing at all, so every case (valid or not) leaves the row
 * counts as they were; the cases here pin the refusals the schemas make beyond the field kinds.
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { reportContract } from '../../shared/contract/report-methods';

export const REPORT_KINDS = {
  month: () => ['2026-13', '2026-00', '2026-6', '2026/06', '26-06', '', 202606, null],
  period: () => ['2026-13', '26', '2026-6', '2026/06', '', 2026, null],
  exportJobId: () => ['', 'short', 'x'.repeat(65), 'has space-1234', '../../etc/passwd', 12345678, null, []],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const c = (name: string, who: Caller, code: ErrorCode, input: () => unknown): Case => ({ name, who, code, input: () => input() });
const range = { from: '2026-06-01', to: '2026-06-30' };
const rangeSpec = (name: string): MethodSpec => ({
  who: 'supervisor', valid: () => ({ ...range }), fields: [['from', 'date'], ['to', 'date']],
  cases: [
    c(`${name}: from after to`, 'supervisor', 'invalid-input', () => ({ from: '2026-06-30', to: '2026-06-01' })),
    c(`${name}: more than a year`, 'admin', 'invalid-input', () => ({ from: '2025-01-01', to: '2026-06-30' })),
    c(`${name}: a clerk`, 'clerk1', 'forbidden', () => ({ ...range })),
  ],
});

export const REPORT_SPECS: Record<keyof typeof reportContract, MethodSpec> = {
  'reports.dayClose': {
    who: 'supervisor', valid: () => ({ date: '2026-06-15' }), fields: [['date', 'date']],
    cases: [c('a clerk asks for the day close', 'clerk1', 'forbidden', () => ({ date: '2026-06-15' }))],
  },
  'reports.monthly': { who: 'admin', valid: () => ({ month: '2026-06', by: 'area' }), fields: [['month', 'month'], ['by', 'enum']] },
  'reports.tiers': { who: 'supervisor', valid: () => ({ period: '2026' }), fields: [['period', 'period']] },
  'reports.reversals': rangeSpec('reversals'),
  'reports.cardOps': rangeSpec('cardOps'),
  'reports.controlJobs': rangeSpec('controlJobs'),
  'reports.export': {
    who: 'supervisor', valid: () => ({ report: 'dayClose', params: { date: '2026-06-15' }, format: 'xlsx' }),
    fields: [['report', 'enum'], ['params', 'object'], ['params.date', 'date'], ['format', 'enum'], ['jobId', 'exportJobId', 'optional']], strict: ['params'],
    cases: [
      c('params of another report', 'supervisor', 'invalid-input', () => ({ report: 'monthly', params: { date: '2026-06-15' }, format: 'csv' })),
      c('an unknown shift', 'supervisor', 'not-found', () => ({ report: 'shift', params: { shiftId: 999_999 }, format: 'csv' })),
      c('a clerk exports', 'clerk1', 'forbidden', () => ({ report: 'dayClose', params: { date: '2026-06-15' }, format: 'pdf' })),
    ],
  },
  'reports.monthlyPaymentRecord': {
    who: 'supervisor', valid: () => ({ month: '2026-06', format: 'csv' }), fields: [['month', 'month'], ['format', 'enum'], ['jobId', 'exportJobId', 'optional']],
    cases: [c('a payment record as pdf', 'supervisor', 'invalid-input', () => ({ month: '2026-06', format: 'pdf' }))],
  },
  'reports.exportProgress': {
    who: 'supervisor', valid: () => ({ jobId: 'export-job-0001' }), fields: [['jobId', 'exportJobId']],
    cases: [c('a clerk asks', 'clerk1', 'forbidden', () => ({ jobId: 'export-job-0001' }))],
  },
};
