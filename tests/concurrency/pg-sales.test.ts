/**
 * Several counters selling to ONE account at the same moment on one PostgreSQL database (issue 8 item 2): every
 * backend has its own pool, so the sales really run in parallel transactions under READ COMMITTED. Nothing may
 * come out wrong: no duplicate or missing serial per counter, no lost update of the meter or units-to-date,
 * balanced books, an unforked audit chain, every call settled, and one sale per idempotency key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyBooks } from '../../electron/db/verify';
import { firstBrokenLink } from '../../electron/db/verify-audit-chain';
import { allocateReceiptNo } from '../../electron/db/repositories/receipts-repository';
import type { SaleView } from '../../shared/contract/views';
import type { Result } from '../../shared/result';
import { buildHall, oneTo, serialNumbers } from './hall-kit';
import type { Hall } from './hall-kit';

let hall: Hall | null = null;
afterEach(async () => {
  await hall?.close();
  hall = null;
});

/** A cash sale of `amount` fen to the hall's meter; keys are padded to the contract's 8 characters. */
const sell = (amount: number, key: string) => ({ meterId: hall!.meterId, request: { mode: 'money' as const, amount }, tendered: amount, idempotencyKey: `key-${key}`.padEnd(8, '0') });

function sales(results: readonly Result<unknown>[]): SaleView[] {
  const refused = results.filter((r) => !r.ok);
  expect(refused.map((r) => (r.ok ? null : `${r.error.code}: ${r.error.message}`))).toEqual([]);
  return results.map((r) => (r.ok ? r.value as SaleView : null)!);
}

/** The sales of the meter in the order their credits stack up, and the stack checked link by link. */
async function expectNoLostUpdate(h: Hall, views: readonly SaleView[]): Promise<void> {
  const db = h.counters[0]!.backend.database.db;
  const meter = await db.selectFrom('meters').selectAll().where('id', '=', h.meterId).executeTakeFirstOrThrow();
  const utd = await db.selectFrom('units_to_date').select('units').where('account_id', '=', h.accountId).executeTakeFirstOrThrow();
  const totalUnits = views.reduce((s, v) => s + v.units, 0);
  expect(Number(meter.remaining)).toBe(totalUnits);
  expect(Number(utd.units)).toBe(totalUnits);
  // Each sale was priced on the one before it: its remaining before is the previous one's after, its tier too.
  const stacked = [...views].sort((a, b) => a.meterRemainingAfter - b.meterRemainingAfter);
  stacked.forEach((v, i) => expect(v.meterRemainingAfter - v.creditedToMeter).toBe(i === 0 ? 0 : stacked[i - 1]!.meterRemainingAfter));
}

async function expectSoundBooks(h: Hall): Promise<void> {
  const db = h.counters[0]!.backend.database.db;
  expect((await verifyBooks(db)).filter((c) => !c.ok)).toEqual([]);
  expect(await firstBrokenLink(db)).toBeNull();
}

describe('counters selling to one account at once (PostgreSQL)', () => {
  it('4 counters × 6 sales crossing a tier: gapless serials per counter, no lost update, sound books', async () => {
    hall = await buildHall(4);
    const h = hall;
    // 24 × 80 yuan crosses the first tier (2,880 kWh ≈ 1,406 yuan): a sale priced on a stale tier would show.
    const results = await Promise.all(h.counters.flatMap((c) => oneTo(6).map((i) => c.call('sales.sell', sell(8000, `${c.code}-k${i}`)))));
    const views = sales(results);
    for (const c of h.counters) expect(serialNumbers(views.map((v) => v.receiptNo), c.code)).toEqual(oneTo(6));
    expect(views.some((v) => v.segments.length > 1)).toBe(true);
    await expectNoLostUpdate(h, views);
    await expectSoundBooks(h);
  });

  it('the same idempotency key at two counters at once gives one sale and one replay, never an error', async () => {
    hall = await buildHall(2);
    const [a, b] = hall.counters as [NonNullable<Hall['counters'][0]>, NonNullable<Hall['counters'][0]>];
    for (let i = 0; i < 5; i += 1) {
      const key = `shared-${i}`;
      const [x, y] = sales(await Promise.all([a.call('sales.sell', sell(2000, key)), b.call('sales.sell', sell(2000, key))]));
      expect([x!.replayed, y!.replayed].sort()).toEqual([false, true]);
      expect(x!.receiptNo).toBe(y!.receiptNo);
    }
    const db = a.backend.database.db;
    const rows = await db.selectFrom('sales').select(['idempotency_key', 'receipt_no']).execute();
    expect(rows).toHaveLength(5);
    await expectSoundBooks(hall);
  });

  it('a shift close waits for the sales in flight: the drawer counts exactly the sales that landed in the shift', async () => {
    hall = await buildHall(2);
    const c = hall.counters[0]!;
    const other = hall.counters[1]!;
    const inFlight = [...oneTo(4).map((i) => c.call('sales.sell', sell(1000, `close-${i}`))), other.call('sales.sell', sell(1000, 'other-1'))];
    const close = c.call('shifts.close', { counted: {} });
    const settled = await Promise.all([...inFlight, close]);
    const report = settled.at(-1)!;
    expect(report.ok).toBe(true);
    const shift = (report.ok ? report.value : null) as { shift: { id: number; expected: number; float: number } };
    const landed = settled.slice(0, 4).filter((r) => r.ok).map((r) => (r.ok ? r.value as SaleView : null)!);
    for (const r of settled.slice(0, 4)) if (!r.ok) expect(r.error.code).toBe('no-open-shift');
    expect(landed.every((v) => v.shiftId === shift.shift.id)).toBe(true);
    expect(shift.shift.expected).toBe(shift.shift.float + landed.reduce((s, v) => s + v.payable, 0));
    expect(settled[4]!.ok).toBe(true); // the other counter's shift is not touched
    await expectSoundBooks(hall);
  });
});

describe('a reversal racing sales to the same meter (PostgreSQL)', () => {
  it('either lands before them or is refused as not the latest; the meter holds exactly the standing sales', async () => {
    hall = await buildHall(2);
    const [c1, c2] = hall.counters as [NonNullable<Hall['counters'][0]>, NonNullable<Hall['counters'][0]>];
    const first = await c1.ok('sales.sell', sell(5000, 'rev-first')) as SaleView;
    const request = await c1.ok('approvals.request', { subject: { kind: 'reversal', saleId: first.id }, reason: '收错金额' });
    await c1.ok('approvals.decide', { approvalId: request.id, decision: 'approve', note: null, approver: { username: 'super1', password: 'super1234' } });
    const settled = await Promise.all([
      c1.call('sales.reverse', { saleId: first.id, approvalId: request.id, reason: '收错金额', idempotencyKey: 'key-rev-00001' }),
      ...oneTo(3).map((i) => c2.call('sales.sell', sell(3000, `rev-race-${i}`))),
    ]);
    const [reversal, ...others] = settled;
    if (!reversal!.ok) expect(reversal!.error.code).toBe('reversal-not-latest');
    const standing = [...(reversal!.ok ? [] : [first]), ...sales(others)];
    const db = c1.backend.database.db;
    const meter = await db.selectFrom('meters').selectAll().where('id', '=', hall.meterId).executeTakeFirstOrThrow();
    const utd = await db.selectFrom('units_to_date').select('units').where('account_id', '=', hall.accountId).executeTakeFirstOrThrow();
    const total = standing.reduce((sum, v) => sum + v.units, 0);
    expect([Number(meter.remaining), Number(utd.units)]).toEqual([total, total]);
    await expectSoundBooks(hall);
  });
});

describe('receipt serials on PostgreSQL', () => {
  it('twenty first serials of a new year allocated at once: 1..20, no unique-key error', async () => {
    hall = await buildHall(1);
    const db = hall.counters[0]!.backend.database.db;
    const numbers = await Promise.all(oneTo(20).map(() => db.transaction().execute(async (trx) => {
      const no = await allocateReceiptNo(trx, 'Z09', 2031);
      await sql`select pg_sleep(0.01)`.execute(trx); // hold the row lock a little, as a sale does
      return no;
    })));
    expect(serialNumbers(numbers, 'Z09')).toEqual(oneTo(20));
  });
});

describe('shifts are per counter', () => {
  it('a clerk whose shift is open at C01 cannot sell or open a shift at C02', async () => {
    hall = await buildHall(2);
    const elsewhere = await hall.openCounter('C03', 'clerk1');
    const refusedSale = await elsewhere.call('sales.sell', sell(1000, 'elsewhere-1'));
    expect(refusedSale.ok ? null : [refusedSale.error.code, refusedSale.error.params, refusedSale.error.message])
      .toEqual(['shift-open-elsewhere', { counter: 'C01' }, '您的班次在C01号收费台未交班：请在该收费台收费，或先交班（可在任一收费台交班）']);
    const refusedOpen = await elsewhere.call('shifts.open', { float: 0 });
    expect(refusedOpen.ok ? null : refusedOpen.error.code).toBe('shift-open-elsewhere');
    // At its own counter the clerk sells on.
    expect((await hall.counters[0]!.call('sales.sell', sell(1000, 'home-1'))).ok).toBe(true);
  });

  it('a shift whose workstation died is closed at another counter, its drawer reconciled there and audited with both', async () => {
    hall = await buildHall(1);
    expect((await hall.counters[0]!.call('sales.sell', sell(1000, 'before-the-crash'))).ok).toBe(true);
    const elsewhere = await hall.openCounter('C02', 'clerk1');
    const closed = await elsewhere.call('shifts.close', { counted: { '10000': 5, '1000': 1 }, note: 'C01 的电脑坏了' });
    if (!closed.ok) throw new Error(`${closed.error.code}: ${closed.error.message}`);
    const report = closed.value as { shift: { id: number; counterCode: string; status: string }; expectedCash: number };
    expect([report.shift.counterCode, report.shift.status, report.expectedCash]).toEqual(['C01', 'closed', 51_000]); // float 500 + the sale
    const audit = await elsewhere.backend.database.db.selectFrom('audit_log').select('after_json')
      .where('action', '=', 'shift.close').where('entity_id', '=', String(report.shift.id)).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ counterCode: 'C01', closedAtCounter: 'C02' });
    // With the shift closed the clerk may open one at C02 and sell there.
    expect((await elsewhere.call('shifts.open', { float: 0 })).ok).toBe(true);
    expect((await elsewhere.call('sales.sell', sell(1000, 'after-the-move'))).ok).toBe(true);
  });
});
