/**
 * Issue 4's property: random operation sequences (sales by money and by units on energy, water, money and
 * hall-kept meters, paid in cash or by voucher, holiday cash with the supervisor's approval, refused ones
 * included; shifts opened and closed with a counted drawer; time moving by hours, days and across year ends,
 * from start dates just before real holidays; meter changes; account closes with an approved refund; voucher
 * registration; settlement switches; cash drops; bank deposits; approved reversals) keep the books. After
 * every PROPERTY_CHECK_EVERY operations the ledger, the drawers, the held credit and the receipt serials are
 * checked with SQL against the database and against a model kept from the operations alone, and `db verify`
 * passes at the end. The generator, model and checker live in electron/bench so the benchmark runs the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOp, countDrawer } from '../../electron/bench/ledger-property-apply';
import { checkBooks } from '../../electron/bench/ledger-property-check';
import { buildHall } from '../../electron/bench/ledger-property-hall';
import { emptyModel } from '../../electron/bench/ledger-property-model';
import { opArbitrary, PROPERTY_CHECK_EVERY, PROPERTY_RUN_LENGTH, runLedgerProperty, START_DATES } from '../../electron/bench/ledger-property';
import type { Model } from '../../electron/bench/ledger-property';
import { sqlOf } from '../support/backend';

const RUNS = 4;
const OPS = PROPERTY_RUN_LENGTH;

function merge(into: Map<string, number>, from: ReadonlyMap<string | number, number>): void {
  for (const [key, n] of from) into.set(String(key), (into.get(String(key)) ?? 0) + n);
}

describe('the books under random operation sequences', () => {
  it(`hold after ${RUNS} × ${OPS} operations (${RUNS * OPS} in all)`, async () => {
    const applied = new Map<string, number>();
    const refused = new Map<string, number>();
    const years = new Map<string, number>();
    const models: Model[] = [];
    const start = fc.constantFrom(...START_DATES);
    const property = fc.asyncProperty(fc.array(opArbitrary, { minLength: OPS, maxLength: OPS }), start, async (ops, startAt) => {
      const model = await runLedgerProperty(ops, { checkEvery: PROPERTY_CHECK_EVERY, start: startAt });
      merge(applied, model.applied);
      merge(refused, model.refused);
      merge(years, model.receipts);
      models.push(model);
    });
    // Two halls at a time: while one waits for a supervisor's password check (scrypt, off the main thread), the other runs.
    await Promise.all([0, 1].map(() => fc.assert(property, { numRuns: RUNS / 2, endOnFailure: true })));

    expect(models).toHaveLength(RUNS);
    expect([...applied.values()].reduce((a, b) => a + b, 0)).toBe(RUNS * OPS);
    // The sequences reached every kind of operation and every refusal the brief names.
    const kinds = ['sell', 'openShift', 'closeShift', 'advance', 'yearEnd', 'changeMeter', 'closeAccount', 'registerVoucher', 'setSettlement', 'drop', 'deposit', 'reverse'];
    for (const kind of kinds) expect(applied.get(kind) ?? 0).toBeGreaterThan(0);
    console.info(`refusals over ${RUNS * OPS} operations: ${JSON.stringify(Object.fromEntries([...refused].sort()))}`);
    for (const code of [
      'amount-buys-nothing', 'credit-cap-exceeded', 'tendered-too-little', 'no-open-shift', 'shift-already-open', 'residual-too-large',
      'sale-over-maximum', 'drawer-limit-reached', 'bank-transfer-only', 'holiday-cash-needs-approval', 'holiday-cash-over-limit',
      'holiday-cash-over-customer-cap', 'deposit-overdue-blocks', 'voucher-insufficient', 'voucher-used-up', 'voucher-other-account',
      'voucher-tender-mismatch', 'voucher-duplicate', 'drop-exceeds-drawer', 'deposit-amount-mismatch', 'deposit-item-unavailable',
    ]) {
      expect(refused.get(code) ?? 0, code).toBeGreaterThan(0);
    }
    // Holiday cash was taken, banked and reversed; drops were banked.
    const all = (pick: (m: Model) => number) => models.reduce((sum, m) => sum + pick(m), 0);
    expect(all((m) => [...m.obligations.values()].filter((o) => o.deposited).length)).toBeGreaterThan(0);
    expect(all((m) => [...m.obligations.values()].filter((o) => o.reversed).length)).toBeGreaterThan(0);
    expect(all((m) => [...m.drops.values()].filter((d) => d.deposited).length)).toBeGreaterThan(0);
    // Serials restarted in more than one year, and cash both came in and went back out as refunds.
    expect(years.size).toBeGreaterThan(1);
    expect(models.some((m) => [...m.shifts.values()].some((s) => s.closed !== null && s.closed.counted !== s.closed.expected))).toBe(true);
  }, 300_000); // ~40 s on an idle 2-core machine; generous for a loaded one (scrypt at every approval)
});

describe('the checker', () => {
  it('catches a model that lost a sale, and a balanced pair of lines slipped in behind the backend', async () => {
    const hall = await buildHall();
    try {
      const model = emptyModel();
      await applyOp(hall, model, { kind: 'openShift', who: 'clerk1', float: 10_000 });
      await applyOp(hall, model, { kind: 'sell', who: 'clerk1', slot: 'hall', mode: 'money', amount: 5_000, aligned: true, tender: 'exact', extra: 0, pay: 'cash', voucher: 0, drain: false, approve: true });
      checkBooks(hall, model);
      model.moneyIn -= 5_000;
      expect(() => checkBooks(hall, model)).toThrow(/against the model money in/);
      model.moneyIn += 5_000;
      // A balanced pair (cash +1, revenue −1) slipped in behind the backend: only the model can see it.
      const insert = `insert into ledger_entries (txn_ref, sale_id, book, account_id, meter_id, shift_id, amount_fen, created_at)
        values ('tamper', null, ?, null, null, ?, ?, '2026-06-15T02:00:00.000Z')`;
      const sql = sqlOf(hall.backend);
      await sql.run(insert, ['cash', model.openShift.clerk1, 1]);
      await sql.run(insert, ['revenue', null, -1]);
      expect(() => checkBooks(hall, model)).toThrow(/against the model money in/);
    } finally {
      await hall.close();
    }
  });
});

describe('countDrawer', () => {
  it('counts any total exactly in renminbi denominations', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 50_000_000 }), (total) => {
      const counted = countDrawer(total);
      expect(Object.entries(counted).reduce((sum, [value, pieces]) => sum + Number(value) * pieces, 0)).toBe(total);
    }));
  });
});
