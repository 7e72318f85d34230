/**
 * The automatic backups (issue 7 item 6): the daily one at the configured Beijing time on a fake timer, and one
 * after every committed shift close — which never fails (or waits for) the close, even when the backup fails.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';
import { nextDailyAt } from '../../electron/services/backup-scheduler';
import { expiredBackups } from '../../electron/services/backup-retention';
import { fakeTimer, sell } from './kit';

let fx: Fixture;
let folder: string;
const clock = fakeTimer();
const backups = () => fx.backend.services.backups;

beforeAll(async () => {
  fx = await buildBackend(); // 2026-06-15 10:00 Beijing
  folder = await mkdtemp(join(tmpdir(), 'halldesk-usb-'));
  await fx.ok('backups.setSettings', { folder, dailyTime: '02:00', keepCount: 60, keepDays: 90 }, fx.sessions.admin);
  backups().startAutomatic(clock.timer);
  await backups().idle();
});
afterAll(async () => {
  await fx.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the daily backup', () => {
  it('next daily time: the first HH:MM Beijing strictly after now', () => {
    expect(nextDailyAt(new Date('2026-06-15T02:00:00.000Z'), '02:00')).toEqual(new Date('2026-06-15T18:00:00.000Z'));
    expect(nextDailyAt(new Date('2026-06-14T17:59:00.000Z'), '02:00')).toEqual(new Date('2026-06-14T18:00:00.000Z'));
    expect(nextDailyAt(new Date('2026-06-14T18:00:00.000Z'), '02:00')).toEqual(new Date('2026-06-15T18:00:00.000Z'));
    expect(nextDailyAt(new Date('2026-06-15T15:30:00.000Z'), '23:45')).toEqual(new Date('2026-06-15T15:45:00.000Z'));
  });

  it('fires at 02:00 Beijing, records a verified daily backup and re-arms for the next day', async () => {
    expect(clock.pending.map((p) => p.ms)).toEqual([16 * 3_600_000]);
    fx.clock.set('2026-06-15T18:00:00.000Z');
    clock.fire();
    await backups().idle();
    const [daily] = await backups().list(1);
    expect(daily).toMatchObject({ kind: 'daily', verified: true, startedAt: '2026-06-15T18:00:00.000Z' });
    expect(daily!.file).toContain('halldesk-20260616-020000-daily.sqlite');
    expect(clock.pending.map((p) => p.ms)).toEqual([24 * 3_600_000]);
  });

  it('re-arms at once when the daily time changes', async () => {
    await fx.relogin('admin');
    await fx.ok('backups.setSettings', { folder, dailyTime: '03:30', keepCount: 60, keepDays: 90 }, fx.sessions.admin);
    await backups().idle();
    expect(clock.pending.map((p) => p.ms)).toEqual([1.5 * 3_600_000]); // from 02:00 to 03:30 the same night
  });
});

describe('the backup at shift close', () => {
  it('follows a committed close with a verified shift backup', async () => {
    for (const who of ['clerk1', 'admin', 'supervisor'] as const) await fx.relogin(who);
    await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
    await sell(fx, 5_000);
    const report = await fx.ok('shifts.close', { counted: { 5000: 1 } }, fx.sessions.clerk1);
    expect(report.shift.status).toBe('closed');
    await backups().idle();
    const [shift] = await backups().list(1);
    expect(shift).toMatchObject({ kind: 'shift', verified: true });
  });

  it('a refused close takes no backup', async () => {
    const before = (await backups().list(500)).length;
    expect((await fx.call('shifts.close', { counted: {} }, fx.sessions.clerk1)).ok).toBe(false);
    await backups().idle();
    expect(await backups().list(500)).toHaveLength(before);
  });

  it('a backup that cannot be made (the USB disk gone) is recorded, and the close still succeeds', async () => {
    renameSync(folder, `${folder}-gone`);
    writeFileSync(folder, 'not a folder');
    try {
      await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
      const report = await fx.ok('shifts.close', { counted: {} }, fx.sessions.clerk1);
      expect(report.shift.status).toBe('closed');
      await backups().idle();
      const [failed] = await backups().list(1);
      expect(failed).toMatchObject({ kind: 'shift', verified: false, failedCheck: 'copy', present: false });
      expect((await fx.ok('backups.status', {}, fx.sessions.supervisor)).lastVerified?.kind).toBe('shift');
    } finally {
      await rm(folder, { force: true });
      renameSync(`${folder}-gone`, folder);
    }
  });
});

describe('retention rule', () => {
  const row = (id: number, finished: string) => ({ id, kind: 'manual', file: __filename, size_bytes: 1, sha256: '', started_at: finished, finished_at: finished, verified: 1, failed_check: null, detail: '{}', requested_by: null });
  it('keeps the newest verified file whatever the settings', () => {
    const rows = [row(3, '2026-01-03T00:00:00.000Z'), row(2, '2026-01-02T00:00:00.000Z'), row(1, '2026-01-01T00:00:00.000Z')];
    expect(expiredBackups(rows, { keepCount: 1, keepDays: 1 }, new Date('2027-01-01T00:00:00.000Z')).map((r) => r.id)).toEqual([2, 1]);
    expect(expiredBackups(rows, { keepCount: 2, keepDays: 3650 }, new Date('2026-01-04T00:00:00.000Z')).map((r) => r.id)).toEqual([1]);
    expect(expiredBackups(rows, { keepCount: 5, keepDays: 2 }, new Date('2026-01-03T12:00:00.000Z')).map((r) => r.id)).toEqual([1]);
  });
});
