import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, expectedMessage, refusal } from '../support/backend';
import type { Fixture } from '../support/backend';
import { verifyBooks } from '../../electron/db/verify';
import type { SaleView } from '../../shared/contract/views';

type Request = { mode: 'money'; amount: number } | { mode: 'units'; units: number };

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
  const ledgerOf = (sale: SaleView) => {
    const lines = get().raw.prepare('select book, meter_id as meterId, amount_fen as amount, sale_id as saleId from ledger_entries where txn_ref = ? order by id')
      .all(sale.receiptNo) as { book: string; meterId: number | null; amount: number; saleId: number }[];
    expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
    expect(lines.every((l) => l.saleId === sale.id)).toBe(true);
    return lines.map(({ book, meterId, amount }) => ({ book, meterId, amount }));
  };
  const meterRow = (id: number) => get().raw.prepare('select credit_fen, remaining, overdraft from meters where id = ?').get(id) as { credit_fen: number; remaining: number; overdraft: number };
  const unitsToDate = (accountId: number, period = 'Y2026') => (get().raw.prepare(
    "select units from units_to_date where account_id = ? and utility = 'electricity' and period_key = ?").get(accountId, period) as { units: number } | undefined)?.units ?? null;
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
    expect(unitsToDate(accountId)).toBe(287_000);
    const second = await sold(meterId, { mode: 'money', amount: 10_000 });
    // 10 kWh left in tier 1 (4.88), then 9512 fen buy 176.71 kWh at 0.5383 → 186 whole kWh in all
    expect(second.segments).toEqual([
      { tier: 1, units: 1_000, price: 4883, charge: 488 },
      { tier: 2, units: 17_600, price: 5383, charge: 9474 },
    ]);
    expect(second).toMatchObject({ payable: 10_000, charge: 9_962, units: 18_600, tierBefore: 1, creditBefore: 0, creditAfter: 38, creditedToMeter: 18_600, meterRemainingAfter: 305_600 });
    expect(ledgerOf(second)).toEqual([
      { book: 'cash', meterId: null, amount: 10_000 },
      { book: 'revenue', meterId, amount: -9_962 },
      { book: 'customer_credit', meterId, amount: -38 },
    ]);
    expect(unitsToDate(accountId)).toBe(305_600);
    expect(meterRow(meterId)).toEqual({ credit_fen: 38, remaining: 305_600, overdraft: 0 });
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
    expect(ledgerOf(second)).toEqual([
      { book: 'cash', meterId: null, amount: 10_000 },
      { book: 'revenue', meterId, amount: -10_010 },
      { book: 'customer_credit', meterId, amount: 10 },
    ]);
    expect(meterRow(meterId).credit_fen).toBe(29);
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
    const before = fx.counts().units_to_date;
    const sale = await sold(meterId, { mode: 'money', amount: 5_000 }, 5_000);
    expect(sale).toMatchObject({
      creditKind: 'money', payable: 5_000, charge: 5_000, units: 10_240, unitsAreEstimate: true,
      creditedToMeter: 5_000, creditBefore: 0, creditAfter: 0, meterRemainingAfter: 5_000,
    });
    expect(ledgerOf(sale)).toEqual([{ book: 'cash', meterId: null, amount: 5_000 }, { book: 'revenue', meterId, amount: -5_000 }]);
    expect(fx.counts().units_to_date).toBe(before);
    expect(unitsToDate(accountId)).toBeNull();
    expect(meterRow(meterId)).toEqual({ credit_fen: 0, remaining: 5_000, overdraft: 0 });
  });

  it('hall-kept meter: the whole payment becomes held credit, no revenue yet; by-units is refused', async () => {
    const { meterId } = await account('hall');
    const sale = await sold(meterId, { mode: 'money', amount: 20_000 }, 20_000);
    expect(sale).toMatchObject({ creditKind: 'hall', payable: 20_000, charge: 0, units: 0, creditAfter: 20_000, creditedToMeter: 0 });
    expect(ledgerOf(sale)).toEqual([{ book: 'cash', meterId: null, amount: 20_000 }, { book: 'customer_credit', meterId, amount: -20_000 }]);
    expect(meterRow(meterId).credit_fen).toBe(20_000);
    const before = fx.counts();
    const byUnits = refusal(await sell(meterId, { mode: 'units', units: 100 }));
    expect(byUnits).toEqual({ code: 'hall-meter-sells-money-only', message: '远程费控表只能按金额充值', params: {} });
    expect(fx.counts()).toEqual(before);
  });

  it('records tendered and change; tendering too little writes nothing', async () => {
    const { meterId } = await account('money');
    const sale = await sold(meterId, { mode: 'money', amount: 5_000 }, 10_000);
    expect(sale).toMatchObject({ payable: 5_000, tendered: 10_000, change: 5_000 });
    const before = fx.counts();
    const short = refusal(await sell(meterId, { mode: 'money', amount: 5_000 }, 4_999));
    expect(short).toEqual({ code: 'tendered-too-little', message: '实收金额不足，应收 50.00 元', params: { payable: '50.00' } });
    expect(fx.counts()).toEqual(before);
  });

  it('an idempotent retry answers the first sale; a clashing reuse of the key is refused and writes nothing', async () => {
    const { meterId } = await account('energy');
    const key = 'retry-key-0001';
    const first = await sold(meterId, { mode: 'money', amount: 10_000 }, 10_000, key);
    expect(first.replayed).toBe(false);
    const before = fx.counts();
    const again = await sold(meterId, { mode: 'money', amount: 10_000 }, 10_000, key);
    expect(again).toEqual({ ...first, replayed: true });
    expect(fx.counts()).toEqual(before);
    expect(fx.raw.prepare('select count(*) as n from sales where idempotency_key = ?').get(key)).toEqual({ n: 1 });
    const clash = refusal(await sell(meterId, { mode: 'money', amount: 20_000 }, 20_000, key));
    expect(clash).toEqual({ code: 'idempotency-conflict', message: expectedMessage('idempotency-conflict'), params: {} });
    const otherTender = refusal(await sell(meterId, { mode: 'money', amount: 10_000 }, 20_000, key));
    expect(otherTender.code).toBe('idempotency-conflict');
    expect(fx.counts()).toEqual(before);
    const reprint = await fx.ok('sales.get', { saleId: first.id }, fx.sessions.clerk1);
    expect(reprint).toEqual(first);
  });

  it('refuses a sale past the credit cap and writes nothing', async () => {
    const { meterId } = await account('energy', { creditCap: 10_000 });
    const before = fx.counts();
    const capped = refusal(await sell(meterId, { mode: 'money', amount: 10_000 }));
    expect(capped).toEqual({ code: 'credit-cap-exceeded', message: '超过表的囤积上限 100.00 kWh（当前剩余 0.00 kWh）', params: { cap: '100.00 kWh', remaining: '0.00 kWh' } });
    expect(fx.counts()).toEqual(before);
    const fits = await sold(meterId, { mode: 'units', units: 10_000 }, 4_883);
    expect(fits).toMatchObject({ units: 10_000, meterRemainingAfter: 10_000 });
  });

  it('recovers a meter overdraft first', async () => {
    const { meterId } = await account('energy');
    fx.raw.prepare('update meters set overdraft = 500, remaining = 0 where id = ?').run(meterId);
    const sale = await sold(meterId, { mode: 'money', amount: 10_000 });
    expect(sale).toMatchObject({ creditedToMeter: 20_400, overdraftRecovered: 500, meterRemainingAfter: 19_900 });
    expect(meterRow(meterId)).toEqual({ credit_fen: 39, remaining: 19_900, overdraft: 0 });
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
    fx.raw.exec("create trigger test_fail_ledger before insert on ledger_entries when new.amount_fen = 7777 begin select raise(abort, 'injected'); end");
    const before = fx.counts();
    const failed = refusal(await sell(m.hall, { mode: 'money', amount: 7_777 }));
    expect(failed).toEqual({ code: 'internal', message: '系统内部错误，请联系管理员（未写入任何数据）', params: {} });
    expect(fx.counts()).toEqual(before);
    expect(String(fx.logged.at(-1))).toContain('injected');
    fx.raw.exec('drop trigger test_fail_ledger');

    const c = await sold(m.hall, { mode: 'money', amount: 7_000 });
    expect(c.receiptNo).toBe('A01-2026-000003');
    expect(fx.raw.prepare('select year, last_no from receipt_sequences').all()).toEqual([{ year: 2026, last_no: 3 }]);

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
    expect(unitsToDate(fx.accounts.energy.id, 'Y2026')).toBe(290_000);
    expect(unitsToDate(fx.accounts.energy.id, 'Y2027')).toBe(10_000);
    const f = await sold(m.money, { mode: 'money', amount: 100 });
    expect(f.receiptNo).toBe('A01-2027-000002');
    const checks = await verifyBooks(fx.backend.database.db);
    expect(checks.filter((ch) => !ch.ok)).toEqual([]);
  });
});
