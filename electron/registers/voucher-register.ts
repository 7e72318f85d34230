/**
 * 转账凭证登记簿: the bank-transfer vouchers a filter selected, one line each, on A4 landscape, with a totals
 * line (amount, used, remaining) under them. Pure apart from the font: the caller gathers the vouchers.
 *
 * `t` is fixed to the 'slips' namespace (i18n.getFixedT(language, 'slips')); every printed word comes from
 * it, keys under register.*.
 */
import type { TFunction } from 'i18next';
import type { VoucherView } from '../../shared/contract/money-views';
import { beijingDateTime } from '../slips/payment-slip';
import { printedFacts, renderRegister, sumFen, yuan } from './register-pdf';
import type { RegisterOptions } from './register-pdf';
import { drawTable } from './table';
import type { Column, Row } from './table';

export interface VoucherRegisterInput {
  readonly vouchers: readonly VoucherView[];
  readonly hallName: string | null;
  /** ISO instant of the print. */
  readonly printedAt: string;
  readonly printedBy: string;
  /** The filter that selected the vouchers, in words ('' when none). */
  readonly filterText: string;
}

function columns(t: TFunction): Column[] {
  const c = (key: string, width: number, align?: Column['align']): Column => ({ header: t(`register.voucher.${key}`), width, align });
  return [
    c('referenceNo', 15), c('bank', 13), c('payer', 13), c('payerAccount', 16), c('valueDate', 9, 'center'),
    c('amount', 10, 'right'), c('used', 10, 'right'), c('remaining', 10, 'right'), c('state', 8, 'center'),
    c('accountNo', 10), c('registeredAt', 14, 'center'),
  ];
}

function voucherRow(v: VoucherView, t: TFunction): Row {
  return { cells: [
    v.referenceNo, v.bank, v.payer, v.payerAccount, v.valueDate,
    yuan(v.amount), yuan(v.used), yuan(v.remaining), t(`register.voucherStates.${v.state}`),
    v.accountNo ?? t('register.voucher.anyAccount'), beijingDateTime(v.registeredAt),
  ] };
}

function totals(vouchers: readonly VoucherView[], t: TFunction): string[] {
  const total = (pick: (v: VoucherView) => number) => yuan(sumFen(vouchers.map(pick)));
  return [
    t('register.total', { count: vouchers.length }), '', '', '', '',
    total((v) => v.amount), total((v) => v.used), total((v) => v.remaining), '', '', '',
  ];
}

/** The voucher register as an A4 landscape PDF. */
export async function renderVoucherRegister(input: VoucherRegisterInput, t: TFunction, options: RegisterOptions = {}): Promise<Buffer> {
  const filter = input.filterText.trim() === '' ? t('register.noFilter') : input.filterText;
  const frame = {
    title: t('register.voucher.title'), hallName: input.hallName, orientation: 'landscape' as const, printedAt: input.printedAt,
    facts: [...printedFacts(t, input.printedAt, input.printedBy), [t('register.filter'), filter] as const],
  };
  return await renderRegister(frame, t, (sheet, top) => {
    const rows = input.vouchers.map((v) => voucherRow(v, t));
    drawTable(sheet, top, { columns: columns(t), rows, totals: totals(input.vouchers, t), empty: t('register.empty') });
  }, options);
}
