/**
 * 月度缴费记录 (the monthly payment record reported upward): one line per payment of the month that stands
 * (reversed sales are left out), in a FIXED layout — the receiving office parses it by column, so the
 * headers are the same whatever the UI language and never reordered:
 *
 *   序号 | 客户编号 | 客户名称 | 户号 | 地址 | 表号 | 类别 | 本月用量 | 购买量 | 缴费金额(元) | 收据号 | 缴费日期 | 支付方式
 *
 * 本月用量 is the meter's metered consumption of the month (last good reading − first, 0.01 units shown with
 * two decimals; blank when the meter was not read that month); 购买量 the units the payment bought; 缴费金额
 * the payable in yuan with two decimals; 收据号 the receipt serial; 类别 electricity / water; 支付方式 cash /
 * voucher. Rows are in date and receipt order (business date, sale id); the last line totals 缴费金额 and 购买量.
 */
import { sql } from 'kysely';
import type { Db } from '../db/repositories/db';
import type { ReportBook, SheetColumn } from './report-book';
import { totalsOf } from './report-book';
import { dayStart, monthDates } from './report-time';

export const PAYMENT_RECORD_COLUMNS: readonly SheetColumn[] = [
  { header: '序号', kind: 'int', width: 7 }, { header: '客户编号', kind: 'text', width: 12 }, { header: '客户名称', kind: 'text', width: 14 },
  { header: '户号', kind: 'text', width: 12 }, { header: '地址', kind: 'text', width: 24 }, { header: '表号', kind: 'text', width: 14 },
  { header: '类别', kind: 'text', width: 11 }, { header: '本月用量', kind: 'units', width: 12 }, { header: '购买量', kind: 'units', width: 12 },
  { header: '缴费金额(元)', kind: 'fen', width: 13 }, { header: '收据号', kind: 'text', width: 18 }, { header: '缴费日期', kind: 'text', width: 11 },
  { header: '支付方式', kind: 'text', width: 10 },
];

const PAGE = 20_000;

export async function paymentRecord(db: Db, month: string, onProgress: (done: number, total: number) => void = () => {}): Promise<ReportBook> {
  const { first, next } = monthDates(month);
  // Once for the month, not joined per page: the grouped readings would be recomputed for every page. Only the
  // meters sold to that month, each a range of the (meter_id, read_at) index: grouping every meter's readings
  // would walk that whole index, every month of the hall's history.
  const soldMeters = db.selectFrom('sales').select('meter_id').where('business_date', '>=', first).where('business_date', '<', next);
  const deltaRows = await db.selectFrom('meter_readings').where('meter_id', 'in', soldMeters).where('quality', '=', 'good').where('total', 'is not', null)
    .where('read_at', '>=', dayStart(first)).where('read_at', '<', dayStart(next)).select(['meter_id', sql<number>`max(total) - min(total)`.as('d')]).groupBy('meter_id').execute();
  const deltas = new Map(deltaRows.map((r) => [Number(r.meter_id), Number(r.d)]));
  const base = db.selectFrom('sales as s').where('s.business_date', '>=', first).where('s.business_date', '<', next)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('sale_reversals as r').select('r.id').whereRef('r.sale_id', '=', 's.id'))));
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows: (string | number | null)[][] = [];
  let after = { date: '', id: 0 };
  for (;;) {
    const page = await base.innerJoin('accounts as a', 'a.id', 's.account_id').innerJoin('customers as c', 'c.id', 'a.customer_id')
      .innerJoin('premises as p', 'p.id', 'a.premises_id').innerJoin('meters as m', 'm.id', 's.meter_id')
      .select(['s.id', 's.meter_id', 'c.customer_no', 'c.name', 'a.account_no', 'p.area', 'p.room_key', 'm.meter_no', 's.utility', 's.units', 's.payable_fen', 's.receipt_no', 's.business_date', 's.payment_method'])
      .where(sql<boolean>`(s.business_date, s.id) > (${after.date}, ${after.id})`).orderBy('s.business_date').orderBy('s.id').limit(PAGE).execute();
    if (page.length === 0) break;
    for (const r of page) {
      rows.push([rows.length + 1, r.customer_no, r.name, r.account_no, `${r.area} ${r.room_key}`, r.meter_no, r.utility,
        deltas.get(Number(r.meter_id)) ?? null, Number(r.units), Number(r.payable_fen), r.receipt_no, r.business_date, r.payment_method]);
    }
    after = { date: page[page.length - 1]!.business_date, id: Number(page[page.length - 1]!.id) };
    onProgress(rows.length, total);
  }
  const totals = totalsOf(PAYMENT_RECORD_COLUMNS, rows, '合计', [0, 7]);
  totals[0] = null;
  totals[1] = `合计 ${rows.length} 笔`;
  return { title: '月度缴费记录', facts: [['月份', month]], fileBase: `payment-record-${month}`, sheets: [{ name: month, columns: PAYMENT_RECORD_COLUMNS, rows, totals }] };
}
