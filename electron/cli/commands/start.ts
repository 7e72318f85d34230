import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createBackend } from '../../main/composition';
import { electronBinary } from '../../main/electron-runtime';
import { DEFAULT_PORT, startBrowserServer } from '../../main/http-server';
import { ensureDemoHall } from '../../demo/first-run';
import { backendPlace, intOption, positionals } from '../args';
import { defineCommand } from '../command';

const PROJECT_DIR = fileURLToPath(new URL('../../../', import.meta.url));
/** Where `vite build` puts the counter screen (served by browser mode, loaded by the Electron window). */
export const RENDERER_DIR = join(PROJECT_DIR, 'out', 'renderer');

const USAGE = 'halldesk start [--data DIR] [--port N] [--counter A01] [--browser] [--no-demo]';

/** Builds a part of the app once, on a fresh checkout, so `npm ci && npm start` is all it takes. */
function ensureBuilt(script: 'build:renderer' | 'build:electron', marker: string): void {
  if (existsSync(marker)) return;
  console.log(`building (${script}) …`);
  execFileSync('npm', ['run', '--silent', script], { cwd: PROJECT_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function runBrowserMode(place: ReturnType<typeof backendPlace>, port: number): Promise<number> {
  ensureBuilt('build:renderer', join(RENDERER_DIR, 'index.html'));
  // Browser mode has no PC/SC reader: cards are files in <data>/cards (the card strip inserts them).
  const backend = await createBackend({ ...place, collect: true, cardReader: 'files' });
  const demo = await ensureDemoHall(backend);
  const server = await startBrowserServer({ dispatch: backend.dispatch, port, staticDir: RENDERER_DIR });
  console.log(`HallDesk data: ${place.dataDir}; database: ${backend.database.location}`);
  if (demo) console.log(`Demo hall seeded: ${demo}`);
  else if (backend.firstAdminPassword) console.log(`First run: user "admin", password "${backend.firstAdminPassword}" (shown once; change it)`);
  console.log(`Open ${server.url}`);
  await waitForSignal();
  await server.close();
  await backend.close();
  return 0;
}

export const startCommand = defineCommand({
  summary: 'run the counter: the desktop app, or browser mode where Electron cannot be had',
  usage: USAGE,
  options: { port: { type: 'string' }, browser: { type: 'boolean' }, 'no-demo': { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, USAGE);
    if (parsed.values['no-demo']) process.env.HALLDESK_NO_DEMO = '1';
    const port = intOption(parsed, 'port', DEFAULT_PORT);
    const binary = parsed.values.browser ? null : electronBinary();
    if (!binary) {
      if (!parsed.values.browser) console.log('Electron runtime is not available on this machine: starting HallDesk in browser mode.');
      return runBrowserMode(backendPlace(parsed), port);
    }
    ensureBuilt('build:renderer', join(RENDERER_DIR, 'index.html'));
    ensureBuilt('build:electron', join(PROJECT_DIR, 'out', 'main', 'index.js'));
    const place = backendPlace(parsed);
    // The desktop host reads its workstation from the environment (app-host.ts workstationOf).
    const env = { ...process.env, HALLDESK_DATA: place.dataDir, ...(place.database ? { HALLDESK_DATABASE_URL: place.database } : {}), ...(place.counterCode ? { HALLDESK_COUNTER: place.counterCode } : {}) };
    const child = spawn(binary, [PROJECT_DIR], { stdio: 'inherit', env });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  },
});

const SERVE_USAGE = 'halldesk serve [--data DIR] [--port N] [--counter A01] [--no-demo]';

/** Browser mode on its own: the built counter screen and the contract over HTTP on 127.0.0.1 only. */
export const serveCommand = defineCommand({
  summary: `serve the counter screen and the contract on 127.0.0.1 (browser mode; default port ${DEFAULT_PORT})`,
  usage: SERVE_USAGE,
  options: { port: { type: 'string' }, 'no-demo': { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, SERVE_USAGE);
    if (parsed.values['no-demo']) process.env.HALLDESK_NO_DEMO = '1';
    return runBrowserMode(backendPlace(parsed), intOption(parsed, 'port', DEFAULT_PORT));
  },
});
