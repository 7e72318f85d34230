/**
 * Bad input on EVERY contract method (the table is tests/support/bad-input-table.ts): each case must answer
 * the exact error code with its translated message, and write no row at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, buildBackend, expectedMessage, refusal } from '../support/backend';
import { tableNames } from '../support/sql';
import { KINDS, SPECS } from '../support/bad-input-table';
import type { BadFixture, Case, Caller, MethodSpec } from '../support/bad-input-table';
import { MONEY_SPECS, isExtraCaller } from '../support/bad-input-money';
import { buildMoneyState, expireApprovals } from '../support/bad-input-money-fixture';
import { buildMeterState } from '../support/bad-input-meters';
import { buildControlState } from '../support/bad-input-control';
import { contract, METHOD_NAMES } from '../../shared/contract/methods';
import type { MethodName } from '../../shared/contract/methods';
import { ROLES } from '../../shared/vocabulary';
import type { Result } from '../../shared/result';

let fx: BadFixture;

beforeAll(async () => {
  const base = await buildBackend();
  const { sessions } = base;
  const shift = await base.ok('shifts.open', { float: 10_000 }, sessions.clerk1);
  const saleKey = 'setup-sale-0001';
  const sale = await base.ok('sales.sell', { meterId: base.meters.energy, request: { mode: 'money', amount: 10_000 }, tendered: 10_000, idempotencyKey: saleKey }, sessions.clerk1);
  await base.ok('sales.sell', { meterId: base.meters.money, request: { mode: 'money', amount: 5_000 }, tendered: 5_000, idempotencyKey: base.key() }, sessions.clerk1);
  // Moves the clock past the approvals' expiry: before the lockout below, which must still hold during the matrix.
  const expired = await expireApprovals(base, sale.id);
  const closed = await base.openAccount([base.newMeter('hall')]);
  await base.ok('accounts.close', { accountId: closed.id, residuals: [], reason: '测试销户' }, sessions.supervisor);
  const moved = await base.openAccount([base.newMeter('energy')]);
  await base.ok('accounts.changeMeter', { accountId: moved.id, oldMeterId: moved.meters[0]!.id, finalRemaining: 0, newMeter: base.newMeter('energy'), reason: '测试换表' }, sessions.supervisor);
  const capped = await base.openAccount([base.newMeter('energy', { creditCap: 1_000 })]);
  const retired = await base.ok('users.create', { username: 'retired.one', displayName: '停用', role: 'clerk', password: 'retired123' }, sessions.admin);
  await base.ok('users.setActive', { userId: retired.id, active: false }, sessions.admin);
  await base.ok('users.create', { username: 'locked.one', displayName: '锁定', role: 'clerk', password: 'locked123' }, sessions.admin);
  for (let i = 0; i < 5; i += 1) await base.call('auth.login', { username: 'locked.one', password: `nope${i}` });
  const today = await base.ok('tariffs.create', { code: 'TODAY-E', name: '今日', utility: 'electricity', category: 'residential', period: 'none', effectiveFrom: '2026-06-15', tiers: [{ uptoUnits: null, price: 5000 }] }, sessions.admin);
  const money = await buildMoneyState(base, expired);
  const meters = await buildMeterState(base);
  const control = await buildControlState(Object.assign(base, meters));
  fx = Object.assign(base, {
    closedAccount: closed.id, closedMeter: closed.meters[0]!.id, removedMeter: moved.meters[0]!.id, removedMeterAccount: moved.id,
    cappedMeter: capped.meters[0]!.id, saleId: sale.id, saleKey, clerk1Shift: shift.id, todayTariff: today.id, ...money, ...meters, ...control,
  });
});
afterAll(async () => { await fx.close(); });

function sessionOf(who: Caller): string | null {
  if (who === 'none') return null;
  if (who === 'bogus') return 'not-a-session-token';
  return isExtraCaller(who) ? fx.extraSessions[who] : fx.sessions[who];
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
function setPath(target: Record<string, unknown>, path: string, value: unknown, remove = false): Record<string, unknown> {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return target;
}

/** Every case of one method: input shape, extra keys, each field missing and wrong, access, and the table's own cases. */
function casesFor(method: MethodName, spec: MethodSpec): Case[] {
  const cases: Case[] = [];
  // A fresh deep copy per case: a variant must never leak into the next case (or the shared tier tables).
  const valid = (f: BadFixture) => structuredClone(spec.valid(f));
  const bad = (name: string, path: string, input: (fx: BadFixture) => unknown, who: Caller = spec.who): void => {
    cases.push({ name, who, code: 'invalid-input', path, input });
  };
  for (const shape of [undefined, null, [], 'text', 42]) bad(`input ${show(shape)}`, '(input)', () => shape);
  bad('an extra field', '(input)', (f) => ({ ...valid(f), bogus: 1 }));
  for (const path of spec.strict ?? []) bad(`an extra field in ${path}`, path, (f) => setPath(valid(f), `${path}.bogus`, 1));
  for (const [path, kind, optional] of spec.fields) {
    if (!optional) bad(`${path} missing`, path, (f) => setPath(valid(f), path, undefined, true));
    const values = KINDS[kind](undefined);
    values.forEach((_, index) => bad(`${path} = ${show(values[index])}`, path, (f) => {
      const input = valid(f);
      const current = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], input);
      return setPath(input, path, KINDS[kind](current)[index]);
    }));
  }
  const access = contract[method].access;
  if (access !== 'public') {
    cases.push({ name: 'no session', who: 'none', code: 'unauthenticated', input: valid });
    cases.push({ name: 'an unknown session, bad input too', who: 'bogus', code: 'unauthenticated', input: () => null });
  }
  if (Array.isArray(access)) {
    for (const role of ROLES.filter((r) => !access.includes(r))) {
      const who = role === 'clerk' ? 'clerk1' : role;
      cases.push({ name: `role ${role}`, who, code: 'forbidden', input: valid });
      cases.push({ name: `role ${role}, bad input too`, who, code: 'forbidden', input: () => null });
    }
  }
  return [...cases, ...(spec.cases ?? [])];
}

async function expectRefusedWithoutWrites(method: string, c: Case): Promise<void> {
  const before = await fx.counts();
  const result: Result<unknown> = await fx.call(method, c.input(fx), sessionOf(c.who), c.language);
  const error = refusal(result);
  expect(error.code).toBe(c.code);
  expect(error.message).toBe(expectedMessage(c.code, error.params, c.language));
  if (c.path !== undefined) {
    const issues = result.ok ? [] : result.error.issues ?? [];
    expect(issues.map((i) => i.path)).toContainEqual(expect.stringMatching(new RegExp(`^${c.path.replace(/[.()]/g, '\\$&')}(\\.|$)`)));
  }
  expect(await fx.counts()).toEqual(before);
}

describe('the table covers the contract', () => {
  it('has an entry for every method and none for a method that does not exist', () => {
    expect(Object.keys(SPECS).sort()).toEqual([...METHOD_NAMES].sort());
  });
  it('counts() covers every table but schema_migrations and settings, so "writes nothing" means nothing', async () => {
    const tables = await tableNames(fx.sql, fx.dialect);
    expect([...TABLES].sort()).toEqual(tables.filter((t) => t !== 'schema_migrations' && t !== 'settings'));
  });
  it('every valid input passes its method\'s schema, so each variant differs from a valid call in one place', () => {
    for (const method of METHOD_NAMES) {
      const parsed = contract[method].input.safeParse(SPECS[method].valid(fx));
      expect({ method, ok: parsed.success }).toEqual({ method, ok: true });
    }
  });
});

for (const method of METHOD_NAMES) {
  describe(method, () => {
    const spec = SPECS[method] as MethodSpec | undefined;
    if (!spec) {
      it('has bad-input cases', () => { expect.fail(`no bad-input spec for ${method}`); });
      return;
    }
    for (const c of casesFor(method, spec)) {
      it(`${c.name} → ${c.code}${c.language ? ` (${c.language})` : ''}`, () => expectRefusedWithoutWrites(method, c));
    }
  });
}

describe('unknown methods', () => {
  for (const name of ['sales.refund', 'SALES.SELL', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'x'.repeat(100)]) {
    it(`"${show(name)}" → unknown-method`, async () => {
      const before = await fx.counts();
      const error = refusal(await fx.call(name, {}, fx.sessions.admin));
      expect(error).toEqual({ code: 'unknown-method', message: `未知的操作：${name.slice(0, 60)}`, params: { method: name.slice(0, 60) } });
      expect(await fx.counts()).toEqual(before);
    });
  }
  it('answers in English when asked', async () => {
    expect(refusal(await fx.call('sales.refund', {}, null, 'en')).message).toBe('Unknown operation: sales.refund');
  });
});

describe('after the matrix', () => {
  it('a replayed sale writes nothing and answers replayed', async () => {
    const before = await fx.counts();
    const again = await fx.ok('sales.sell', { meterId: fx.meters.energy, request: { mode: 'money', amount: 10_000 }, tendered: 10_000, idempotencyKey: fx.saleKey }, fx.sessions.clerk1);
    expect(again).toMatchObject({ id: fx.saleId, replayed: true });
    expect(await fx.counts()).toEqual(before);
  });
  // Each refusal above is specific only if the valid call it varies is accepted: the money methods' (and the
  // approval-backed close's) valid inputs, run once each, by the spec's caller, after every case.
  it.each([...Object.keys(MONEY_SPECS), 'accounts.close'])('the valid input of %s is accepted', async (method) => {
    const spec = SPECS[method as MethodName];
    const result = await fx.call(method, spec.valid(fx), sessionOf(spec.who));
    expect(result.ok ? 'ok' : result.error).toBe('ok');
  });
  it('no case reached an internal error', () => {
    expect(fx.logged).toEqual([]);
  });
});
