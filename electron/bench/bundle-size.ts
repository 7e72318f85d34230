/**
 * The renderer bundle's size as the clerk's window loads it: every file `vite build` wrote to
 * out/renderer, raw and gzip-compressed (level 9), in KB. Builds first when the folder is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round2 } from './stats';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function rendererBundleSize(projectDir: string): { renderer_bundle_kb: number; renderer_bundle_gzip_kb: number } {
  const dir = join(projectDir, 'out', 'renderer');
  if (!existsSync(join(dir, 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: projectDir, stdio: 'ignore' });
  let raw = 0;
  let gzip = 0;
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { renderer_bundle_kb: round2(raw / 1024), renderer_bundle_gzip_kb: round2(gzip / 1024) };
}
