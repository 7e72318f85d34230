import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import { sqlOf } from '../support/backend';
import { seedDemoHall } from '../../electron/demo/seed';
import { freshPgDatabase, testDatabaseKind } from '../support/pg';
import type { TestPgDatabase } from '../support/pg';

let dir = '';
let backend: Backend | null = null;
let server: TestPgDatabase | null = null;

/** A first start on an empty database: the data folder's file, or (HALLDESK_TEST_DATABASE=postgres) a server's. */
async function fresh(): Promise<Backend> {
  dir = await mkdtemp(join(tmpdir(), 'halldesk-login-info-'));
  server = testDatabaseKind() === 'postgres' ? await freshPgDatabase() : null;
  backend = await createBackend({ dataDir: dir, counterCode: 'B02', ...(server ? { database: server.url } : {}) });
  expect(backend.database.dialect).toBe(testDatabaseKind());
  return backend;
}

afterEach(async () => {
  await backend?.close();
  backend = null;
  await server?.drop();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

describe('auth.loginInfo (public)', () => {
  it('shows no logins for a real hall', async () => {
    const b = await fresh();
    const result = await b.dispatch('auth.loginInfo', {});
    expect(result).toEqual({ ok: true, value: { hallName: null, counterCode: 'B02', demo: false, demoLogins: [] } });
  });

  it('shows the documented demo logins only once the demo hall is seeded, and they work', async () => {
    const b = await fresh();
    await seedDemoHall(b, { customers: 5, sales: 20, session: 'in-process' });
    const result = await b.dispatch('auth.loginInfo', {});
    if (!result.ok) throw new Error(result.error.message);
    const info = result.value as { demo: boolean; demoLogins: { username: string; password: string; role: string }[] };
    expect(info.demo).toBe(true);
    expect(info.demoLogins.map((l) => [l.username, l.role])).toEqual([
      ['admin', 'admin'], ['zhang.sup', 'supervisor'], ['li.clerk', 'clerk'], ['wang.clerk', 'clerk'],
    ]);
    for (const login of info.demoLogins) {
      const session = await b.dispatch('auth.login', { username: login.username, password: login.password });
      expect(session.ok).toBe(true);
    }
  });

  it('audits the making of the slip key at first start without writing the key into the log', async () => {
    const b = await fresh();
    const sql = sqlOf(b);
    const { value: key } = await sql.one<{ value: string }>("select value from settings where key = 'slip_mac_key'");
    const rows = await sql.all("select action, before_json, after_json from audit_log where entity = 'setting'");
    expect(rows).toEqual([{ action: 'setting.create', before_json: null, after_json: null }]);
    const leaked = await sql.one<{ n: number }>('select count(*) as n from audit_log where after_json like ?', [`%${key}%`]);
    expect(Number(leaked.n)).toBe(0);
  });

  it('refuses input it does not take', async () => {
    const b = await fresh();
    const result = await b.dispatch('auth.loginInfo', { extra: 1 });
    expect(result.ok ? null : result.error.code).toBe('invalid-input');
  });
});
