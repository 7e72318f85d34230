/**
 * The money-handling part of the ledger property's checker: the safe is what was dropped and not banked
 * yet; the bank is every voucher registered plus every deposit; each voucher's used amount, each deposit
 * obligation (its shift, amount, due date, deposited or reversed) and each drop (banked or not) equal the model's.
 */
import type { Hall } from './ledger-property-hall';
import type { Model } from './ledger-property-model';
import { equal, one, rows } from './ledger-property-sql';

function checkSafeAndBank(hall: Hall): void {
  const b = one(hall, `select (select coalesce(sum(amount_fen), 0) from ledger_entries where book = 'safe') as safe,
    (select coalesce(sum(amount_fen), 0) from ledger_entries where book = 'bank') as bank,
    (select coalesce(sum(amount_fen), 0) from cash_drops) as dropped,
    (select coalesce(sum(amount_fen), 0) from deposit_items where drop_id is not null) as banked_drops,
    (select coalesce(sum(amount_fen), 0) from vouchers) as vouchers, (select coalesce(sum(amount_fen), 0) from bank_deposits) as deposits`);
  equal('safe against drops − banked drops', b.safe, Number(b.dropped) - Number(b.banked_drops));
  equal('bank against vouchers registered + deposits', b.bank, Number(b.vouchers) + Number(b.deposits));
}

function checkVouchers(hall: Hall, model: Model): void {
  const vouchers = rows(hall, 'select id, amount_fen, used_fen, account_id from vouchers');
  equal('number of vouchers', vouchers.length, model.vouchers.size);
  for (const v of vouchers) {
    const m = model.vouchers.get(Number(v.id));
    if (!m) throw new Error(`voucher ${v.id} is not in the model`);
    equal(`voucher ${v.id} used`, v.used_fen, m.used);
    equal(`voucher ${v.id} amount`, v.amount_fen, m.amount);
    equal(`voucher ${v.id} account`, v.account_id ?? 0, m.accountId ?? 0);
  }
}

function checkObligations(hall: Hall, model: Model): void {
  const obligations = rows(hall, `select o.id, o.sale_id, o.shift_id, o.amount_fen, o.due_date,
    exists (select 1 from deposit_items i where i.obligation_id = o.id) as deposited,
    exists (select 1 from sale_reversals r where r.sale_id = o.sale_id) as reversed from deposit_obligations o`);
  equal('number of deposit obligations', obligations.length, model.obligations.size);
  for (const o of obligations) {
    const m = model.obligations.get(Number(o.id));
    if (!m) throw new Error(`obligation ${o.id} is not in the model`);
    const got = { sale: Number(o.sale_id), shift: Number(o.shift_id), amount: Number(o.amount_fen), due: o.due_date, deposited: Boolean(o.deposited), reversed: Boolean(o.reversed) };
    const wanted = { sale: m.saleId, shift: m.shiftId, amount: m.amount, due: m.due, deposited: m.deposited, reversed: m.reversed };
    if (JSON.stringify(got) !== JSON.stringify(wanted)) throw new Error(`obligation ${o.id}: database ${JSON.stringify(got)}, model ${JSON.stringify(wanted)}`);
  }
}

function checkDrops(hall: Hall, model: Model): void {
  const drops = rows(hall, 'select d.id, d.amount_fen, exists (select 1 from deposit_items i where i.drop_id = d.id) as deposited from cash_drops d');
  equal('number of cash drops', drops.length, model.drops.size);
  for (const d of drops) {
    const m = model.drops.get(Number(d.id));
    if (!m) throw new Error(`drop ${d.id} is not in the model`);
    equal(`drop ${d.id} amount`, d.amount_fen, m.amount);
    equal(`drop ${d.id} banked`, d.deposited, m.deposited ? 1 : 0);
  }
}

export function checkMoney(hall: Hall, model: Model): void {
  checkSafeAndBank(hall);
  checkVouchers(hall, model);
  checkObligations(hall, model);
  checkDrops(hall, model);
}
