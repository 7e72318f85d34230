/**
 * The baseline for `sale_commit_vs_raw`: the same rows one sale writes (sale, three ledger lines, the
 * meter's state, units-to-date, the receipt sequence and the audit record), written with bare
 * better-sqlite3 prepared statements in one transaction — no validation, no Kysely, no service logic.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { AUDIT_GENESIS, auditHash, LATEST_HASH_SQL } from '../db/audit-chain.mjs';

export interface RawSaleTarget {
  readonly meterId: number;
  readonly accountId: number;
  readonly shiftId: number;
  readonly clerkId: number;
  readonly tariffVersionId: number;
}

export function createRawSaleWriter(raw: BetterSqlite3.Database, counter: string) {
  const nextSerial = raw.prepare(`update receipt_sequences set last_no = last_no + 1 where counter_code = ? and year = ? returning last_no`);
  const insertSeq = raw.prepare(`insert into receipt_sequences (counter_code, year, last_no) values (?, ?, 1)`);
  const insertSale = raw.prepare(`insert into sales (receipt_no, idempotency_key, request_hash, shift_id, clerk_id, counter_code,
    account_id, meter_id, utility, credit_kind, tariff_version_id, business_date, period_key, request_mode, payable_fen, tendered_fen,
    change_fen, charge_fen, units, credit_before_fen, credit_after_fen, credited_to_meter, overdraft_recovered, meter_remaining_after,
    tier_before, segments, payment_method, created_at) values (?, ?, 'raw', ?, ?, ?, ?, ?, 'electricity', 'energy', ?, ?, ?, 'money',
    10000, 10000, 0, 9961, 20400, 0, 39, 20400, 0, 20400, 1, '[]', 'cash', ?)`);
  const insertLedger = raw.prepare(`insert into ledger_entries (txn_ref, sale_id, book, account_id, meter_id, shift_id, amount_fen, created_at)
    values (?, ?, ?, ?, ?, ?, ?, ?)`);
  const updateMeter = raw.prepare(`update meters set credit_fen = credit_fen + 39, remaining = remaining + 20400 where id = ?`);
  const updateUnits = raw.prepare(`update units_to_date set units = units + 20400 where account_id = ? and utility = 'electricity' and period_key = ?`);
  const insertUnits = raw.prepare(`insert into units_to_date (account_id, utility, period_key, units) values (?, 'electricity', ?, 20400)`);
  // Chained like appendAudit (audit-chain.mjs): the head is read and the record hashed in the transaction.
  const auditHead = raw.prepare(LATEST_HASH_SQL);
  const insertAudit = raw.prepare(`insert into audit_log (at, user_id, action, entity, entity_id, before_json, after_json, prev_hash, hash)
    values (?, ?, 'sale.create', 'sale', ?, null, ?, ?, ?)`);

  const year = 2099; // a year of its own, so the baseline never collides with the real serials
  const write = raw.transaction((t: RawSaleTarget, key: string, at: string) => {
    const row = nextSerial.get(counter, year) as { last_no: number } | undefined;
    if (!row) insertSeq.run(counter, year);
    const receipt = `${counter}-${year}-${String(row?.last_no ?? 1).padStart(6, '0')}`;
    const sale = insertSale.run(receipt, key, t.shiftId, t.clerkId, counter, t.accountId, t.meterId, t.tariffVersionId, `${year}-01-01`, `Y${year}`, at);
    const saleId = Number(sale.lastInsertRowid);
    insertLedger.run(receipt, saleId, 'cash', t.accountId, null, t.shiftId, 10000, at);
    insertLedger.run(receipt, saleId, 'revenue', t.accountId, t.meterId, null, -9961, at);
    insertLedger.run(receipt, saleId, 'customer_credit', t.accountId, t.meterId, null, -39, at);
    updateMeter.run(t.meterId);
    if (updateUnits.run(t.accountId, `Y${year}`).changes === 0) insertUnits.run(t.accountId, `Y${year}`);
    const audit = { at, user_id: t.clerkId, action: 'sale.create', entity: 'sale', entity_id: String(saleId), before_json: null, after_json: JSON.stringify({ receipt }) };
    const prev = (auditHead.get() as { hash: string | null } | undefined)?.hash ?? AUDIT_GENESIS;
    insertAudit.run(at, t.clerkId, audit.entity_id, audit.after_json, prev, auditHash(prev, audit));
  });
  return write;
}
