/**
 * Restore from the screen (issue 7 item 6) through the contract: a recorded backup drilled (scratch folder, the
 * live database untouched, progress on backups.progress, audited); a restore scheduled only for a backup that
 * drills clean and only with the typed confirmation, cancelled, and carried out at the next start of the backend
 * (the old database kept aside, audited); a restore that fails at start leaves the old database and says so.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import { RESTORE_MARKER } from '../../electron/services/backup-restore-start';
import { buildBackend, refusal, sqlOf } from '../support/backend';
import type { Fixture } from '../support/backend';
import type { BackupProgressView, BackupView } from '../../shared/contract/backup-views';
import { corrupt, pad, sell } from './kit';

let fx: Fixture;
let folder: string;
let backend: Backend | null = null;
let admin = '';
let good: BackupView;

const salesIn = async (b: Backend) => Number((await sqlOf(b).one<{ n: number }>('select count(*) as n from sales')).n);
const auditActions = async (b: Backend) => (await sqlOf(b).all<{ action: string }>("select action from audit_log where entity = 'backup' order by id")).map((r) => r.action);

/** The backend's next start on the same data folder (what the app does after the admin restarts it). */
async function restart(): Promise<Backend> {
  if (backend) await backend.close();
  else await fx.backend.close();
  backend = await createBackend({ dataDir: fx.dataDir, clock: fx.clock, counterCode: 'A01', log: (e) => fx.logged.push(e) });
  const login = await backend.dispatch('auth.login', { username: 'admin', password: fx.backend.firstAdminPassword ?? '' }, { session: null });
  if (!login.ok) throw new Error(login.error.message);
  admin = (login.value as { session: string }).session;
  return backend;
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await backend!.dispatch(method, input, { session: admin });
  if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
  return result.value as T;
}

beforeAll(async () => {
  fx = await buildBackend();
  folder = await mkdtemp(join(tmpdir(), 'halldesk-usb-'));
  await fx.ok('backups.setSettings', { folder, dailyTime: '02:00', keepCount: 60, keepDays: 90 }, fx.sessions.admin);
  await fx.ok('shifts.open', { float: 0 }, fx.sessions.clerk1);
  for (let i = 0; i < 3; i += 1) await sell(fx);
});
afterAll(async () => {
  if (backend) await backend.close();
  else await fx.backend.close();
  await rm(fx.dataDir, { recursive: true, force: true });
  await rm(folder, { recursive: true, force: true });
});

describe('restore from the screen', () => {
  it('drills a recorded backup with its progress, the live database untouched, and audits it', async () => {
    await pad(fx, 8); // a few copy steps, so the drill's progress is seen between 0 and 1
    good = await fx.ok('backups.run', {}, fx.sessions.admin);
    const live = await salesIn(fx.backend);
    const seen: BackupProgressView[] = [];
    let done = false;
    const drilling = fx.ok('backups.drill', { backupId: good.id }, fx.sessions.admin).finally(() => { done = true; });
    while (!done) {
      seen.push(await fx.ok('backups.progress', {}, fx.sessions.supervisor));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const drill = await drilling;
    expect(drill).toMatchObject({ backupId: good.id, ok: true, failedCheck: null });
    expect(drill.checks.every((c) => c.ok)).toBe(true);
    expect(seen.some((p) => p.running && p.job === 'drill')).toBe(true);
    expect((await fx.ok('backups.progress', {}, fx.sessions.supervisor)).running).toBe(false);
    expect(await salesIn(fx.backend)).toBe(live);
    expect(await auditActions(fx.backend)).toContain('backup.drill');
  });

  it('a backup that fails its drill cannot be scheduled; nothing is marked', async () => {
    const bad = await fx.ok('backups.run', {}, fx.sessions.admin);
    corrupt(bad.file);
    expect(refusal(await fx.call('backups.scheduleRestore', { backupId: bad.id, confirm: 'RESTORE' }, fx.sessions.admin)).code).toBe('backup-not-verified');
    expect(existsSync(join(fx.dataDir, RESTORE_MARKER))).toBe(false);
    expect((await fx.ok('backups.drill', { backupId: bad.id }, fx.sessions.admin)).ok).toBe(false);
  });

  it('schedules only with the typed word, shows the plan in the status, and cancels', async () => {
    expect(refusal(await fx.call('backups.scheduleRestore', { backupId: good.id, confirm: 'yes' }, fx.sessions.admin)).code).toBe('backup-restore-unconfirmed');
    expect(refusal(await fx.call('backups.scheduleRestore', { backupId: good.id, confirm: 'RESTORE' }, fx.sessions.supervisor)).code).toBe('forbidden');
    const plan = await fx.ok('backups.scheduleRestore', { backupId: good.id, confirm: 'RESTORE' }, fx.sessions.admin);
    expect(plan).toMatchObject({ backupId: good.id, file: good.file, sha256: good.sha256, scheduledBy: 'admin' });
    expect((await fx.ok('backups.status', {}, fx.sessions.supervisor)).pendingRestore).toEqual(plan);
    expect(await fx.ok('backups.cancelRestore', {}, fx.sessions.admin)).toEqual({ cancelled: true });
    expect(await fx.ok('backups.cancelRestore', {}, fx.sessions.admin)).toEqual({ cancelled: false });
    expect((await fx.ok('backups.status', {}, fx.sessions.supervisor)).pendingRestore).toBeNull();
    expect(await auditActions(fx.backend)).toEqual(expect.arrayContaining(['backup.scheduleRestore', 'backup.cancelRestore']));
  });

  it('carries the restore out at the next start: the backup in place, the old database kept aside, audited', async () => {
    const atBackup = await salesIn(fx.backend);
    await fx.ok('backups.scheduleRestore', { backupId: good.id, confirm: 'RESTORE' }, fx.sessions.admin);
    await sell(fx);
    await sell(fx);
    expect(await salesIn(fx.backend)).toBe(atBackup + 2);
    const next = await restart();
    expect(await salesIn(next)).toBe(atBackup);
    const status = await call<{ pendingRestore: unknown; lastRestore: { ok: boolean; keptAside: string | null; backupId: number } }>('backups.status', {});
    expect(status.pendingRestore).toBeNull();
    expect(status.lastRestore).toMatchObject({ ok: true, backupId: good.id, reason: null });
    expect(existsSync(status.lastRestore.keptAside!)).toBe(true);
    expect((await auditActions(next)).at(-1)).toBe('backup.restored');
    expect(existsSync(join(fx.dataDir, RESTORE_MARKER))).toBe(false);
  });

  it('a restore that fails at start leaves the old database in place and reports it', async () => {
    // The restored database is the backup's snapshot, taken before the backup's own record was written.
    const again = await call<BackupView>('backups.run', {});
    await call('backups.scheduleRestore', { backupId: again.id, confirm: 'RESTORE' });
    const before = await salesIn(backend!);
    writeFileSync(again.file, 'not a database any more'); // the USB disk's file changed after scheduling
    const next = await restart();
    expect(await salesIn(next)).toBe(before);
    const status = await call<{ pendingRestore: unknown; lastRestore: { ok: boolean; reason: string } }>('backups.status', {});
    expect(status.pendingRestore).toBeNull();
    expect(status.lastRestore.ok).toBe(false);
    expect(status.lastRestore.reason).toMatch(/sha256|verification|database/);
    expect((await auditActions(next)).at(-1)).toBe('backup.restoreFailed');
  });

  it('a restore interrupted between its two renames is undone at the next start, never an empty database', async () => {
    const before = await salesIn(backend!);
    await backend!.close();
    backend = null;
    const live = join(fx.dataDir, 'halldesk.sqlite');
    const aside = `${live}.before-restore-crash`;
    renameSync(live, aside); // the process died here: the live file put aside, the restored one not yet in place
    writeFileSync(join(fx.dataDir, 'restore-swapping.json'), JSON.stringify({ keptAside: aside }));
    backend = await createBackend({ dataDir: fx.dataDir, clock: fx.clock, counterCode: 'A01', log: (e) => fx.logged.push(e) });
    expect(await salesIn(backend)).toBe(before);
    expect(existsSync(aside)).toBe(false);
    expect(existsSync(join(fx.dataDir, 'restore-swapping.json'))).toBe(false);
  });
});
