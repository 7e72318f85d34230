/**
 * The bad-input matrix for the printing methods (issue 7 items 1–2). Spread into SPECS (and its kinds into
 * KINDS) in bad-input-table.ts. The base fixture has no printer set, so a well-formed print is refused with
 * print-no-printer before anything is rendered or recorded (a PDF form without a printer goes to the dialog).
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { printContract } from '../../shared/contract/print-methods';

const cups = { driver: 'cups', target: 'slips', form: 'a4' };
const row = { accountNo: 'H00000001', customerName: '张三', phone: '13800001234', address: '幸福小区 3栋', meterNo: '000012345678', amount: 1234, note: '' };

export const PRINT_KINDS = {
  printerConfig: () => [[], 'x', 1, {}, { ...cups, driver: 'bogus' }, { ...cups, target: '' }, { ...cups, form: 'a5' }, { ...cups, extra: 1 },
    { driver: 'escposSerial', target: '/dev/ttyS0', form: 'a4' }, { driver: 'windows', target: 'EPSON', form: 'thermal80' }],
  listRows: () => [null, {}, 'x', [null], [{}], [{ ...row, amount: 1.5 }], [{ ...row, phone: 'abc' }], [{ ...row, extra: 1 }], Array.from({ length: 501 }, () => row)],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const U = 999_999;
const c = (name: string, who: Caller, code: ErrorCode, input: (fx: Parameters<MethodSpec['valid']>[0]) => unknown): Case => ({ name, who, code, input });
const settings = () => ({ dialog: false, kinds: { payment: cups, recharge: null, customerList: null } });

export const PRINT_SPECS: Record<keyof typeof printContract, MethodSpec> = {
  'printers.list': { who: 'admin', valid: () => ({}), fields: [] },
  'printers.settings': { who: 'clerk1', valid: () => ({}), fields: [] },
  'printers.setSettings': {
    who: 'admin', valid: settings,
    fields: [['dialog', 'bool'], ['kinds', 'object'], ['kinds.payment', 'printerConfig'], ['kinds.recharge', 'printerConfig'], ['kinds.customerList', 'printerConfig']],
    strict: ['kinds'],
  },
  'slips.print': {
    who: 'clerk1', valid: (fx) => ({ kind: 'payment', saleId: fx.saleId, form: 'a4', reprint: false }),
    fields: [['kind', 'enum'], ['saleId', 'id'], ['form', 'enum', 'optional'], ['reprint', 'bool', 'optional']],
    cases: [
      c('no thermal printer set for the kind', 'clerk1', 'print-no-printer', (fx) => ({ kind: 'payment', saleId: fx.saleId, form: 'thermal80' })),
      c('no thermal printer set for a reprint', 'supervisor', 'print-no-printer', (fx) => ({ kind: 'recharge', saleId: fx.saleId, reprint: true, form: 'thermal80' })),
      c('a customer list without rows field', 'clerk1', 'invalid-input', () => ({ kind: 'customerList', title: '低余额提醒' })),
      c('a customer list with bad rows', 'clerk1', 'invalid-input', () => ({ kind: 'customerList', title: '低余额提醒', rows: [{}] })),
      c('a customer list with a sale id', 'clerk1', 'invalid-input', (fx) => ({ kind: 'customerList', title: '低余额提醒', rows: [], saleId: fx.saleId })),
      c('a customer list, no thermal printer', 'clerk1', 'print-no-printer', () => ({ kind: 'customerList', title: '低余额提醒', rows: [row], form: 'thermal80' })),
      c('a customer list with too many rows', 'clerk1', 'invalid-input', () => ({ kind: 'customerList', title: '低余额提醒', rows: PRINT_KINDS.listRows()[8] })),
    ],
  },
  'prints.queue': { who: 'clerk1', valid: () => ({ state: 'failed', limit: 10 }), fields: [['state', 'enum', 'optional'], ['limit', 'limit500', 'optional']] },
  'prints.retry': {
    who: 'clerk1', valid: () => ({ jobId: U }), fields: [['jobId', 'id']],
    cases: [c('an unknown job', 'clerk1', 'not-found', () => ({ jobId: U }))],
  },
};
