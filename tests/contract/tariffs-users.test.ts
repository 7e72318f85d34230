import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRICITY_TIERS, buildBackend, refusal } from '../support/backend';
import { refusedWithoutWrites } from '../support/refusals';
import type { Fixture } from '../support/backend';

let fx: Fixture;
beforeAll(async () => { fx = await buildBackend(); });
afterAll(async () => { await fx.close(); });

const usersRow = (username: string) => fx.sql.one('select failed_logins, locked_until, active from users where username = ?', [username]);

describe('tariffs', () => {
  it('create stores one version with its tiers and audits it; a taken code and unsound tiers are refused', async () => {
    const before = await fx.counts();
    const tariff = await fx.ok('tariffs.create', {
      code: 'COM-E', name: '一般工商业', utility: 'electricity', category: 'commercial', period: 'none', effectiveFrom: '2026-06-15', tiers: [{ uptoUnits: null, price: 6500 }],
    }, fx.sessions.admin);
    expect(tariff).toMatchObject({ code: 'COM-E', period: 'none', versions: [{ effectiveFrom: '2026-06-15', tiers: [{ uptoUnits: null, price: 6500 }] }] });
    const after = await fx.counts();
    expect([after.tariffs - before.tariffs, after.tariff_versions - before.tariff_versions, after.tariff_tiers - before.tariff_tiers, after.audit_log - before.audit_log]).toEqual([1, 1, 1, 1]);
    const base = { name: 'x', utility: 'electricity', category: 'residential', period: 'year', effectiveFrom: '2026-06-15' };
    await refusedWithoutWrites(fx, 'tariffs.create', { ...base, code: 'COM-E', tiers: [{ uptoUnits: null, price: 1 }] }, fx.sessions.admin, 'tariff-code-taken');
    const open = await refusedWithoutWrites(fx, 'tariffs.create', { ...base, code: 'BAD-1', tiers: [{ uptoUnits: null, price: 1 }, { uptoUnits: 100, price: 2 }] }, fx.sessions.admin, 'tariff-invalid');
    expect(open.message).toBe('价格阶梯设置有误：only-last-tier-open');
    const order = await refusedWithoutWrites(fx, 'tariffs.create', { ...base, code: 'BAD-2', tiers: [{ uptoUnits: 200, price: 1 }, { uptoUnits: 100, price: 2 }, { uptoUnits: null, price: 3 }] }, fx.sessions.admin, 'tariff-invalid');
    expect(order.params).toEqual({ reason: 'tier-bounds-not-increasing' });
    const free = await refusedWithoutWrites(fx, 'tariffs.create', { ...base, code: 'BAD-3', tiers: [{ uptoUnits: null, price: 0 }] }, fx.sessions.admin, 'tariff-invalid');
    expect(free.params).toEqual({ reason: 'last-tier-price-zero' });
  });

  it('a new version is never past-dated, never duplicated, and prices only from its date on', async () => {
    const tariffId = fx.tariffs.electricity;
    const meterId = fx.meters.energy;
    const quote = () => fx.ok('sales.quote', { meterId, request: { mode: 'units', units: 10_000 } }, fx.sessions.clerk1);
    const today = await quote();
    expect(today.charge).toBe(4_883);
    const raised = [{ uptoUnits: 288_000, price: 5000 }, ...ELECTRICITY_TIERS.slice(1)];
    const past = await refusedWithoutWrites(fx, 'tariffs.addVersion', { tariffId, effectiveFrom: '2026-06-14', tiers: raised }, fx.sessions.admin, 'tariff-version-in-past');
    expect(past.message).toBe('新价格版本的生效日期不能早于今天');
    await refusedWithoutWrites(fx, 'tariffs.addVersion', { tariffId, effectiveFrom: '2026-01-01', tiers: raised }, fx.sessions.admin, 'tariff-version-in-past');
    const before = await fx.counts();
    const view = await fx.ok('tariffs.addVersion', { tariffId, effectiveFrom: '2026-07-01', tiers: raised }, fx.sessions.admin);
    expect(view.versions.map((v) => v.effectiveFrom)).toEqual(['2026-01-01', '2026-07-01']);
    expect((await fx.counts()).tariff_versions - before.tariff_versions).toBe(1);
    expect((await fx.counts()).tariff_tiers - before.tariff_tiers).toBe(3);
    await refusedWithoutWrites(fx, 'tariffs.addVersion', { tariffId, effectiveFrom: '2026-07-01', tiers: ELECTRICITY_TIERS }, fx.sessions.admin, 'tariff-version-exists');
    const audit = await fx.ok('audit.list', { entity: 'tariff', entityId: String(tariffId) }, fx.sessions.admin);
    expect(audit[0]).toMatchObject({ action: 'tariff.add-version', userId: fx.users.admin });

    expect(await quote()).toEqual(today);
    fx.clock.set('2026-06-30T15:59:59.000Z'); // 23:59:59 on 30 June in Beijing
    await fx.relogin('clerk1');
    expect((await quote()).charge).toBe(4_883);
    fx.clock.set('2026-06-30T16:00:00.000Z'); // 1 July in Beijing
    const july = await quote();
    expect(july.charge).toBe(5_000);
    expect(july.tariffVersionId).toBe(view.versions[1]!.id);
    expect(july.tariffVersionId).not.toBe(today.tariffVersionId);
  });
});

describe('login lockout', () => {
  it('locks after 5 wrong passwords for 15 minutes, then lets the right password in', async () => {
    fx.clock.set('2026-08-01T02:00:00.000Z');
    await fx.relogin('admin');
    await fx.ok('users.create', { username: 'lock.me', displayName: '锁定测试', role: 'clerk', password: 'lockme123' }, fx.sessions.admin);
    for (let i = 1; i <= 4; i += 1) {
      await refusedWithoutWrites(fx, 'auth.login', { username: 'lock.me', password: `wrong${i}` }, null, 'bad-credentials');
      expect(await usersRow('lock.me')).toEqual({ failed_logins: i, locked_until: null, active: 1 });
    }
    const before = await fx.counts();
    const fifth = refusal(await fx.call('auth.login', { username: 'lock.me', password: 'wrong5' }));
    expect(fifth.code).toBe('bad-credentials');
    expect(await fx.counts()).toEqual({ ...before, audit_log: before.audit_log + 1 });
    const until = '2026-08-01T02:15:00.000Z';
    expect(await usersRow('lock.me')).toEqual({ failed_logins: 0, locked_until: until, active: 1 });
    const locked = await refusedWithoutWrites(fx, 'auth.login', { username: 'lock.me', password: 'lockme123' }, null, 'account-locked');
    expect(locked).toEqual({ code: 'account-locked', message: `密码错误次数过多，账号已锁定至 ${until}`, params: { until } });
    const en = await refusedWithoutWrites(fx, 'auth.login', { username: 'lock.me', password: 'lockme123' }, null, 'account-locked', 'en');
    expect(en.message).toBe(`Too many wrong passwords; the account is locked until ${until}`);
    fx.clock.advance(14 * 60_000 + 59_000);
    await refusedWithoutWrites(fx, 'auth.login', { username: 'lock.me', password: 'lockme123' }, null, 'account-locked');
    fx.clock.advance(61_000);
    const login = await fx.ok('auth.login', { username: 'lock.me', password: 'lockme123' }, null);
    expect(login.user).toMatchObject({ username: 'lock.me', lockedUntil: null });
    expect(await usersRow('lock.me')).toEqual({ failed_logins: 0, locked_until: null, active: 1 });
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await refusedWithoutWrites(fx, 'auth.login', { username: 'nobody', password: 'whatever1' }, null, 'bad-credentials');
    expect(unknown.message).toBe('用户名或密码错误');
  });
});

describe('auth.changePassword, users.setActive, users.resetPassword', () => {
  const newUser = async (username: string, password: string) => {
    await fx.relogin('admin');
    const user = await fx.ok('users.create', { username, displayName: username, role: 'clerk', password }, fx.sessions.admin);
    const { session } = await fx.ok('auth.login', { username, password }, null);
    return { id: user.id, session };
  };

  it('changes the own password after checking the old one and the new one\'s strength', async () => {
    const { session } = await newUser('pw.change', 'oldpass123');
    await refusedWithoutWrites(fx, 'auth.changePassword', { oldPassword: 'nope12345', newPassword: 'newpass123' }, session, 'wrong-password');
    await refusedWithoutWrites(fx, 'auth.changePassword', { oldPassword: 'oldpass123', newPassword: 'onlyletters' }, session, 'weak-password');
    await refusedWithoutWrites(fx, 'auth.changePassword', { oldPassword: 'oldpass123', newPassword: 'abc123' }, session, 'weak-password');
    expect(await fx.ok('auth.changePassword', { oldPassword: 'oldpass123', newPassword: 'newpass123' }, session)).toEqual({ changed: true });
    await refusedWithoutWrites(fx, 'auth.login', { username: 'pw.change', password: 'oldpass123' }, null, 'bad-credentials');
    expect((await fx.ok('auth.login', { username: 'pw.change', password: 'newpass123' }, null)).user.username).toBe('pw.change');
    const audit = await fx.ok('audit.list', { entity: 'user' }, fx.sessions.admin);
    expect(audit.some((a) => a.action === 'user.password-changed')).toBe(true);
  });

  it('deactivating a user ends their sessions and refuses their login; reactivating lets them back', async () => {
    const { id, session } = await newUser('to.retire', 'retire123');
    const other = (await fx.ok('auth.login', { username: 'to.retire', password: 'retire123' }, null)).session;
    expect((await fx.ok('auth.me', {}, session)).user.id).toBe(id);
    const view = await fx.ok('users.setActive', { userId: id, active: false }, fx.sessions.admin);
    expect(view).toMatchObject({ id, active: false });
    await refusedWithoutWrites(fx, 'auth.me', {}, session, 'unauthenticated');
    await refusedWithoutWrites(fx, 'shifts.current', {}, other, 'unauthenticated');
    await refusedWithoutWrites(fx, 'auth.login', { username: 'to.retire', password: 'retire123' }, null, 'user-inactive');
    const audit = await fx.ok('audit.list', { entity: 'user', entityId: String(id) }, fx.sessions.admin);
    expect(audit[0]).toMatchObject({ action: 'user.set-active', before: { active: true }, after: { active: false } });
    await fx.ok('users.setActive', { userId: id, active: true }, fx.sessions.admin);
    expect((await fx.ok('auth.login', { username: 'to.retire', password: 'retire123' }, null)).user.active).toBe(true);
  });

  it('a password reset ends sessions, clears a lock and takes the new password', async () => {
    const { id, session } = await newUser('reset.me', 'before123');
    for (let i = 0; i < 5; i += 1) await fx.call('auth.login', { username: 'reset.me', password: 'wrong' });
    expect(await usersRow('reset.me')).toMatchObject({ locked_until: expect.any(String) });
    await refusedWithoutWrites(fx, 'users.resetPassword', { userId: id, password: 'short' }, fx.sessions.admin, 'weak-password');
    await fx.ok('users.resetPassword', { userId: id, password: 'after1234' }, fx.sessions.admin);
    expect(await usersRow('reset.me')).toEqual({ failed_logins: 0, locked_until: null, active: 1 });
    await refusedWithoutWrites(fx, 'auth.me', {}, session, 'unauthenticated');
    expect((await fx.ok('auth.login', { username: 'reset.me', password: 'after1234' }, null)).user.id).toBe(id);
    await refusedWithoutWrites(fx, 'users.create', { username: 'reset.me', displayName: 'dup', role: 'clerk', password: 'dupdup123' }, fx.sessions.admin, 'username-taken');
  });
});
