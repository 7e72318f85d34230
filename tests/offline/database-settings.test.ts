/**
 * The settings page's database choice (issue 8), through the contract: the administrator alone sees and
 * changes it; "test connection" reports the server's version or why it failed, never a password; saving
 * writes database.json for the next start (the URL as given, password included: the hint says so), is
 * audited without the password, and a URL that does not parse is never saved.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import { adminUrl, requirePgServer } from '../support/pg';
import type { Result } from '../../shared/result';
import zhErrors from '../../shared/locales/zh-CN/errors.json';
import { withPassword } from './cluster';

let dataDir: string;
let backend: Backend;
const sessions = { admin: '', clerk: '' };
const SECRET = 'topsecret-9q';
const call = (method: string, input: unknown, session: string | null): Promise<Result<unknown>> => backend.dispatch(method, input, { session });
async function ok<T>(method: string, input: unknown, session: string | null): Promise<T> {
  const result = await call(method, input, session);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

beforeAll(async () => {
  await requirePgServer(); // "test connection" is tried against the suite's shared server: missing, it fails here
  dataDir = await mkdtemp(join(tmpdir(), 'halldesk-dbsettings-'));
  backend = await createBackend({ dataDir, database: 'sqlite', clock: { now: () => new Date('2026-06-15T02:00:00.000Z') } });
  sessions.admin = (await ok<{ session: string }>('auth.login', { username: 'admin', password: backend.firstAdminPassword }, null)).session;
  await ok('users.create', { username: 'clerk1', displayName: 'CLERK1', role: 'clerk', password: 'clerk1234' }, sessions.admin);
  sessions.clerk = (await ok<{ session: string }>('auth.login', { username: 'clerk1', password: 'clerk1234' }, null)).session;
});

afterAll(async () => {
  await backend?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const CHOICE = () => join(dataDir, 'database.json');
const FILE_PLACE = () => ({ kind: 'sqlite', location: join(dataDir, 'halldesk.sqlite') });
const SERVER_URL = `postgres://hall:${SECRET}@db.hall.example:5433/hall`;

describe('the database choice on the settings page', () => {
  it('every signed-in user sees the health; the embedded file is always reachable', async () => {
    expect(await ok('system.databaseStatus', {}, sessions.clerk)).toMatchObject({ ...FILE_PLACE(), reachable: true, reason: null, checkedAt: null });
  });

  it('is the administrator\'s alone, enforced by the backend', async () => {
    for (const [method, input] of [['system.databaseSettings', {}], ['system.testDatabase', { url: SERVER_URL }], ['system.saveDatabase', { kind: 'sqlite' }]] as const) {
      const answer = await call(method, input, sessions.clerk);
      expect({ method, code: answer.ok ? 'ok' : answer.error.code }).toEqual({ method, code: 'forbidden' });
    }
    expect(existsSync(CHOICE())).toBe(false);
  });

  it('shows the database in use and the one for the next start', async () => {
    expect(await ok('system.databaseSettings', {}, sessions.admin)).toEqual({ current: FILE_PLACE(), next: FILE_PLACE(), choiceFile: CHOICE() });
  });

  it('test connection: the server version, or why not, never the password', async () => {
    const good = await ok<Record<string, unknown>>('system.testDatabase', { url: withPassword(adminUrl(), SECRET) }, sessions.admin);
    expect(good).toMatchObject({ ok: true, serverVersion: expect.stringMatching(/^\d+(\.\d+)?/) });
    expect(JSON.stringify(good)).not.toContain(SECRET);
    const bad = await ok<Record<string, unknown>>('system.testDatabase', { url: `postgres://hall:${SECRET}@127.0.0.1:1/hall` }, sessions.admin);
    expect(bad).toMatchObject({ ok: false, location: 'postgres://hall:***@127.0.0.1:1/hall', reason: expect.stringContaining('ECONNREFUSED') });
    expect(JSON.stringify(bad)).not.toContain(SECRET);
    expect(existsSync(CHOICE())).toBe(false);
  });

  it('never saves a URL it cannot parse', async () => {
    const refused = await call('system.saveDatabase', { kind: 'postgres', url: 'postgres://' }, sessions.admin);
    expect(refused).toEqual({ ok: false, error: { code: 'database-url-invalid', message: zhErrors['database-url-invalid'], params: {} } });
    expect(existsSync(CHOICE())).toBe(false);
  });

  it('saves a server for the next start, audited without the password; then back to the embedded file', async () => {
    const saved = await ok<Record<string, unknown>>('system.saveDatabase', { kind: 'postgres', url: SERVER_URL }, sessions.admin);
    const server = { kind: 'postgres', location: `postgres://hall:***@db.hall.example:5433/hall` };
    expect(saved).toEqual({ current: FILE_PLACE(), next: server, choiceFile: CHOICE() });
    expect(JSON.parse(readFileSync(CHOICE(), 'utf8'))).toEqual({ url: SERVER_URL });
    const back = await ok<Record<string, unknown>>('system.saveDatabase', { kind: 'sqlite' }, sessions.admin);
    expect(back).toMatchObject({ next: FILE_PLACE() });
    expect(JSON.parse(readFileSync(CHOICE(), 'utf8'))).toEqual({ url: 'sqlite' });
    const audit = await ok<{ action: string; before: unknown; after: unknown }[]>('audit.list', { entity: 'settings', limit: 10 }, sessions.admin);
    const changes = audit.filter((a) => a.action === 'settings.database').map((a) => ({ before: a.before, after: a.after }));
    expect(changes).toEqual(expect.arrayContaining([{ before: FILE_PLACE(), after: server }, { before: server, after: FILE_PLACE() }]));
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });
});
