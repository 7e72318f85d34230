/**
 * The books the ledger property keeps, checked with SQL against the database and against the model:
 *  - every ledger line sums to zero, and so does every transaction (revenue + customer credit + cash = 0);
 *  - money in: the cash book = Σ sales payable − Σ refunds = the model's money in, and it equals
 *    credits sold (revenue) + account balances (held credit);
 *  - each meter's held credit = −(its customer_credit ledger) = the model's;
 *  - each shift's expected drawer = float + its cash lines = the model's; a closed shift's short/over = counted − expected;
 *  - receipt serials run 1..n without a gap in every year, n as many as the model issued.
 */
import type { Hall } from './ledger-property-hall';
import { expectedDrawer } from './ledger-property-ops';
import type { Model } from './ledger-property-ops';

type Row = Record<string, number | string | null>;

function rows(hall: Hall, sql: string): Row[] {
  return hall.raw.prepare(sql).all() as Row[];
}

function one(hall: Hall, sql: string): Row {
  return hall.raw.prepare(sql).get() as Row;
}

function none(hall: Hall, what: string, sql: string): void {
  const offenders = rows(hall, `${sql} limit 5`);
  if (offenders.length > 0) throw new Error(`${what}: ${JSON.stringify(offenders)}`);
}

function equal(what: string, actual: unknown, expected: unknown): void {
  if (Number(actual) !== Number(expected)) throw new Error(`${what}: database ${String(actual)}, expected ${String(expected)}`);
}

function checkLedger(hall: Hall, model: Model): void {
  const books = one(hall, `select coalesce(sum(amount_fen), 0) as total,
    coalesce(sum(case when book = 'cash' then amount_fen end), 0) as cash,
    coalesce(sum(case when book = 'revenue' then amount_fen end), 0) as revenue,
    coalesce(sum(case when book = 'customer_credit' then amount_fen end), 0) as credit,
    coalesce(-sum(case when book = 'cash' and sale_id is null then amount_fen end), 0) as refunds,
    (select coalesce(sum(payable_fen), 0) from sales) as payable,
    (select count(*) from ledger_entries where book not in ('cash', 'revenue', 'customer_credit')) as strange from ledger_entries`);
  equal('sum of all ledger lines', books.total, 0);
  equal('lines outside the three books', books.strange, 0);
  equal('cash book against sales payable − refunds', books.cash, Number(books.payable) - Number(books.refunds));
  equal('cash book against the model money in', books.cash, model.moneyIn);
  equal('money in against credits sold + balances', books.cash, -Number(books.revenue) - Number(books.credit));
  none(hall, 'unbalanced transactions', 'select txn_ref, sum(amount_fen) as sum from ledger_entries group by txn_ref having sum(amount_fen) <> 0');
  none(hall, 'sales whose cash line is not their payable', `select s.receipt_no, s.payable_fen, coalesce(sum(l.amount_fen), 0) as cash
    from sales s left join ledger_entries l on l.sale_id = s.id and l.book = 'cash' group by s.id having coalesce(sum(l.amount_fen), 0) <> s.payable_fen`);
}

function checkMeters(hall: Hall, model: Model): void {
  const meters = rows(hall, `select m.id, m.credit_fen, -coalesce(sum(l.amount_fen), 0) as ledger
    from meters m left join ledger_entries l on l.meter_id = m.id and l.book = 'customer_credit' group by m.id`);
  for (const meter of meters) {
    equal(`meter ${meter.id} held credit against its ledger`, meter.credit_fen, meter.ledger);
    equal(`meter ${meter.id} held credit against the model`, meter.credit_fen, model.credit.get(Number(meter.id)) ?? 0);
  }
}

function checkShifts(hall: Hall, model: Model): void {
  const shifts = rows(hall, `select sh.id, sh.status, sh.float_fen, sh.expected_fen, sh.counted_fen, sh.short_over_fen,
    sh.float_fen + coalesce(sum(l.amount_fen), 0) as drawer
    from shifts sh left join ledger_entries l on l.shift_id = sh.id and l.book = 'cash' group by sh.id`);
  equal('number of shifts', shifts.length, model.shifts.size);
  for (const shift of shifts) {
    const expected = model.shifts.get(Number(shift.id));
    if (!expected) throw new Error(`shift ${shift.id} is not in the model`);
    equal(`shift ${shift.id} drawer (float + cash lines) against the model`, shift.drawer, expectedDrawer(expected));
    if ((shift.status === 'closed') !== (expected.closed !== null)) throw new Error(`shift ${shift.id} is ${shift.status} in the database`);
    if (!expected.closed) continue;
    equal(`closed shift ${shift.id} expected`, shift.expected_fen, shift.drawer);
    equal(`closed shift ${shift.id} expected at close against now`, expected.closed.expected, shift.drawer);
    equal(`closed shift ${shift.id} counted`, shift.counted_fen, expected.closed.counted);
    equal(`closed shift ${shift.id} short/over`, shift.short_over_fen, Number(shift.counted_fen) - Number(shift.expected_fen));
  }
}

function checkSerials(hall: Hall, model: Model): void {
  const issued = rows(hall, `select year, count(*) as n, max(serial) as top, count(distinct serial) as distinct_n from (
      select cast(substr(receipt_no, 5, 4) as integer) as year, cast(substr(receipt_no, 10) as integer) as serial from sales
      union all select cast(substr(receipt_no, 5, 4) as integer), cast(substr(receipt_no, 10) as integer) from account_events where receipt_no is not null
    ) group by year`);
  const sequences = new Map(rows(hall, 'select year, last_no from receipt_sequences').map((r) => [Number(r.year), Number(r.last_no)]));
  equal('years with receipts', issued.length, model.receipts.size);
  for (const year of issued) {
    const n = model.receipts.get(Number(year.year)) ?? 0;
    equal(`receipts of ${year.year}`, year.n, n);
    equal(`distinct serials of ${year.year}`, year.distinct_n, n);
    equal(`top serial of ${year.year}`, year.top, n);
    equal(`receipt sequence of ${year.year}`, sequences.get(Number(year.year)) ?? 0, n);
  }
}

/** Every check; throws on the first disagreement. */
export function checkBooks(hall: Hall, model: Model): void {
  checkLedger(hall, model);
  checkMeters(hall, model);
  checkShifts(hall, model);
  checkSerials(hall, model);
}
