/**
 * Before the e2e run: Chromium must be there (a missing browser FAILS the run, it never skips), the
 * counter screen is built if missing or stale, and `halldesk start --browser` runs on a temporary data
 * folder and a free port (it seeds the demo hall on this first run). The tests find it through
 * HALLDESK_E2E_SERVER (fixtures/test.ts). The returned function is the teardown: stop it, remove the folder.
 */
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullConfig } from '@playwright/test';
import { ensureRendererBuilt, startHallDesk } from './fixtures/halldesk-process';
import { SERVER_ENV } from './fixtures/server-info';
import type { ServerInfo } from './fixtures/server-info';

function requireChromium(config: FullConfig): void {
  const path = config.projects[0]?.use.launchOptions?.executablePath;
  if (!path) throw new Error('playwright.config.ts sets no launchOptions.executablePath (the Playwright browser download does not work here)');
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`Chromium is not installed at ${path}, and the end-to-end tests drive it. `
      + 'Install the Debian package: apt-get install -y --no-install-recommends chromium fonts-wqy-microhei');
  }
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  requireChromium(config);
  const started = Date.now();
  const build = ensureRendererBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'halldesk-e2e-'));
  const hall = await startHallDesk({ dataDir, args: ['--browser'] }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  const info: ServerInfo = { launchUrl: hall.launchUrl, origin: hall.origin, token: hall.token, dataDir };
  process.env[SERVER_ENV] = JSON.stringify(info);
  // stderr: stdout may carry a reporter's JSON.
  process.stderr.write(`[e2e] renderer ${build}; HallDesk at ${hall.origin} on ${dataDir} (${Date.now() - started} ms)\n`);

  return async () => {
    const exit = await hall.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (exit.code !== 0) throw new Error(`halldesk start did not exit cleanly on SIGTERM: ${JSON.stringify(exit)}\n${hall.output()}`);
  };
}
