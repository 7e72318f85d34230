import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend } from '../../main/composition';
import { electronBinary } from '../../main/electron-runtime';
import { DEFAULT_PORT, startBrowserServer } from '../../main/http-server';
import { ensureDemoHall } from '../../demo/first-run';
import { intOption, positionals, stringOption } from '../args';
import { defineCommand } from '../command';

/** Where `vite build` puts the counter screen (served by browser mode, loaded by the Electron window). */
export const RENDERER_DIR = join(process.cwd(), 'out', 'renderer');

const USAGE = 'halldesk start [--data DIR] [--port N] [--counter A01] [--browser]';

export const startCommand = defineCommand({
  summary: 'run the counter: the desktop app, or browser mode where Electron cannot be had',
  usage: USAGE,
  options: { port: { type: 'string' }, browser: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, USAGE);
    const binary = parsed.values.browser ? null : electronBinary();
    if (binary) {
      const child = spawn(binary, ['.'], { stdio: 'inherit', env: { ...process.env, HALLDESK_DATA: parsed.dataDir } });
      return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    }
    if (!parsed.values.browser) console.log('Electron runtime is not available on this machine: starting HallDesk in browser mode.');
    const backend = await createBackend({ dataDir: parsed.dataDir, counterCode: stringOption(parsed, 'counter') });
    const demo = await ensureDemoHall(backend);
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) console.log(`(the counter screen is not built: run "npm run build:renderer"; the API is served meanwhile)`);
    const server = await startBrowserServer({ dispatch: backend.dispatch, port: intOption(parsed, 'port', DEFAULT_PORT), staticDir: RENDERER_DIR });
    console.log(`HallDesk data: ${parsed.dataDir}`);
    if (demo) console.log(`Demo hall seeded: ${demo}`);
    if (backend.firstAdminPassword && !demo) console.log(`First run: user "admin", password "${backend.firstAdminPassword}" (shown once; change it)`);
    console.log(`Open ${server.url}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    await backend.close();
    return 0;
  },
});
