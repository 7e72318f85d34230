/**
 * sms.send through the contract to the GSM modem simulator over a real socat PTY: the message's states as
 * sms.status shows them — sent, then delivered on the modem's +CDS report — and a +CMS ERROR recorded as
 * failed with its clear code.
 */
import { mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPtyPair } from '../../electron/hardware/meters/sim/pty';
import type { PtyPair } from '../../electron/hardware/meters/sim/pty';
import { serveModemSim } from '../../electron/hardware/sms/sim/modem-sim';
import type { ModemSimState } from '../../electron/hardware/sms/sim/modem-sim';
import { DEFAULT_WORKLIST_SETTINGS } from '../../electron/domain/worklists/settings';
import { buildBackend } from '../support/backend';
import type { Fixture } from '../support/backend';

let fx: Fixture;
let dir: string;
let pair: PtyPair;
let sim: { state: ModemSimState; close(): Promise<void> };

beforeAll(async () => {
  fx = await buildBackend();
  dir = mkdtempSync(join(tmpdir(), 'halldesk-sms-svc-'));
  pair = await createPtyPair(join(dir, 'modem'));
  sim = await serveModemSim(pair.simPath);
  await fx.ok('worklists.setSettings', { ...DEFAULT_WORKLIST_SETTINGS, sms: { driver: 'modem', target: pair.clientPath } }, fx.sessions.admin);
});

let closed = false;
afterAll(async () => {
  if (closed) rmSync(fx.dataDir, { recursive: true, force: true });
  else await fx.close();
  await sim.close();
  await pair.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a message is sent, then delivered on the status report; every state is an append-only event', async () => {
  const result = await fx.ok('sms.send', { accountIds: [fx.accounts.energy.id], text: '您好，您的电费余额不足，请及时充值。' }, fx.sessions.clerk1);
  expect(result).toMatchObject({ sent: 1, failed: 0 });
  expect(sim.state.pdus).toHaveLength(1);
  await expect.poll(async () => (await fx.ok('sms.status', {}, fx.sessions.clerk1))[0]?.state).toBe('delivered');
  const states = (await fx.sql.all<{ state: unknown }>('select state from sms_events order by id')).map((r) => r.state);
  expect(states).toEqual(['sending', 'sent', 'delivered']);
});

it('a +CMS ERROR is recorded as failed with its code', async () => {
  sim.state.failNext = 331;
  const result = await fx.ok('sms.send', { accountIds: [fx.accounts.money.id], text: 'test' }, fx.sessions.clerk1);
  expect(result.failed).toBe(1);
  expect(result.messages[0]).toMatchObject({ state: 'failed', error: { code: 'sms-no-network' } });
});

/** This process's open file descriptors on the modem's PTY. */
function fdsOn(path: string): number {
  const device = realpathSync(path);
  return readdirSync('/proc/self/fd').filter((fd) => { try { return readlinkSync(`/proc/self/fd/${fd}`) === device; } catch { return false; } }).length;
}

it("the backend's close closes the modem's serial port", async () => {
  expect(fdsOn(pair.clientPath)).toBeGreaterThan(0);
  await fx.backend.close();
  closed = true;
  await expect.poll(() => fdsOn(pair.clientPath)).toBe(0);
});
