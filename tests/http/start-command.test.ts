/**
 * `halldesk start` as a user runs it, in a child process on a temporary data folder and a free port.
 * Where the Electron runtime cannot be had (this machine, CI) it must say so in one line and fall back to
 * browser mode; it prints the URL with the launch token and the demo logins; SIGTERM ends it with 0.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { electronBinary } from '../../electron/main/electron-runtime';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/http-server';
import { RENDERER_INDEX, ensureRendererBuilt, startHallDesk } from '../e2e/fixtures/halldesk-process';
import type { HallDeskProcess } from '../e2e/fixtures/halldesk-process';

const electronMissing = electronBinary() === null;
let dataDir: string;
let hall: HallDeskProcess | undefined;

beforeAll(async () => {
  ensureRendererBuilt();
  dataDir = await mkdtemp(join(tmpdir(), 'halldesk-start-'));
  // Without --browser where Electron is missing: the fallback is what this test is about. Where Electron
  // exists, `start` would open the desktop app, so ask for browser mode explicitly.
  hall = await startHallDesk({ dataDir, args: electronMissing ? [] : ['--browser'] });
}, 120_000);

afterAll(async () => {
  if (hall) await hall.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function started(): HallDeskProcess {
  if (!hall) throw new Error('halldesk start did not start');
  return hall;
}

it('says in one line that the Electron runtime is unavailable, then prints the URL with a token and the demo logins', () => {
  const { lines, launchUrl, port, token } = started();
  const notice = lines.filter((line) => /electron/i.test(line));
  expect(notice).toHaveLength(electronMissing ? 1 : 0);
  if (electronMissing) expect(notice[0]).toMatch(/Electron runtime is not available.*browser mode/);
  expect(launchUrl).toBe(`http://127.0.0.1:${port}/#token=${token}`);
  expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  expect(lines.filter((line) => line.startsWith('Open '))).toHaveLength(1);
  const demo = lines.find((line) => line.startsWith('Demo hall seeded'));
  expect(demo).toBeDefined();
  expect(demo).toContain('li.clerk/clerk1234');
  expect(demo).toContain('zhang.sup/super1234');
  expect(lines.join('\n')).toContain(dataDir);
});

it('serves the counter screen at the printed URL (the fragment never reaches the server)', async () => {
  const { launchUrl, token } = started();
  const res = await fetch(launchUrl);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  const html = await res.text();
  expect(html).toBe(await readFile(RENDERER_INDEX, 'utf8'));
  expect(html).toContain('<div id="root">');
  expect(html).not.toContain(token);
});

it('answers the contract with the printed token, and 401 without it', async () => {
  const { origin, token } = started();
  const login = (headers: Record<string, string>) => fetch(`${origin}/api/auth.login`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username: 'li.clerk', password: 'clerk1234' }),
  });
  expect((await login({})).status).toBe(401);
  const res = await login({ authorization: `Bearer ${token}` });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, value: { user: { username: 'li.clerk', role: 'clerk' } } });
});

it('exits 0 on SIGTERM', async () => {
  const { code, signal } = await started().stop();
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  hall = undefined;
});
