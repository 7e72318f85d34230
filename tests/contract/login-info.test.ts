import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/composition';
import type { Backend } from '../../electron/main/composition';
import { seedDemoHall } from '../../electron/demo/seed';

let dir = '';
let backend: Backend | null = null;

async function fresh(): Promise<Backend> {
  dir = await mkdtemp(join(tmpdir(), 'halldesk-login-info-'));
  backend = await createBackend({ dataDir: dir, counterCode: 'B02' });
  return backend;
}

afterEach(async () => {
  await backend?.close();
  backend = null;
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
    const key = (b.database.raw.prepare("select value from settings where key = 'slip_mac_key'").get() as { value: string }).value;
    const rows = b.database.raw.prepare("select action, before_json, after_json from audit_log where entity = 'setting'").all();
    expect(rows).toEqual([{ action: 'setting.create', before_json: null, after_json: null }]);
    const leaked = b.database.raw.prepare('select count(*) as n from audit_log where after_json like ?').get(`%${key}%`) as { n: number };
    expect(leaked.n).toBe(0);
  });

  it('refuses input it does not take', async () => {
    const b = await fresh();
    const result = await b.dispatch('auth.loginInfo', { extra: 1 });
    expect(result.ok ? null : result.error.code).toBe('invalid-input');
  });
});
