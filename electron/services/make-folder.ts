import { mkdirSync, statSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';

/**
 * mkdir -p one level at a time. Node's own `recursive: true` never returns for a path under /proc (mkdir there
 * answers ENOENT for ever, and it keeps retrying the parent), so an admin's typo must not hang the backend.
 */
export function makeFolder(folder: string): void {
  const target = resolve(folder);
  const missing: string[] = [];
  for (let at = target; !isDirectory(at); at = dirname(at)) {
    if (at === parse(at).root) break;
    missing.unshift(at);
  }
  for (const level of missing) mkdirSync(level);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
