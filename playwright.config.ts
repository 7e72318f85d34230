/**
 * End-to-end tests: Playwright drives Debian's Chromium (the Playwright browser download never works on
 * the build machines) against browser mode (`halldesk start --browser`) on a temporary data folder.
 * The global setup builds the counter screen when it is missing or stale, starts HallDesk on a free
 * port and hands the launch URL to the tests (tests/e2e/fixtures/test.ts). Specs are *.spec.ts, which
 * vitest (tests/**\/*.test.ts) never picks up.
 */
import { defineConfig } from '@playwright/test';

/** Debian's chromium package. HALLDESK_CHROMIUM points elsewhere (a missing binary fails the run). */
export const CHROMIUM = process.env.HALLDESK_CHROMIUM || '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  // Specs use their own logins and meters, so they can run side by side.
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // Generous: the build machines have 2 cores, shared with the unit suites and the simulators.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
    actionTimeout: 5_000,
    navigationTimeout: 10_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
