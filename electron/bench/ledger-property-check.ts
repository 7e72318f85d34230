/**
 * The books the ledger property keeps, checked with SQL against the database and against the model:
 *  - every ledger line sums to zero, every transaction does, and no line is outside the six books;
 *  - money in = credits sold + account balances: Σ(cash + safe + bank) = −(revenue + customer_credit +
 *    voucher_funds), and it equals the model's money in; the cash book, the safe and the bank each equal the model;
 *  - every sale's payment line (cash, or voucher_funds for a voucher) is its payable;
 *  - each meter's held credit = −(its customer_credit ledger) = the model's;
 *  - each drawer (shift) by kind of movement — cash taken, drops, deposits, refunds — equals the model's, and
 *    expected = float + taken − drops − deposits − refunds; a closed shift's expected is its drawer as of its
 *    close (later deposits of its holiday cash move it after), and short/over = counted − expected;
 *  - receipt serials (sales, reversals, account events) run 1..n without a gap in every year;
 *  - vouchers, obligations and drops (ledger-property-check-money.ts).
 */
import type { Hall } from './ledger-property-hall';
import { cashBook, expectedDrawer } from './ledger-property-model';
import type { Model } from './ledger-property-model';
import { checkMoney } from './ledger-property-check-money';
import { equal, none, one, rows } from './ledger-property-sql';

function checkLedger(hall: Hall, model: Model): void {
  const b = one(hall, `select coalesce(sum(amount_fen), 0) as total,
    coalesce(sum(case when book = 'cash' then amount_fen end), 0) as cash, coalesce(sum(case when book = 'safe' then amount_fen end), 0) as safe,
    coalesce(sum(case when book = 'bank' then amount_fen end), 0) as bank, coalesce(sum(case when book = 'voucher_funds' then amount_fen end), 0) as vouchers,
    coalesce(sum(case when book = 'revenue' then amount_fen end), 0) as revenue, coalesce(sum(case when book = 'customer_credit' then amount_fen end), 0) as credit,
    (select count(*) from ledger_entries where book not in ('cash', 'safe', 'bank', 'voucher_funds', 'revenue', 'customer_credit')) as strange
    from ledger_entries`);
  const moneyIn = Number(b.cash) + Number(b.safe) + Number(b.bank);
  equal('sum of all ledger lines', b.total, 0);
  equal('lines outside the six books', b.strange, 0);
  equal('money in (cash + safe + bank) against credits sold + balances', moneyIn, -(Number(b.revenue) + Number(b.credit) + Number(b.vouchers)));
  equal('money in (cash + safe + bank) against the model money in', moneyIn, model.moneyIn);
  equal('cash book against the model drawers', b.cash, cashBook(model));
  equal('safe against the model', b.safe, model.safe);
  equal('bank against the model', b.bank, model.bank);
  none(hall, 'unbalanced transactions', 'select txn_ref, sum(amount_fen) as sum from ledger_entries group by txn_ref having sum(amount_fen) <> 0');
  none(hall, 'sales whose payment line is not their payable', `select s.receipt_no, s.payment_method, s.payable_fen, coalesce(sum(l.amount_fen), 0) as paid
    from sales s left join ledger_entries l on l.sale_id = s.id and l.book = case when s.payment_method = 'voucher' then 'voucher_funds' else 'cash' end
    group by s.id having coalesce(sum(l.amount_fen), 0) <> s.payable_fen`);
  none(hall, 'sales with lines in the other payment book', `select s.receipt_no, l.book from sales s join ledger_entries l on l.sale_id = s.id
    and l.book = case when s.payment_method = 'voucher' then 'cash' else 'voucher_funds' end`);
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
    coalesce(sum(case when l.sale_id is not null then l.amount_fen end), 0) as taken,
    -coalesce(sum(case when l.sale_id is null and l.txn_ref like 'DROP-%' then l.amount_fen end), 0) as drops,
    -coalesce(sum(case when l.sale_id is null and l.txn_ref like 'DEP-%' then l.amount_fen end), 0) as deposits,
    -coalesce(sum(case when l.sale_id is null and l.txn_ref not like 'DROP-%' and l.txn_ref not like 'DEP-%' then l.amount_fen end), 0) as refunds,
    sh.float_fen + coalesce(sum(l.amount_fen), 0) as drawer, sh.float_fen + coalesce(sum(case when l.id <= sh.closing_ledger_id then l.amount_fen end), 0) as at_close
    from shifts sh left join ledger_entries l on l.shift_id = sh.id and l.book = 'cash' group by sh.id`);
  equal('number of shifts', shifts.length, model.shifts.size);
  for (const shift of shifts) {
    const m = model.shifts.get(Number(shift.id));
    if (!m) throw new Error(`shift ${shift.id} is not in the model`);
    for (const kind of ['taken', 'drops', 'deposits', 'refunds'] as const) equal(`shift ${shift.id} ${kind} against the model`, shift[kind], m[kind]);
    equal(`shift ${shift.id} drawer (float + cash lines) against the model`, shift.drawer, expectedDrawer(m));
    if ((shift.status === 'closed') !== (m.closed !== null)) throw new Error(`shift ${shift.id} is ${shift.status} in the database`);
    if (!m.closed) continue;
    equal(`closed shift ${shift.id} expected against its drawer at close`, shift.expected_fen, shift.at_close);
    equal(`closed shift ${shift.id} expected against the model at close`, shift.expected_fen, m.closed.expected);
    equal(`closed shift ${shift.id} counted`, shift.counted_fen, m.closed.counted);
    equal(`closed shift ${shift.id} short/over`, shift.short_over_fen, Number(shift.counted_fen) - Number(shift.expected_fen));
  }
}

function checkSerials(hall: Hall, model: Model): void {
  const issued = rows(hall, `select year, count(*) as n, max(serial) as top, count(distinct serial) as distinct_n from (
      select cast(substr(receipt_no, 5, 4) as integer) as year, cast(substr(receipt_no, 10) as integer) as serial from sales
      union all select cast(substr(receipt_no, 5, 4) as integer), cast(substr(receipt_no, 10) as integer) from sale_reversals
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
  checkMoney(hall, model);
}
