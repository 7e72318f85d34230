/** The existing registers (electron/registers) as ReportBooks, so they export to xlsx and csv as well as pdf. */
import type { TFunction } from 'i18next';
import type { PendingDepositsView, VoucherView } from '../../shared/contract/money-views';
import { beijingDateTime } from '../slips/payment-slip';
import type { ReportBook, SheetColumn } from './report-book';
import { totalsOf } from './report-book';

const col = (t: TFunction, key: string, kind: SheetColumn['kind'], width: number): SheetColumn => ({ header: t(key), kind, width });

export function voucherBook(vouchers: readonly VoucherView[], t: TFunction, today: string): ReportBook {
  const columns = [
    col(t, 'register.voucher.referenceNo', 'text', 16), col(t, 'register.voucher.bank', 'text', 14), col(t, 'register.voucher.payer', 'text', 14),
    col(t, 'register.voucher.valueDate', 'text', 11), col(t, 'register.voucher.amount', 'fen', 13), col(t, 'register.voucher.used', 'fen', 13),
    col(t, 'register.voucher.remaining', 'fen', 13), col(t, 'register.voucher.state', 'text', 10), col(t, 'register.voucher.registeredAt', 'text', 18),
  ];
  const rows = vouchers.map((v) => [v.referenceNo, v.bank, v.payer, v.valueDate, v.amount, v.used, v.remaining, t(`register.voucherStates.${v.state}`), beijingDateTime(v.registeredAt)]);
  return { title: t('register.voucher.title'), facts: [[t('report.fact.date'), today]], fileBase: `vouchers-${today}`, sheets: [{ name: t('register.voucher.title'), columns, rows, totals: totalsOf(columns, rows, t('report.total')) }] };
}

export function pendingDepositsBook(view: PendingDepositsView, t: TFunction): ReportBook {
  const oc = [
    col(t, 'register.deposits.receiptNo', 'text', 18), col(t, 'register.deposits.customer', 'text', 14), col(t, 'register.deposits.clerk', 'text', 10),
    col(t, 'register.deposits.amount', 'fen', 13), col(t, 'register.deposits.businessDate', 'text', 11), col(t, 'register.deposits.dueDate', 'text', 11),
    col(t, 'register.deposits.state', 'text', 8),
  ];
  const orows = view.obligations.map((o) => [o.receiptNo, o.customerName, o.clerkName, o.amount, o.businessDate, o.dueDate, t(`register.obligationStates.${o.state}`)]);
  const dc = [col(t, 'register.deposits.dropClerk', 'text', 12), col(t, 'register.deposits.receivedBy', 'text', 12), col(t, 'register.deposits.amount', 'fen', 13), col(t, 'register.deposits.dropAt', 'text', 18)];
  const drows = view.drops.map((d) => [d.clerkName, d.receivedByName, d.amount, beijingDateTime(d.at)]);
  return {
    title: t('register.deposits.title'), facts: [[t('register.deposits.today'), view.today]], fileBase: `pending-deposits-${view.today}`,
    sheets: [
      { name: t('report.sheet.obligations'), columns: oc, rows: orows, totals: totalsOf(oc, orows, t('report.total')) },
      { name: t('report.sheet.drops'), columns: dc, rows: drows, totals: totalsOf(dc, drows, t('report.total')) },
    ],
  };
}
