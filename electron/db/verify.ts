/**
 * `db verify`: proves the books are whole. Every check is a query that must return no offending rows:
 * a balanced ledger per transaction, every sale's cash and revenue lines matching the sale row, each
 * meter's held credit equal to its ledger, units-to-date equal to the sales behind them, receipt
 * serials without gaps, and an unbroken audit hash chain. Dialect-neutral SQL, so the same checks run on PostgreSQL.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { firstBrokenLink } from './verify-audit-chain';

export interface VerifyCheck {
  readonly name: string;
  readonly ok: boolean;
  /** Up to five offending rows, for the operator to look at. */
  readonly offenders: readonly unknown[];
  /** How the check applied where that is not obvious (a storage check on PostgreSQL). */
  readonly note?: string;
}

type Check = { name: string; query: (db: Kysely<Database>) => Promise<unknown[]> };

const CHECKS: Check[] = [
  {
    name: 'ledger-transactions-balance',
    query: (db) => db.selectFrom('ledger_entries').select(['txn_ref', (eb) => eb.fn.sum<number>('amount_fen').as('sum')])
      .groupBy('txn_ref').having((eb) => eb.fn.sum('amount_fen'), '!=', 0).limit(5).execute(),
  },
  {
    // The payment lands in the drawer for cash, in the voucher's unspent funds for a voucher.
    name: 'sale-payment-matches-payable',
    query: (db) => sql<unknown>`select s.receipt_no, s.payable_fen, coalesce(sum(l.amount_fen), 0) as cash
      from sales s left join ledger_entries l on l.sale_id = s.id
        and l.book = case when s.payment_method = 'voucher' then 'voucher_funds' else 'cash' end
      group by s.id, s.receipt_no, s.payable_fen having coalesce(sum(l.amount_fen), 0) <> s.payable_fen limit 5`.execute(db).then((r) => r.rows),
  },
  {
    name: 'sale-revenue-matches-charge',
    query: (db) => sql<unknown>`select s.receipt_no, s.charge_fen, coalesce(sum(l.amount_fen), 0) as revenue
      from sales s left join ledger_entries l on l.sale_id = s.id and l.book = 'revenue'
      group by s.id, s.receipt_no, s.charge_fen having coalesce(sum(l.amount_fen), 0) <> -s.charge_fen limit 5`.execute(db).then((r) => r.rows),
  },
  {
    name: 'meter-credit-equals-ledger',
    query: (db) => sql<unknown>`select m.meter_no, m.credit_fen, coalesce(sum(l.amount_fen), 0) as ledger
      from meters m left join ledger_entries l on l.meter_id = m.id and l.book = 'customer_credit'
      group by m.id, m.meter_no, m.credit_fen having m.credit_fen <> -coalesce(sum(l.amount_fen), 0) limit 5`.execute(db).then((r) => r.rows),
  },
  {
    // Energy meters' tiers fill with the units sold; hall-kept meters' with the units consumed (balance_charges, 0110).
    name: 'units-to-date-equal-sales',
    query: (db) => sql<unknown>`select * from (select u.account_id, u.utility, u.period_key, u.units,
        coalesce((select sum(s.units) from sales s where s.account_id = u.account_id and s.utility = u.utility
          and s.period_key = u.period_key and s.credit_kind = 'energy'
          and not exists (select 1 from sale_reversals r where r.sale_id = s.id)), 0) as sold,
        coalesce((select sum(c.units) from balance_charges c where c.account_id = u.account_id and c.utility = u.utility
          and c.period_key = u.period_key), 0) as consumed
      from units_to_date u) t where t.units <> t.sold + t.consumed limit 5`.execute(db).then((r) => r.rows),
  },
  {
    name: 'receipt-serials-gapless',
    query: async (db) => {
      // Serials are unique, so "as many as last_no and none above it" means exactly 1..last_no: no gap.
      const issued = await sql<{ counter_code: string; year: number; n: number; top: number }>`select counter_code, year, count(*) as n, max(serial) as top from (
          select counter_code, cast(substr(receipt_no, length(counter_code) + 2, 4) as integer) as year,
            cast(substr(receipt_no, length(receipt_no) - 5) as integer) as serial from sales
          union all select counter_code, cast(substr(receipt_no, length(counter_code) + 2, 4) as integer) as year,
            cast(substr(receipt_no, length(receipt_no) - 5) as integer) as serial from sale_reversals
          union all select counter_code, cast(substr(receipt_no, length(counter_code) + 2, 4) as integer) as year,
            cast(substr(receipt_no, length(receipt_no) - 5) as integer) as serial from card_fees
          union all select substr(receipt_no, 1, length(receipt_no) - 12) as counter_code,
            cast(substr(receipt_no, length(receipt_no) - 10, 4) as integer) as year,
            cast(substr(receipt_no, length(receipt_no) - 5) as integer) as serial from account_events where receipt_no is not null
        ) issued group by counter_code, year`.execute(db);
      const sequences = await db.selectFrom('receipt_sequences').selectAll().execute();
      const bad = sequences.filter((seq) => {
        const row = issued.rows.find((r) => r.counter_code === seq.counter_code && Number(r.year) === seq.year);
        return Number(row?.n ?? 0) !== Number(seq.last_no) || Number(row?.top ?? 0) !== Number(seq.last_no);
      });
      const orphan = issued.rows.filter((r) => !sequences.some((seq) => seq.counter_code === r.counter_code && seq.year === Number(r.year)));
      return [...bad, ...orphan].slice(0, 5);
    },
  },
  {
    name: 'closed-shifts-reconcile',
    query: (db) => sql<unknown>`select sh.id, sh.expected_fen, sh.float_fen + coalesce(sum(l.amount_fen), 0) as computed
      from shifts sh left join ledger_entries l on l.shift_id = sh.id and l.book = 'cash' and l.id <= coalesce(sh.closing_ledger_id, l.id)
      where sh.status = 'closed'
      group by sh.id, sh.expected_fen, sh.float_fen
      having sh.expected_fen <> sh.float_fen + coalesce(sum(l.amount_fen), 0) or sh.short_over_fen <> sh.counted_fen - sh.expected_fen limit 5`.execute(db).then((r) => r.rows),
  },
  {
    name: 'voucher-used-equals-draws',
    query: (db) => sql<unknown>`select v.reference_no, v.used_fen, coalesce(sum(d.amount_fen), 0) as drawn
      from vouchers v left join voucher_draws d on d.voucher_id = v.id
      group by v.id, v.reference_no, v.used_fen having v.used_fen <> coalesce(sum(d.amount_fen), 0) limit 5`.execute(db).then((r) => r.rows),
  },
  {
    // What vouchers have left is exactly what the ledger owes on them.
    name: 'voucher-funds-equal-ledger',
    query: (db) => sql<unknown>`select * from (select
        (select coalesce(sum(amount_fen - used_fen), 0) from vouchers) as unspent,
        (select -coalesce(sum(amount_fen), 0) from ledger_entries where book = 'voucher_funds') as ledger) t
      where unspent <> ledger`.execute(db).then((r) => r.rows),
  },
  {
    name: 'deposits-equal-items',
    query: (db) => sql<unknown>`select b.slip_ref, b.amount_fen, coalesce(sum(i.amount_fen), 0) as items
      from bank_deposits b left join deposit_items i on i.deposit_id = b.id
      group by b.id, b.slip_ref, b.amount_fen having b.amount_fen <> coalesce(sum(i.amount_fen), 0) limit 5`.execute(db).then((r) => r.rows),
  },
  {
    // Not one query: the chain is recomputed in id order (verify-audit-chain.ts); the first broken link is the offender.
    name: 'audit-chain-intact',
    query: async (db) => {
      const broken = await firstBrokenLink(db);
      return broken ? [broken] : [];
    },
  },
];

export async function verifyBooks(db: Kysely<Database>, onCheck?: (done: number, total: number) => void): Promise<VerifyCheck[]> {
  const results: VerifyCheck[] = [];
  for (const check of CHECKS) {
    const offenders = await check.query(db);
    results.push({ name: check.name, ok: offenders.length === 0, offenders });
    onCheck?.(results.length, CHECKS.length); // progress for long verifications (backups, issue 7 item 7)
  }
  return results;
}
