/**
 * The holiday calendar through the contract, on the State Council arrangement seeded from chinese-days
 * (2004–2026 in the installed release): real 2026 dates, the unloaded-year fallback, the December warning,
 * and admin imports (validated without writes, audited with before/after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import { refusedWithoutWrites } from '../support/refusals';
import type { Fixture } from '../support/backend';
import { SEED_SOURCE, chineseDaysYears, ensureCalendarSeed } from '../../electron/services/calendar-service';
import chineseDaysPackage from 'chinese-days/package.json' with { type: 'json' };

let fx: Fixture;
beforeAll(async () => { fx = await buildBackend(); });
afterAll(async () => { await fx.close(); });

const check = (date: string) => fx.ok('calendar.check', { date }, fx.sessions.clerk1);
const auditOf = (year: number) => fx.sql.all<{ action: string; user_id: number | null; before_json: string | null; after_json: string | null }>(
  "select action, user_id, before_json, after_json from audit_log where entity = 'calendar-year' and entity_id = ? order by id", [String(year)]);

describe('seeding from chinese-days', () => {
  it('loads every covered year at start, with the package version as source and one audit record each', async () => {
    const years = [...chineseDaysYears().keys()];
    expect(Math.min(...years)).toBe(2004);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(2026);
    expect(SEED_SOURCE).toBe(`chinese-days@${chineseDaysPackage.version}`);
    const y2026 = await fx.ok('calendar.year', { year: 2026 }, fx.sessions.clerk1);
    expect(y2026).toMatchObject({ year: 2026, loaded: true, source: SEED_SOURCE, loadedBy: null });
    expect(y2026.days).toContainEqual({ date: '2026-02-14', kind: 'work', name: '春节' });
    expect((await auditOf(2026)).map((a) => a.action)).toEqual(['calendar.seed']);
  });

  it('is idempotent: a second run loads nothing and writes nothing', async () => {
    const before = await fx.counts();
    expect(await ensureCalendarSeed(fx.backend.database.db, fx.clock)).toEqual([]);
    expect(await fx.counts()).toEqual(before);
  });
});

describe('calendar.check on real 2026 dates', () => {
  it('Spring Festival: 15–23 February off, Saturdays 14 and 28 February make-up working days', async () => {
    for (const date of ['2026-02-15', '2026-02-17', '2026-02-21', '2026-02-23']) {
      expect(await check(date)).toMatchObject({ bankWorkingDay: false, reason: 'holiday', holidayName: '春节', nextBankWorkingDay: '2026-02-24', yearLoaded: true });
    }
    expect(await check('2026-02-14')).toEqual({
      date: '2026-02-14', bankWorkingDay: true, reason: 'make-up-workday', holidayName: '春节', nextBankWorkingDay: '2026-02-24', yearLoaded: true,
    });
    expect(await check('2026-02-28')).toMatchObject({ bankWorkingDay: true, reason: 'make-up-workday', nextBankWorkingDay: '2026-03-02' });
    expect(await check('2026-02-13')).toMatchObject({ bankWorkingDay: true, reason: 'weekday', nextBankWorkingDay: '2026-02-14' });
  });

  it('National Day: 1–7 October off, 20 September and 10 October make-up working days', async () => {
    expect(await check('2026-10-01')).toMatchObject({ bankWorkingDay: false, reason: 'holiday', holidayName: '国庆节', nextBankWorkingDay: '2026-10-08' });
    expect(await check('2026-10-04')).toMatchObject({ bankWorkingDay: false, reason: 'holiday' });
    expect(await check('2026-09-30')).toMatchObject({ bankWorkingDay: true, nextBankWorkingDay: '2026-10-08' });
    expect(await check('2026-09-20')).toMatchObject({ bankWorkingDay: true, reason: 'make-up-workday', holidayName: '国庆节' });
    expect(await check('2026-10-10')).toMatchObject({ bankWorkingDay: true, reason: 'make-up-workday' });
    expect(await check('2026-10-09')).toMatchObject({ nextBankWorkingDay: '2026-10-10' });
  });

  it('ordinary weekends: Saturday and Sunday off, the next working day is Monday', async () => {
    expect(await check('2026-06-13')).toMatchObject({ bankWorkingDay: false, reason: 'weekend', holidayName: null, nextBankWorkingDay: '2026-06-15' });
    expect(await check('2026-06-12')).toMatchObject({ bankWorkingDay: true, reason: 'weekday', nextBankWorkingDay: '2026-06-15' });
  });

  it('a year not loaded (2030) falls back to weekends only', async () => {
    expect(await fx.ok('calendar.year', { year: 2030 }, fx.sessions.admin)).toEqual({ year: 2030, loaded: false, source: null, loadedAt: null, loadedBy: null, days: [] });
    expect(await check('2030-01-01')).toEqual({ date: '2030-01-01', bankWorkingDay: true, reason: 'weekday', holidayName: null, nextBankWorkingDay: '2030-01-02', yearLoaded: false });
    expect(await check('2030-02-02')).toMatchObject({ bankWorkingDay: false, reason: 'weekend', nextBankWorkingDay: '2030-02-04', yearLoaded: false });
  });
});

describe('calendar.warnings and calendar.importYear', () => {
  const Y2027 = [
    { date: '2027-01-01', kind: 'off', name: '元旦' }, { date: '2027-01-02', kind: 'off', name: '元旦' }, { date: '2027-01-03', kind: 'off', name: '元旦' },
    { date: '2027-02-07', kind: 'work', name: '春节' },
  ] as const;

  /** Moves the clock (sessions end after 12 idle hours, so everyone logs in again). */
  const jump = async (iso: string) => {
    fx.clock.set(iso);
    for (const who of ['admin', 'supervisor', 'clerk1'] as const) await fx.relogin(who);
  };

  it('warns from 1 December 2026 while 2027 is missing, not on 30 November', async () => {
    await jump('2026-11-30T15:59:59.000Z'); // 23:59:59 on 30 November in Beijing
    expect(await fx.ok('calendar.warnings', {}, fx.sessions.supervisor)).toEqual({ today: '2026-11-30', missingYears: [] });
    await jump('2026-11-30T16:00:00.000Z'); // 00:00 on 1 December in Beijing
    expect(await fx.ok('calendar.warnings', {}, fx.sessions.supervisor)).toEqual({ today: '2026-12-01', missingYears: [2027] });
    expect(await fx.ok('calendar.warnings', {}, fx.sessions.admin)).toEqual({ today: '2026-12-01', missingYears: [2027] });
  });

  it('refuses an unsound import and writes nothing', async () => {
    const admin = fx.sessions.admin;
    await refusedWithoutWrites(fx, 'calendar.importYear', { year: 2027, days: [...Y2027, { date: '2026-12-31', kind: 'off', name: '元旦' }] }, admin, 'calendar-date-outside-year');
    await refusedWithoutWrites(fx, 'calendar.importYear', { year: 2027, days: [...Y2027, { date: '2027-01-01', kind: 'off', name: '元旦' }] }, admin, 'calendar-duplicate-date');
    const error = await refusedWithoutWrites(fx, 'calendar.importYear', { year: 2027, days: [...Y2027, { date: '2027-02-08', kind: 'work', name: '春节' }] }, admin, 'calendar-workday-not-weekend', 'en');
    expect(error.message).toBe('2027-02-08 is not a Saturday or Sunday, so it cannot be a make-up working day');
    await refusedWithoutWrites(fx, 'calendar.importYear', { year: 2027, days: Y2027 }, fx.sessions.supervisor, 'forbidden');
    await refusedWithoutWrites(fx, 'calendar.warnings', {}, fx.sessions.clerk1, 'forbidden');
  });

  it('a valid import loads the year, ends the warning, and is audited', async () => {
    const before = await fx.counts();
    const view = await fx.ok('calendar.importYear', { year: 2027, days: [...Y2027] }, fx.sessions.admin);
    expect(view).toMatchObject({ year: 2027, loaded: true, source: 'admin', loadedBy: fx.users.admin, loadedAt: '2026-11-30T16:00:00.000Z' });
    expect(view.days).toHaveLength(4);
    const after = await fx.counts();
    expect([after.calendar_years - before.calendar_years, after.calendar_days - before.calendar_days, after.audit_log - before.audit_log]).toEqual([1, 4, 1]);
    expect(await fx.ok('calendar.warnings', {}, fx.sessions.supervisor)).toEqual({ today: '2026-12-01', missingYears: [] });
    expect(await check('2026-12-31')).toMatchObject({ nextBankWorkingDay: '2027-01-04' });
    expect(await check('2027-02-07')).toMatchObject({ bankWorkingDay: true, reason: 'make-up-workday' });
    const [audit] = await auditOf(2027);
    expect(audit).toMatchObject({ action: 'calendar.import-year', user_id: fx.users.admin, before_json: 'null' });
  });

  it('a re-import replaces the year as a new load, with the old arrangement as the audit before', async () => {
    const seeded = await fx.ok('calendar.year', { year: 2026 }, fx.sessions.admin);
    const days = seeded.days.filter((d) => d.name !== '国庆节');
    const view = await fx.ok('calendar.importYear', { year: 2026, days: [...days] }, fx.sessions.admin);
    expect(view).toMatchObject({ source: 'admin', days });
    expect(await check('2026-10-01')).toMatchObject({ bankWorkingDay: true, reason: 'weekday' });
    expect(await check('2026-10-10')).toMatchObject({ bankWorkingDay: false, reason: 'weekend' });
    const audits = await auditOf(2026);
    expect(audits.map((a) => a.action)).toEqual(['calendar.seed', 'calendar.import-year']);
    expect(JSON.parse(audits[1]!.before_json ?? 'null')).toEqual(seeded);
    expect(JSON.parse(audits[1]!.after_json ?? 'null')).toEqual(view);
    // The seed never overwrites an admin's load.
    expect(await ensureCalendarSeed(fx.backend.database.db, fx.clock)).toEqual([]);
    expect(await fx.ok('calendar.year', { year: 2026 }, fx.sessions.admin)).toEqual(view);
  });
});
