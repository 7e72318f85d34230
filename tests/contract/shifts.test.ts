import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import { refusedWithoutWrites } from '../support/refusals';
import type { Fixture } from '../support/backend';
import { verifyBooks } from '../../electron/db/verify';

let fx: Fixture;
beforeAll(async () => { fx = await buildBackend(); });
afterAll(async () => {
  const checks = await verifyBooks(fx.backend.database.db);
  await fx.close();
  expect(checks.filter((c) => !c.ok)).toEqual([]);
});

let clerks = 0;
/** A fresh clerk with a session of their own, so each test owns its shifts. */
async function clerk() {
  clerks += 1;
  const username = `shift.clerk${clerks}`;
  const user = await fx.ok('users.create', { username, displayName: `收费员${clerks}`, role: 'clerk', password: 'shift1234' }, fx.sessions.admin);
  return { id: user.id, name: user.displayName, session: (await fx.ok('auth.login', { username, password: 'shift1234' }, null)).session };
}
const sale = (session: string, meterId: number, amount: number) =>
  fx.call('sales.sell', { meterId, request: { mode: 'money', amount }, tendered: amount, idempotencyKey: fx.key() }, session);

describe('shifts', () => {
  it('opens with a float, once per clerk; a sale needs the selling clerk\'s own open shift', async () => {
    const a = await clerk();
    const b = await clerk();
    expect(await fx.ok('shifts.current', {}, a.session)).toBeNull();
    const before = await fx.counts();
    const shift = await fx.ok('shifts.open', { float: 50_000 }, a.session);
    expect(shift).toEqual({
      id: expect.any(Number), clerkId: a.id, counterCode: 'A01', status: 'open', openedAt: '2026-06-15T02:00:00.000Z', float: 50_000,
      closedAt: null, expected: null, counted: null, shortOver: null, denominations: null,
    });
    expect(await fx.counts()).toEqual({ ...before, shifts: before.shifts + 1, audit_log: before.audit_log + 1 });
    expect(await fx.ok('shifts.current', {}, a.session)).toEqual(shift);
    await refusedWithoutWrites(fx, 'shifts.open', { float: 0 }, a.session, 'shift-already-open');

    const refused = await refusedWithoutWrites(fx, 'sales.sell', { meterId: fx.meters.money, request: { mode: 'money', amount: 1_000 }, tendered: 1_000, idempotencyKey: fx.key() }, b.session, 'no-open-shift');
    expect(refused.message).toBe('请先开班');
    await refusedWithoutWrites(fx, 'sales.sell', { meterId: fx.meters.money, request: { mode: 'money', amount: 1_000 }, tendered: 1_000, idempotencyKey: fx.key() }, fx.sessions.supervisor, 'no-open-shift');
    const ok = await sale(a.session, fx.meters.money, 1_000);
    expect(ok.ok && ok.value).toMatchObject({ shiftId: shift.id, clerkId: a.id });
  });

  it('closes by denomination: expected and counted are recorded with the shortage, never forced', async () => {
    const c = await clerk();
    const shift = await fx.ok('shifts.open', { float: 50_000 }, c.session);
    for (const [meterId, amount] of [[fx.meters.energy, 10_000], [fx.meters.water, 5_000], [fx.meters.hall, 20_000]] as const) {
      expect((await sale(c.session, meterId, amount)).ok).toBe(true);
    }
    const unknown = await refusedWithoutWrites(fx, 'shifts.close', { counted: { 10000: 8, 300: 1, 7: 2 } }, c.session, 'unknown-denomination');
    expect(unknown.message).toBe('无效的面额：7, 300');
    expect((await fx.ok('shifts.current', {}, c.session))?.status).toBe('open');

    const before = await fx.counts();
    const report = await fx.ok('shifts.close', { counted: { 10000: 8, 1000: 4, 100: 9 }, note: '少一元' }, c.session);
    expect(await fx.counts()).toEqual({ ...before, audit_log: before.audit_log + 1 });
    expect(report.shift).toMatchObject({
      id: shift.id, status: 'closed', closedAt: '2026-06-15T02:00:00.000Z', expected: 85_000, counted: 84_900, shortOver: -100,
      denominations: { 10000: 8, 1000: 4, 100: 9 },
    });
    expect(report).toMatchObject({
      clerkName: c.name, saleCount: 3, salesTotal: 35_000, refundsTotal: 0, cashIn: 35_000, expectedCash: 85_000,
      byUtility: [
        { utility: 'electricity', count: 2, amount: 30_000, units: 20_400 },
        { utility: 'water', count: 1, amount: 5_000, units: 1_400 },
      ],
    });
    expect(report.firstReceipt).toMatch(/^A01-2026-\d{6}$/);
    expect(report.lastReceipt! > report.firstReceipt!).toBe(true);
    expect(await fx.sql.one('select note from shifts where id = ?', [shift.id])).toEqual({ note: '少一元' });
    await refusedWithoutWrites(fx, 'shifts.close', { counted: {} }, c.session, 'no-open-shift');
    await refusedWithoutWrites(fx, 'sales.sell', { meterId: fx.meters.money, request: { mode: 'money', amount: 100 }, tendered: 100, idempotencyKey: fx.key() }, c.session, 'no-open-shift');
    // A new shift may open after the close.
    expect((await fx.ok('shifts.open', { float: 0 }, c.session)).id).not.toBe(shift.id);
  });

  it('records an overage as positive', async () => {
    const d = await clerk();
    await fx.ok('shifts.open', { float: 1_000 }, d.session);
    const report = await fx.ok('shifts.close', { counted: { 1000: 1, 50: 1 } }, d.session);
    expect(report.shift).toMatchObject({ expected: 1_000, counted: 1_050, shortOver: 50 });
    expect(report).toMatchObject({ saleCount: 0, salesTotal: 0, byUtility: [], firstReceipt: null, lastReceipt: null });
  });

  it('a clerk reads only their own shift report; supervisors and admins read any', async () => {
    const e = await clerk();
    const f = await clerk();
    const shift = await fx.ok('shifts.open', { float: 2_000 }, e.session);
    expect((await fx.ok('shifts.report', { shiftId: shift.id }, e.session)).shift.id).toBe(shift.id);
    const notYours = await refusedWithoutWrites(fx, 'shifts.report', { shiftId: shift.id }, f.session, 'shift-not-yours');
    expect(notYours.message).toBe('只能操作自己的班次');
    expect((await fx.ok('shifts.report', { shiftId: shift.id }, fx.sessions.supervisor)).expectedCash).toBe(2_000);
    expect((await fx.ok('shifts.report', { shiftId: shift.id }, fx.sessions.admin)).clerkName).toBe(e.name);
    const missing = await refusedWithoutWrites(fx, 'shifts.report', { shiftId: 999_999 }, fx.sessions.supervisor, 'not-found');
    expect(missing.message).toBe('未找到：shift');
  });
});
