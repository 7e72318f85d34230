/**
 * The duplicate customer list (客户清单, 清单联 + 存根联): a list of customers the hall works through — the
 * reminder worklists feed it later (issue 7 item 5), so it takes its rows as a plain input type and knows
 * nothing of how they were chosen. buildCustomerList makes the printable text (pure); customer-list-pdf.ts
 * and slip-escpos.ts put it on paper.
 */
import type { i18n as I18n } from 'i18next';
import { formatYuan, fen } from '../../shared/money';
import { beijingDateTime, maskPhone } from './payment-slip';

export interface CustomerListRow {
  readonly accountNo: string;
  readonly customerName: string;
  /** Printed masked, as on every slip. */
  readonly phone: string | null;
  readonly address: string;
  readonly meterNo: string;
  /** A money figure the list is about (balance, arrears ...), fen; null prints a dash. */
  readonly amount: number | null;
  readonly note: string;
}

export interface CustomerListInput {
  /** What the list is ("低余额提醒" ...), printed as its title. */
  readonly title: string;
  readonly rows: readonly CustomerListRow[];
}

export interface CustomerListData extends CustomerListInput {
  readonly hallName: string | null;
  /** ISO-8601 UTC, printed in Beijing time. */
  readonly printedAt: string;
  readonly printedBy: string;
}

export interface CustomerList {
  readonly language: string;
  readonly hallName: string;
  readonly title: string;
  readonly copies: readonly [string, string];
  readonly heading: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly footer: string;
  readonly empty: string;
}

export const LIST_COLUMNS = ['index', 'accountNo', 'customer', 'phone', 'address', 'meterNo', 'amount', 'note'] as const;

export function buildCustomerList(d: CustomerListData, i18n: I18n): CustomerList {
  const t = i18n.getFixedT(null, 'slips');
  const rows = d.rows.map((r, i) => [
    String(i + 1), r.accountNo, r.customerName, maskPhone(r.phone), r.address, r.meterNo,
    r.amount === null ? '—' : formatYuan(fen(r.amount)), r.note,
  ]);
  return {
    language: i18n.language,
    hallName: d.hallName ?? t('defaultHallName'),
    title: d.title,
    copies: [t('list.copy.list'), t('list.copy.stub')],
    heading: t('list.heading', { at: beijingDateTime(d.printedAt), by: d.printedBy, count: d.rows.length }),
    columns: LIST_COLUMNS.map((c) => t(`list.columns.${c}`)),
    rows,
    footer: t('list.footer', { count: d.rows.length }),
    empty: t('list.empty'),
  };
}
