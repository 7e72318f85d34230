import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFolder } from './make-folder';

const root = mkdtempSync(join(tmpdir(), 'halldesk-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('makeFolder (mkdir -p that cannot hang)', () => {
  it('creates every missing level and accepts an existing folder', () => {
    const deep = join(root, 'a', 'b', 'c');
    makeFolder(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(() => makeFolder(deep)).not.toThrow();
  });

  it('a path under /proc is refused at once (Node\'s recursive mkdir never returns there)', () => {
    expect(() => makeFolder('/proc/halldesk-backups/x')).toThrow(/ENOENT/);
    expect(existsSync('/proc/halldesk-backups')).toBe(false);
  });

  it('a file in the way is refused', () => {
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(() => makeFolder(join(file, 'sub'))).toThrow(/EEXIST|ENOTDIR/);
  });
});
