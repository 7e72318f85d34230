import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, expectedMessage, refusal } from '../support/backend';
import type { Fixture } from '../support/backend';
import { verifyBooks } from '../../electron/db/verify';
import type { SaleView } from '../../shared/contract/views';
import type { TestDialect } from '../support/sql';

type Request = { mode: 'money'; amount: number } | { mode: 'units'; units: number };

/** A trigger that fails any ledger insert of 77.77 yuan with 'injected', and its removal. */
function failingLedger(dialect: TestDialect): { create: string[]; drop: string[] } {
  if (dialect === 'sqlite') {
    return {
      create: ["create trigger test_fail_ledger before insert on ledger_entries when new.amount_fen = 7777 begin select raise(abort, 'injected'); end"],
      drop: ['drop trigger test_fail_ledger'],
    };
  }
  return {
    create: [
      "create function test_fail_ledger() returns trigger language plpgsql as $$ begin if new.amount_fen = 7777 then raise exception 'injected'; end if; return new; end $$",
      'create trigger test_fail_ledger before insert on ledger_entries for each row execute function test_fail_ledger()',
    ],
    drop: ['drop trigger test_fail_ledger on ledger_entries', 'drop function test_fail_ledger()'],
  };
}

function salesKit(get: () => Fixture) {
  const sell = (meterId: number, request: Request, tendered?: number, key?: string) => {
    const fx = get();
    const payableGuess = request.mode === 'money' ? request.amount : 100_000_000;
    return fx.call('sales.sell', { meterId, request, tendered: tendered ?? payableGuess, idempotencyKey: key ?? fx.key() }, fx.sessions.clerk1);
  };
  const sold = async (meterId: number, request: Request, tendered?: number, key?: string): Promise<SaleView> => {
    const result = await sell(meterId, request, tendered, key);
    if (!result.ok) throw new Error(`sale refused: ${result.error.code}`);
    return result.value as SaleView;
  };
  /** The sale's ledger lines; they must sum to zero and the cash line must be the payable. */
  const ledgerOf = async (sale: SaleView) => {
    const lines = await get().sql.all<{ book: string; meterId: number | null; amount: number; saleId: number }>(
      'select book, meter_id as "meterId", amount_fen as amount, sale_id as "saleId" from ledger_entries where txn_ref = ? order by id', [sale.receiptNo]);
    expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
    expect(lines.every((l) => l.saleId === sale.id)).toBe(true);
    return lines.map(({ book, meterId, amount }) => ({ book, meterId, amount }));
  };
  const meterRow = (id: number) => get().sql.one<{ credit_fen: number; remaining: number; overdraft: number }>('select credit_fen, remaining, overdraft from meters where id = ?', [id]);
  const unitsToDate = async (accountId: number, period = 'Y2026') => (await get().sql.all<{ units: number }>(
    "select units from units_to_date where account_id = ? and utility = 'electricity' and period_key = ?", [accountId, period]))[0]?.units ?? null;
  return { sell, sold, ledgerOf, meterRow, unitsToDate };
}

describe('cash sales', () => {
  let fx: Fixture;
  const { sell, sold, ledgerOf, meterRow, unitsToDate } = salesKit(() => fx);
  const account = async (kind: 'energy' | 'money' | 'hall' | 'water', overrides = {}) => {
    const view = await fx.openAccount([fx.newMeter(kind, overrides)]);
    return { accountId: view.id, meterId: view.meters[0]!.id };
  };

  beforeAll(async () => {
    fx = await buildBackend();
    await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  });
  afterAll(async () => {
    const checks = await verifyBooks(fx.backend.database.db);
    await fx.close();
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('energy meter: splits a sale across the 2,880 kWh tier boundary and keeps the remainder as credit', async () => {
    const { accountId, meterId } = await account('energy');
    const first = await sold(meterId, { mode: 'units', units: 287_000 }, 140_142);
    // 287,000 × 0.4883 = 1401.421 → 1401.42 yuan; units-to-date 2,870 kWh
    expect(first).toMatchObject({ payable: 140_142, charge: 140_142, units: 287_000, creditAfter: 0, change: 0, tierBefore: 1 });
    expect(await unitsToDate(accountId)).toBe(287_000);
    const second = await sold(meterId, { mode: 'money', amount: 10_000 });
    // 10 kWh left in tier 1 (4.88), then 9512 fen buy 176.71 kWh at 0.5383 → 186 whole kWh in all
    expect(second.segments).toEqual([
      { tier: 1, units: 1_000, price: 4883, charge: 488 },
      { tier: 2, units: 17_600, price: 5383, charge: 9474 },
    ]);
    expect(second).toMatchObject({ payable: 10_000, charge: 9_962, units: 18_600, tierBefore: 1, creditBefore: 0, creditAfter: 38, creditedToMeter: 18_600, meterRemainingAfter: 305_600 });
    expect(await ledgerOf(second)).toEqual([
      { book: 'cash', meterId: null, amount: 10_000 },
      { book: 'revenue', meterId, amount: -9_962 },
      { book: 'customer_credit', meterId, amount: -38 },
    ]);
    expect(await unitsToDate(accountId)).toBe(305_600);
    expect(await meterRow(meterId)).toEqual({ credit_fen: 38, remaining: 305_600, overdraft: 0 });
    const view = await fx.ok('accounts.get', { accountId }, fx.sessions.clerk1);
    expect(view.meters[0]).toMatchObject({ unitsThisPeriod: 305_600, currentTier: 2, credit: 38 });
  });

  it('energy meter: the credit held from one sale is offered again in the next', async () => {
    const { meterId } = await account('energy');
    const first = await sold(meterId, { mode: 'money', amount: 10_000 });
    expect(first).toMatchObject({ units: 20_400, charge: 9_961, creditBefore: 0, creditAfter: 39 });
    const second = await sold(meterId, { mode: 'money', amount: 10_000 });
    // 10,039 fen available → 205 kWh for 100.10 yuan; 0.29 left
    expect(second).toMatchObject({ units: 20_500, charge: 10_010, creditBefore: 39, creditAfter: 29, payable: 10_000 });
    expect(await ledgerOf(second)).toEqual([
      { book: 'cash', meterId: null, amount: 10_000 },
      { book: 'revenue', meterId, amount: -10_010 },
      { book: 'customer_credit', meterId, amount: 10 },
    ]);
    expect((await meterRow(meterId)).credit_fen).toBe(29);
  });

  it('water meter: prices above 1 yuan per m³ sell in the open tier', async () => {
    const { meterId } = await account('water');
    const first = await sold(meterId, { mode: 'units', units: 26_000 }, 100_740);
    expect(first.segments.map((s) => s.charge)).toEqual([62_100, 38_640]);
    const second = await sold(meterId, { mode: 'money', amount: 10_000 });
    expect(second).toMatchObject({ units: 1_700, charge: 9_911, creditAfter: 89, tierBefore: 3 });
    expect(second.segments).toEqual([{ tier: 3, units: 1_700, price: 58_300, charge: 9_911 }]);
  });

  it('money meter: the card carries yuan, units are an estimate, units-to-date do not move', async () => {
    const { accountId, meterId } = await account('money');
    const before = (await fx.counts()).units_to_date;
    const sale = await sold(meterId, { mode: 'money', amount: 5_000 }, 5_000);
    expect(sale).toMatchObject({
      creditKind: 'money', payable: 5_000, charge: 5_000, units: 10_240, unitsAreEstimate: true,
      creditedToMeter: 5_000, creditBefore: 0, creditAfter: 0, meterRemainingAfter: 5_000,
    });
    expect(await ledgerOf(sale)).toEqual([{ book: 'cash', meterId: null, amount: 5_000 }, { book: 'revenue', meterId, amount: -5_000 }]);
    expect((await fx.counts()).units_to_date).toBe(before);
    expect(await unitsToDate(accountId)).toBeNull();
    expect(await meterRow(meterId)).toEqual({ credit_fen: 0, remaining: 5_000, overdraft: 0 });
  });

  it('hall-kept meter: the whole payment becomes held credit, no revenue yet; by-units is refused', async () => {
    const { meterId } = await account('hall');
    const sale = await sold(meterId, { mode: 'money', amount: 20_000 }, 20_000);
    expect(sale).toMatchObject({ creditKind: 'hall', payable: 20_000, charge: 0, units: 0, creditAfter: 20_000, creditedToMeter: 0 });
    expect(await ledgerOf(sale)).toEqual([{ book: 'cash', meterId: null, amount: 20_000 }, { book: 'customer_credit', meterId, amount: -20_000 }]);
    expect((await meterRow(meterId)).credit_fen).toBe(20_000);
    const before = await fx.counts();
    const byUnits = refusal(await sell(meterId, { mode: 'units', units: 100 }));
    expect(byUnits).toEqual({ code: 'hall-meter-sells-money-only', message: '远程费控表只能按金额充值', params: {} });
    expect(await fx.counts()).toEqual(before);
  });

  it('records tendered and change; tendering too little writes nothing', async () => {
    const { meterId } = await account('money');
    const sale = await sold(meterId, { mode: 'money', amount: 5_000 }, 10_000);
    expect(sale).toMatchObject({ payable: 5_000, tendered: 10_000, change: 5_000 });
    const before = await fx.counts();
    const short = refusal(await sell(meterId, { mode: 'money', amount: 5_000 }, 4_999));
    expect(short).toEqual({ code: 'tendered-too-little', message: '实收金额不足，应收 50.00 元', params: { payable: '50.00' } });
    expect(await fx.counts()).toEqual(before);
  });

  it('an idempotent retry answers the first sale; a clashing reuse of the key is refused and writes nothing', async () => {
    const { meterId } = await account('energy');
    const key = 'retry-key-0001';
    const first = await sold(meterId, { mode: 'money', amount: 10_000 }, 10_000, key);
    expect(first.replayed).toBe(false);
    const before = await fx.counts();
    const again = await sold(meterId, { mode: 'money', amount: 10_000 }, 10_000, key);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await fx.counts()).toEqual(before);
    expect(Number((await fx.sql.one<{ n: number }>('select count(*) as n from sales where idempotency_key = ?', [key])).n)).toBe(1);
    const clash = refusal(await sell(meterId, { mode: 'money', amount: 20_000 }, 20_000, key));
    expect(clash).toEqual({ code: 'idempotency-conflict', message: expectedMessage('idempotency-conflict'), params: {} });
    const otherTender = refusal(await sell(meterId, { mode: 'money', amount: 10_000 }, 20_000, key));
    expect(otherTender.code).toBe('idempotency-conflict');
    expect(await fx.counts()).toEqual(before);
    const reprint = await fx.ok('sales.get', { saleId: first.id }, fx.sessions.clerk1);
    expect(reprint).toEqual(first);
  });

  it('refuses a sale past the credit cap and writes nothing', async () => {
    const { meterId } = await account('energy', { creditCap: 10_000 });
    const before = await fx.counts();
    const capped = refusal(await sell(meterId, { mode: 'money', amount: 10_000 }));
    expect(capped).toEqual({ code: 'credit-cap-exceeded', message: '超过表的囤积上限 100.00 kWh（当前剩余 0.00 kWh）', params: { cap: '100.00 kWh', remaining: '0.00 kWh' } });
    expect(await fx.counts()).toEqual(before);
    const fits = await sold(meterId, { mode: 'units', units: 10_000 }, 4_883);
    expect(fits).toMatchObject({ units: 10_000, meterRemainingAfter: 10_000 });
  });

  it('recovers a meter overdraft first', async () => {
    const { meterId } = await account('energy');
    await fx.sql.run('update meters set overdraft = 500, remaining = 0 where id = ?', [meterId]);
    const sale = await sold(meterId, { mode: 'money', amount: 10_000 });
    expect(sale).toMatchObject({ creditedToMeter: 20_400, overdraftRecovered: 500, meterRemainingAfter: 19_900 });
    expect(await meterRow(meterId)).toEqual({ credit_fen: 39, remaining: 19_900, overdraft: 0 });
    const later = await sold(meterId, { mode: 'money', amount: 10_000 });
    expect(later.overdraftRecovered).toBe(0);
  });
});

describe('receipt serials and the turn of the year', () => {
  let fx: Fixture;
  const { sell, sold, unitsToDate } = salesKit(() => fx);
  beforeAll(async () => {
    fx = await buildBackend();
    await fx.ok('shifts.open', { float: 10_000 }, fx.sessions.clerk1);
  });
  afterAll(async () => { await fx.close(); });

  it('are gapless across refused and rolled-back sales, and restart with units-to-date in a new year', async () => {
    const m = fx.meters;
    const a = await sold(m.energy, { mode: 'units', units: 290_000 }, 200_000);
    expect(a.receiptNo).toBe('A01-2026-000001');
    expect(a.segments.map((s) => s.tier)).toEqual([1, 2]);
    expect(refusal(await sell(m.money, { mode: 'money', amount: 5_000 }, 100)).code).toBe('tendered-too-little');
    const b = await sold(m.money, { mode: 'money', amount: 5_000 });
    expect(b.receiptNo).toBe('A01-2026-000002');

    // A failure after the serial was allocated (the ledger insert) rolls the whole sale back, serial included.
    for (const statement of failingLedger(fx.dialect).create) await fx.sql.run(statement);
    const before = await fx.counts();
    const failed = refusal(await sell(m.hall, { mode: 'money', amount: 7_777 }));
    expect(failed).toEqual({ code: 'internal', message: '系统内部错误，请联系管理员（未写入任何数据）', params: {} });
    expect(await fx.counts()).toEqual(before);
    expect(String(fx.logged.at(-1))).toContain('injected');
    for (const statement of failingLedger(fx.dialect).drop) await fx.sql.run(statement);

    const c = await sold(m.hall, { mode: 'money', amount: 7_000 });
    expect(c.receiptNo).toBe('A01-2026-000003');
    expect(await fx.sql.all('select year, last_no from receipt_sequences')).toEqual([{ year: 2026, last_no: 3 }]);

    // 23:59:59 on 31 December in Beijing is still 2026.
    fx.clock.set('2026-12-31T15:59:59.000Z');
    await fx.relogin('clerk1');
    const d = await sold(m.hall, { mode: 'money', amount: 100 });
    expect(d).toMatchObject({ receiptNo: 'A01-2026-000004', businessDate: '2026-12-31' });

    fx.clock.set('2026-12-31T16:00:00.000Z');
    const quote = await fx.ok('sales.quote', { meterId: m.energy, request: { mode: 'units', units: 10_000 } }, fx.sessions.clerk1);
    expect(quote).toMatchObject({ tierBefore: 1, charge: 4_883 });
    const e = await sold(m.energy, { mode: 'units', units: 10_000 }, 4_883);
    expect(e).toMatchObject({ receiptNo: 'A01-2027-000001', businessDate: '2027-01-01', tierBefore: 1, charge: 4_883 });
    expect(e.segments).toEqual([{ tier: 1, units: 10_000, price: 4883, charge: 4_883 }]);
    expect(await unitsToDate(fx.accounts.energy.id, 'Y2026')).toBe(290_000);
    expect(await unitsToDate(fx.accounts.energy.id, 'Y2027')).toBe(10_000);
    const f = await sold(m.money, { mode: 'money', amount: 100 });
    expect(f.receiptNo).toBe('A01-2027-000002');
    const checks = await verifyBooks(fx.backend.database.db);
    expect(checks.filter((ch) => !ch.ok)).toEqual([]);
  });
});
