// Pins down the architecture rules in eslint.config.js: small snippets are linted
// as if they lived at virtual paths in the tree (the files need not exist).
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Finding {
  ruleId: string | null;
  message: string;
}

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function lint(filePath: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath, warnIgnored: true });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  return result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
}

/** Exactly one finding, from `ruleId`, whose message contains every fragment. */
function expectOne(findings: Finding[], ruleId: string, ...fragments: string[]): void {
  expect(findings).toHaveLength(1);
  expect(findings[0]?.ruleId).toBe(ruleId);
  for (const fragment of fragments) expect(findings[0]?.message).toContain(fragment);
}

describe('electron/domain is pure', () => {
  it("rejects 'node:*' builtins", async () => {
    const f = await lint('electron/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    expectOne(f, 'no-restricted-imports', "Node builtins ('node:*') are not allowed here", 'electron/domain is pure');
  });

  it('rejects bare node builtins and their sub-paths', async () => {
    expectOne(
      await lint('electron/domain/x.ts', "import { createHash } from 'crypto';\nexport const h = createHash;\n"),
      'no-restricted-imports',
      "Node builtin 'crypto' is not allowed here",
    );
    expectOne(
      await lint('electron/domain/x.ts', "import { readFile } from 'fs/promises';\nexport const r = readFile;\n"),
      'no-restricted-imports',
      "Node builtin 'fs/promises' is not allowed here",
    );
  });

  it.each(['electron', 'better-sqlite3', 'pg', 'serialport', 'pdfkit', 'kysely'])("rejects the '%s' package", async (pkg) => {
    const f = await lint('electron/domain/x.ts', `import * as m from '${pkg}';\nexport const r = m;\n`);
    expectOne(f, 'no-restricted-imports', `'${pkg}' is not allowed here`);
  });

  it.each([
    ['electron/domain/x.ts', '../db/open-sqlite'],
    ['electron/domain/sales/x.ts', '../../db/open-sqlite'],
    ['electron/domain/sales/x.ts', '../../db/repositories/db'],
    ['electron/domain/sales/x.ts', '../../services/sales-service'],
    ['electron/domain/sales/x.ts', '../../hardware/card-reader'],
    ['electron/domain/sales/x.ts', '../../main/index'],
    ['electron/domain/sales/x.ts', '../../cli/bin'],
    ['electron/domain/sales/x.ts', '../../../electron/db/schema'],
  ])('%s may not import %s', async (file, spec) => {
    const f = await lint(file, `import * as m from '${spec}';\nexport const r = m;\n`);
    expectOne(
      f,
      'no-restricted-imports',
      `'${spec}' import is restricted`,
      'Importing from electron/db/, electron/main/, electron/services/, electron/hardware/, electron/cli/, electron/preload/ is not allowed here',
    );
  });

  it('rejects console in the domain', async () => {
    const f = await lint('electron/domain/x.ts', "export function f(): void {\n  console.log('x');\n}\n");
    expectOne(f, 'no-console', 'Unexpected console statement');
  });

  it('allows shared/, sibling domain modules and pure packages', async () => {
    const code = [
      "import { fen } from '../../../shared/money';",
      "import type { Fen } from '../../../shared/money';",
      "import { DomainError } from '../errors';",
      "import { priceUnits } from '../tariffs/tariff';",
      "import { z } from 'zod';",
      'export const all: unknown[] = [fen, DomainError, priceUnits, z];',
      'export type F = Fen;',
      '',
    ].join('\n');
    expect(await lint('electron/domain/sales/x.ts', code)).toEqual([]);
  });
});

describe('renderer talks to main only through shared/contract', () => {
  it('rejects relative imports into electron/', async () => {
    const f = await lint('renderer/src/x.ts', "import { openSqlite } from '../../electron/db/open-sqlite';\nexport const o = openSqlite;\n");
    expectOne(f, 'no-restricted-imports', 'Importing from electron/ is not allowed here', 'shared/contract');
  });

  it.each(['electron', 'better-sqlite3', 'node:path', 'path'])("rejects '%s'", async (spec) => {
    const f = await lint('renderer/src/x.tsx', `import * as m from '${spec}';\nexport const r = m;\n`);
    expectOne(f, 'no-restricted-imports', `'${spec}' import is restricted`, 'not allowed here', 'shared/contract');
  });

  it('allows shared/, react and i18n', async () => {
    const code = [
      "import { useState } from 'react';",
      "import { useTranslation } from 'react-i18next';",
      "import type { Fen } from '../../shared/money';",
      'export function Amount(props: { value: Fen }) {',
      '  const [v] = useState(props.value);',
      '  const { t } = useTranslation();',
      "  return <span title={t('amount')}>{String(v)}</span>;",
      '}',
      '',
    ].join('\n');
    expect(await lint('renderer/src/x.tsx', code)).toEqual([]);
  });
});

describe('shared/ runs in both processes', () => {
  it("rejects 'node:*' builtins", async () => {
    const f = await lint('shared/x.ts', "import { join } from 'node:path';\nexport const j = join;\n");
    expectOne(f, 'no-restricted-imports', "Node builtins ('node:*') are not allowed here", 'shared/ runs in both');
  });

  it.each(['electron', 'better-sqlite3', 'kysely', 'react', 'react-dom', 'fs'])("rejects '%s'", async (spec) => {
    const f = await lint('shared/x.ts', `import * as m from '${spec}';\nexport const r = m;\n`);
    expectOne(f, 'no-restricted-imports', `'${spec}' is not allowed here`);
  });

  it('rejects package sub-paths such as react-dom/client', async () => {
    const f = await lint('shared/x.ts', "import { createRoot } from 'react-dom/client';\nexport const c = createRoot;\n");
    expectOne(f, 'no-restricted-imports', 'Sub-paths of', 'react-dom');
  });

  it.each([
    ['shared/x.ts', '../electron/db/schema'],
    ['shared/contract/x.ts', '../../electron/domain/errors'],
    ['shared/x.ts', '../renderer/src/app'],
  ])('%s may not import %s', async (file, spec) => {
    const f = await lint(file, `import * as m from '${spec}';\nexport const r = m;\n`);
    expectOne(f, 'no-restricted-imports', 'Importing from electron/, renderer/ is not allowed here');
  });

  it.each(['window', 'document', 'localStorage', 'navigator'])("rejects the DOM global '%s'", async (name) => {
    const f = await lint('shared/x.ts', `export const g = ${name};\n`);
    expectOne(f, 'no-restricted-globals', `'${name}' is a browser global`);
  });

  it('allows zod and sibling modules', async () => {
    const code = "import { z } from 'zod';\nimport { ROLES } from './vocabulary';\nexport const Role = z.enum(ROLES);\n";
    expect(await lint('shared/contract/x.ts', code)).toEqual([]);
  });
});

describe('rules that apply everywhere', () => {
  it.each(['electron/services/x.ts', 'shared/x.ts', 'renderer/src/x.ts', 'tests/x.test.ts'])(
    'bans @ts-ignore in %s',
    async (file) => {
      const f = await lint(file, '// @ts-ignore\nexport const n: number = 1;\n');
      expectOne(f, '@typescript-eslint/ban-ts-comment', '@ts-ignore');
    },
  );

  it('bans @ts-nocheck', async () => {
    const f = await lint('electron/main/x.ts', '// @ts-nocheck\nexport const n = 1;\n');
    expectOne(f, '@typescript-eslint/ban-ts-comment', '@ts-nocheck');
  });

  it('allows _-prefixed unused parameters and flags other unused ones', async () => {
    expect(await lint('electron/services/x.ts', 'export function f(_unused: number): number {\n  return 1;\n}\n')).toEqual([]);
    const f = await lint('electron/services/x.ts', 'export function f(unused: number): number {\n  return 1;\n}\n');
    expectOne(f, '@typescript-eslint/no-unused-vars', "'unused'");
  });

  it('lets electron/services and electron/db use Node, the database and devices', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import BetterSqlite3 from 'better-sqlite3';",
      "import { SerialPort } from 'serialport';",
      "import { Kysely } from 'kysely';",
      "import { quoteSale } from '../domain/sales/quote';",
      'export const all: unknown[] = [readFileSync, BetterSqlite3, SerialPort, Kysely, quoteSale];',
      '',
    ].join('\n');
    expect(await lint('electron/services/x.ts', code)).toEqual([]);
    expect(await lint('electron/db/x.ts', code)).toEqual([]);
  });
});

describe('electron/hardware talks to devices only', () => {
  it('does not reach the database, services or the main process', async () => {
    const f = await lint('electron/hardware/meters/transport/x.ts', "import { openSqlite } from '../../../db/open-sqlite';\nexport const o = openSqlite;\n");
    expectOne(f, 'no-restricted-imports', 'electron/hardware talks to devices only');
  });

  it('keeps the meter codecs pure: no Node builtins, no transport or simulator', async () => {
    expectOne(await lint('electron/hardware/meters/codecs/x.ts', "import { Socket } from 'node:net';\nexport const s = Socket;\n"),
      'no-restricted-imports', "Node builtins ('node:*') are not allowed here", 'meter codecs are pure frame code');
    expectOne(await lint('electron/hardware/meters/codecs/x.ts', "import { Bus } from '../transport/bus';\nexport const b = Bus;\n"),
      'no-restricted-imports', 'Importing transport/ or sim/ is not allowed here');
    expect(await lint('electron/hardware/meters/transport/x.ts', "import { Socket } from 'node:net';\nexport const s = Socket;\n")).toEqual([]);
  });
});
