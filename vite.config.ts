/**
 * Build of the counter screen (renderer/): a static bundle in out/renderer, loaded by the Electron window
 * and served by browser mode. `base: './'` keeps every asset URL relative, so the same files work from
 * file:// (or an app protocol) and from http://127.0.0.1:<port>/. Nothing is inlined as a script: the
 * pages run under script-src 'self'.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./out/renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome120',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2_000,
    sourcemap: false,
  },
});
