/**
 * Build of the Electron main process and preload (the renderer has its own vite.config.ts). Two builds,
 * picked by --mode, because the two files need different formats:
 *
 *   vite build -c vite.electron.config.ts --mode main     → out/main/index.js   (ESM, Node, SSR build)
 *   vite build -c vite.electron.config.ts --mode preload  → out/preload/index.cjs (one CommonJS file)
 *
 * main: our code is bundled; Electron, Node builtins and every package.json dependency stay external
 * and load from node_modules at run time (better-sqlite3 and serialport are native; pdfkit reads its
 * data files from its own folder). electron-builder ships the production dependencies.
 *
 * preload: a sandboxed preload can require only 'electron' (and a few polyfilled builtins), so the
 * contract code and zod are bundled INTO it and only 'electron' is external.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin, UserConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
const dependencies = Object.keys(pkg.dependencies ?? {});

/** Bare specifiers that stay `import`s in out/main/index.js. */
function isExternalForMain(id: string): boolean {
  if (id === 'electron' || id.startsWith('node:') || builtinModules.includes(id)) return true;
  return dependencies.some((name) => id === name || id.startsWith(`${name}/`));
}

/**
 * The demo seed's writer thread is started with `new Worker(new URL('./sqlite-writer.worker.mjs',
 * import.meta.url))`. An SSR build leaves that URL alone, so it resolves next to out/main/index.js: copy
 * the plain-JS worker and the module it imports there.
 */
function copyWorkerFiles(outDir: string): Plugin {
  // [source, destination]: the worker imports '../db/audit-chain.mjs', so that file keeps the same
  // relative place beside out/main as it has beside electron/bulk.
  const files: [string, string][] = [
    ['electron/bulk/sqlite-writer.worker.mjs', join(outDir, 'sqlite-writer.worker.mjs')],
    ['electron/bulk/id-maps.mjs', join(outDir, 'id-maps.mjs')],
    ['electron/db/audit-chain.mjs', join(outDir, '..', 'db', 'audit-chain.mjs')],
  ];
  return {
    name: 'halldesk:copy-worker-files',
    writeBundle() {
      for (const [source, target] of files) {
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(join(root, source), target);
      }
    },
  };
}

function mainConfig(): UserConfig {
  const outDir = join(root, 'out', 'main');
  return {
    root,
    publicDir: false,
    plugins: [copyWorkerFiles(outDir)],
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node22', // Electron 45 runs Node 22
      minify: false,
      sourcemap: true,
      rolldownOptions: {
        // db-worker.js: the database worker for backups and exports (electron/services/db-worker/host.ts), beside index.js.
        input: { index: join(root, 'electron', 'main', 'index.ts'), 'db-worker': join(root, 'electron', 'services', 'db-worker', 'jobs.ts') },
        external: isExternalForMain,
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  };
}

function preloadConfig(): UserConfig {
  return {
    root,
    publicDir: false,
    // Sandboxed preloads see a reduced `process`; nothing should depend on NODE_ENV at run time.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: join(root, 'out', 'preload'),
      emptyOutDir: true,
      target: 'chrome120',
      minify: false,
      sourcemap: true,
      lib: { entry: join(root, 'electron', 'preload', 'index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      rolldownOptions: { external: ['electron'] },
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'main') return mainConfig();
  if (mode === 'preload') return preloadConfig();
  throw new Error(`vite.electron.config.ts: --mode must be "main" or "preload", not "${mode}"`);
});
