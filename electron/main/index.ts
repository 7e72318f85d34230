/**
 * Electron main entry, bundled to out/main/index.js (package.json "main"). It wires the real backend and
 * the bundle's own paths into the lifecycle in app-host.ts and starts it.
 *
 * The backend core runs here, in the main process, not in a utilityProcess: better-sqlite3 is synchronous
 * and fast, each contract call is one short transaction (a sale is a few ms), and a single process
 * holding the only connection keeps the single-writer guarantee simple. The composition root never
 * imports Electron, so if profiling ever shows the window stalling, it can move to a utilityProcess
 * behind the same dispatch.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from './composition';
import { ensureDemoHall } from '../demo/first-run';
import { startDesktopApp } from './app-host';

const here = dirname(fileURLToPath(import.meta.url));

void startDesktopApp({
  createBackend,
  ensureDemoHall,
  paths: {
    preload: join(here, '..', 'preload', 'index.cjs'),
    renderer: join(here, '..', 'renderer'),
  },
});
