/**
 * Verified backups through the contract (issue 7 item 6): a backup taken while sales run restores and verifies;
 * a corrupted copy is recorded but does not count; retention deletes files, never records, never the newest
 * verified one; the 24-hour warning; progress.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBackend, refusal, sqliteOf } from '../support/backend';
import type { Fixture } from '../support/backend';
import { createBackupService } from '../../electron/services/backup-service';
import { restoreDrill, verifyBackupFile } from '../../electron/services/backup-restore';
import type { BackupProgressView } from '../../shared/contract/backup-views';
import { corrupt, pad, sell } from './kit';

let fx: Fixture;
let folder: string;
const live = () => sqliteOf(fx.backend).file;

beforeAll(async () => {
  fx = await buildBackend();
  folder = await mkdtemp(join(tmpdir(), 'halldesk-usb-'));
  await fx.ok('backups.setSettings', { folder, dailyTime: '02:00', keepCount: 60, keepDays: 90 }, fx.sessions.admin);
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  for (let i = 0; i < 5; i += 1) await sell(fx);
});
afterAll(async () => {
  await fx.close();
  await rm(folder, { recursive: true, force: true });
});

describe('verified backups', () => {
  it('warns while there is no verified backup, answers a verified one, and stops warning', async () => {
    expect(await fx.ok('backups.status', {}, fx.sessions.supervisor)).toMatchObject({ lastVerified: null, warning: true, running: false });
    const backup = await fx.ok('backups.run', {}, fx.sessions.admin);
    expect(backup).toMatchObject({ kind: 'manual', verified: true, failedCheck: null, present: true });
    expect(backup.file.startsWith(folder)).toBe(true);
    expect(backup.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await fx.ok('backups.status', {}, fx.sessions.supervisor))).toMatchObject({ lastVerified: { id: backup.id }, warning: false });
    fx.clock.advance(25 * 3_600_000);
    await fx.relogin('supervisor');
    await fx.relogin('admin');
    expect((await fx.ok('backups.status', {}, fx.sessions.supervisor)).warning).toBe(true);
    await fx.relogin('clerk1');
    expect(refusal(await fx.call('backups.run', {}, fx.sessions.clerk1)).code).toBe('forbidden');
  });

  it('a backup taken during live sales restores and verifies (drill), its counts those of its snapshot', async () => {
    await pad(fx, 24); // several backup steps, so sales land between them
    const before = Number((await fx.sql.one<{ n: number }>('select count(*) as n from sales')).n);
    const seen: BackupProgressView[] = [];
    const running = fx.ok('backups.run', {}, fx.sessions.admin);
    let done = false;
    void running.finally(() => { done = true; });
    let soldDuring = 0;
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve)); // each sale arrives as its own request (IPC/HTTP event)
      await sell(fx);
      soldDuring += done ? 0 : 1;
      seen.push(await fx.ok('backups.progress', {}, fx.sessions.supervisor));
    }
    const backup = await running;
    expect(soldDuring).toBeGreaterThan(0);
    expect(backup.verified).toBe(true);
    expect(seen.some((p) => p.running && p.fraction > 0 && p.fraction < 1)).toBe(true);
    const copy = new BetterSqlite3(backup.file, { readonly: true });
    const copied = Number(copy.prepare('select count(*) as n from sales').pluck().get());
    copy.close();
    const after = Number((await fx.sql.one<{ n: number }>('select count(*) as n from sales')).n);
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThan(after);
    const drill = await restoreDrill(backup.file, live());
    expect({ ok: drill.ok, source: drill.source.failedCheck, restored: drill.restored?.failedCheck, record: drill.source.recordId }).toEqual({ ok: true, source: null, restored: null, record: backup.id });
    expect(drill.restored?.counts['sales']).toBe(copied);
    expect(existsSync(drill.scratch)).toBe(false);
    expect((await fx.ok('backups.progress', {}, fx.sessions.supervisor)).running).toBe(false);
  });

  it('a copy corrupted before its verification is recorded as failed and does not count', async () => {
    const lastGood = (await fx.ok('backups.status', {}, fx.sessions.supervisor)).lastVerified;
    let hit = false;
    // The recorded backups, read before the run: the new copy is not among them until it has been verified.
    const recorded = (await fx.sql.all<{ file: string }>('select file from backups')).map((r) => r.file);
    const service = createBackupService({ db: fx.backend.database.db, clock: fx.clock, counterCode: 'A01' }, live(), {
      log: () => undefined,
      onProgress: (phase) => {
        if (phase !== 'verify' || hit) return;
        hit = true;
        corrupt(currentTarget()); // the copy is complete here: ruin it before it is checked
      },
    });
    const currentTarget = () => {
      const fresh = readdirSync(folder).map((f) => join(folder, f)).filter((f) => f.endsWith('.sqlite') && !recorded.includes(f));
      return fresh[0]!;
    };
    const failed = await service.run('manual', null);
    expect(hit).toBe(true);
    expect(failed).toMatchObject({ verified: false, present: true });
    expect(['sqlite-integrity', 'row-counts']).toContain(failed.failedCheck);
    expect((await fx.ok('backups.status', {}, fx.sessions.supervisor)).lastVerified?.id).toBe(lastGood?.id);
    expect((await verifyBackupFile(failed.file, live())).ok).toBe(false);
    expect((await restoreDrill(failed.file, live())).ok).toBe(false);
  });

  it('retention deletes old verified files beyond the count, never a record, never the newest verified one', async () => {
    await fx.ok('backups.setSettings', { folder, dailyTime: '02:00', keepCount: 2, keepDays: 3650 }, fx.sessions.admin);
    const made = [];
    for (let i = 0; i < 3; i += 1) {
      fx.clock.advance(60_000);
      made.push(await fx.ok('backups.run', {}, fx.sessions.admin));
    }
    const list = await fx.ok('backups.list', {}, fx.sessions.admin);
    const verified = list.filter((b) => b.verified);
    expect(verified.slice(0, 2).every((b) => b.present)).toBe(true);
    expect(verified.slice(2).every((b) => !b.present)).toBe(true);
    expect(list.some((b) => !b.verified && b.present)).toBe(true); // the failed copy is kept for inspection
    expect(list).toHaveLength(Number((await fx.sql.one<{ n: number }>('select count(*) as n from backups')).n));
    await fx.ok('backups.setSettings', { folder, dailyTime: '02:00', keepCount: 5, keepDays: 1 }, fx.sessions.admin);
    fx.clock.advance(3 * 86_400_000);
    await fx.relogin('admin');
    await fx.relogin('supervisor');
    // A failed run does not prune; the next verified one deletes every older file (older than a day)…
    const newest = await fx.ok('backups.run', {}, fx.sessions.admin);
    const after = await fx.ok('backups.list', {}, fx.sessions.admin);
    expect(after.filter((b) => b.verified && b.present).map((b) => b.id)).toEqual([newest.id]);
    expect(made.every((b) => after.some((a) => a.id === b.id))).toBe(true);
  });
});
