/**
 * 待存款清单: what waits to be banked, on A4 portrait. First the deposit obligations (holiday cash that must
 * reach the bank by its due date), overdue ones shaded and marked 逾期; then the cash drops handed to a
 * supervisor and not yet deposited; each table with its total, and the overdue total at the end.
 *
 * The two totals are printed apart and never added: a drop can carry the very cash an obligation tracks.
 * `t` is fixed to the 'slips' namespace, keys under register.*.
 */
import type { TFunction } from 'i18next';
import type { CashDropView, ObligationView, PendingDepositsView } from '../../shared/contract/money-views';
import { beijingDateTime } from '../slips/payment-slip';
import { printedFacts, renderRegister, sumFen, yuan } from './register-pdf';
import type { RegisterOptions } from './register-pdf';
import { drawLine, drawTable } from './table';
import type { Column, Row, Sheet } from './table';

export interface PendingDepositsInput {
  readonly view: PendingDepositsView;
  readonly hallName: string | null;
  /** ISO instant of the print. */
  readonly printedAt: string;
  readonly printedBy: string;
}

const GAP = 12;

function column(t: TFunction, key: string, width: number, align?: Column['align']): Column {
  return { header: t(`register.deposits.${key}`), width, align };
}

function obligationColumns(t: TFunction): Column[] {
  return [
    column(t, 'receiptNo', 17), column(t, 'customer', 13), column(t, 'accountNo', 12), column(t, 'clerk', 9),
    column(t, 'amount', 11, 'right'), column(t, 'businessDate', 12, 'center'), column(t, 'dueDate', 12, 'center'),
    column(t, 'state', 7, 'center'),
  ];
}

function obligationRow(o: ObligationView, t: TFunction): Row {
  return {
    marked: o.state === 'overdue',
    cells: [o.receiptNo, o.customerName, o.accountNo, o.clerkName, yuan(o.amount), o.businessDate, o.dueDate, t(`register.obligationStates.${o.state}`)],
  };
}

function dropColumns(t: TFunction): Column[] {
  return [column(t, 'dropClerk', 25), column(t, 'receivedBy', 25), column(t, 'amount', 20, 'right'), column(t, 'dropAt', 30, 'center')];
}

function dropRow(d: CashDropView): Row {
  return { cells: [d.clerkName, d.receivedByName, yuan(d.amount), beijingDateTime(d.at)] };
}

function drawObligations(sheet: Sheet, y: number, obligations: readonly ObligationView[], t: TFunction): number {
  const total = yuan(sumFen(obligations.map((o) => o.amount)));
  return drawTable(sheet, y, {
    caption: t('register.deposits.obligations', { count: obligations.length }),
    columns: obligationColumns(t),
    rows: obligations.map((o) => obligationRow(o, t)),
    totals: [t('register.total', { count: obligations.length }), '', '', '', total, '', '', ''],
    empty: t('register.empty'),
  });
}

function drawDrops(sheet: Sheet, y: number, drops: readonly CashDropView[], t: TFunction): number {
  const total = yuan(sumFen(drops.map((d) => d.amount)));
  return drawTable(sheet, y, {
    caption: t('register.deposits.drops', { count: drops.length }),
    columns: dropColumns(t),
    rows: drops.map(dropRow),
    totals: [t('register.total', { count: drops.length }), '', total, ''],
    empty: t('register.empty'),
  });
}

function drawSummary(sheet: Sheet, y: number, view: PendingDepositsView, t: TFunction): number {
  let at = drawLine(sheet, y, t('register.deposits.obligationsTotal', { count: view.obligations.length, amount: yuan(sumFen(view.obligations.map((o) => o.amount))) }));
  at = drawLine(sheet, at, t('register.deposits.overdueTotal', { count: view.overdueCount, amount: yuan(view.overdueAmount) }));
  at = drawLine(sheet, at, t('register.deposits.dropsTotal', { count: view.drops.length, amount: yuan(sumFen(view.drops.map((d) => d.amount))) }));
  return drawLine(sheet, at, t('register.deposits.note'));
}

/** The pending deposits list as an A4 portrait PDF. */
export async function renderPendingDeposits(input: PendingDepositsInput, t: TFunction, options: RegisterOptions = {}): Promise<Buffer> {
  const frame = {
    title: t('register.deposits.title'), hallName: input.hallName, orientation: 'portrait' as const, printedAt: input.printedAt,
    facts: [...printedFacts(t, input.printedAt, input.printedBy), [t('register.deposits.today'), input.view.today] as const],
  };
  return await renderRegister(frame, t, (sheet, top) => {
    let y = drawObligations(sheet, top, input.view.obligations, t);
    y = drawDrops(sheet, y + GAP, input.view.drops, t);
    drawSummary(sheet, y + GAP, input.view, t);
  }, options);
}
