// ESLint flat config for HallDesk.
//
// Lint is deliberately *not* type-aware (typescript-eslint "recommended", not
// "recommended-type-checked"): `tsc --noEmit` already runs in CI, and this keeps
// `eslint .` fast. What lint adds on top of tsc is the architecture:
//
//   electron/domain/**  pure business rules: no Node, no Electron, no DB, no devices
//   shared/**           code that runs in BOTH processes: no Node, no DOM, no React, no DB
//   renderer/**         the UI: talks to main only through the typed contract in shared/
//
// The boundaries use `no-restricted-imports`, which looks at the import string as
// written (it does not resolve it). Relative imports into a forbidden directory are
// therefore caught by regular expressions on the path segments; see the notes at
// each pattern. tests/lint-boundaries.test.ts pins the behaviour down.
//
// NB: in a flat config a later object that sets the same rule for the same file
// REPLACES the earlier options (they are not merged). The three boundary blocks
// below target disjoint directories, so each file gets exactly one list.

import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const SOURCE_EXT = '{ts,tsx,mts,cts,js,mjs,cjs}';
const LINTED = [
  `electron/**/*.${SOURCE_EXT}`,
  `shared/**/*.${SOURCE_EXT}`,
  `renderer/**/*.${SOURCE_EXT}`,
  `tests/**/*.${SOURCE_EXT}`,
  '*.config.ts',
  '*.config.{js,mjs,cjs}',
];

// Node's own globals (process, Buffer, URL, setTimeout, ...) for the few plain-JS
// files (CLI launcher, this config). TS files get `no-undef` switched off by
// typescript-eslint, as the compiler checks names itself.
const NODE_GLOBALS = Object.fromEntries(
  Object.getOwnPropertyNames(globalThis)
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name))
    .map((name) => [name, 'readonly']),
);

// ---------------------------------------------------------------------------
// Boundary building blocks. Each returns { paths, patterns } fragments for
// no-restricted-imports, so a directory's list is a readable composition.

/** Node builtins, both spellings: `node:fs` and bare `fs`, `fs/promises`, ... */
const nodeBuiltins = (why) => ({
  paths: builtinModules
    .filter((name) => !name.startsWith('_') && !name.startsWith('node:'))
    .map((name) => ({ name, message: `Node builtin '${name}' is not allowed here: ${why}` })),
  patterns: [{ group: ['node:*'], message: `Node builtins ('node:*') are not allowed here: ${why}` }],
});

/** Bare packages (and their sub-paths, e.g. react-dom/client). */
const packages = (names, why) => ({
  paths: names.map((name) => ({ name, message: `'${name}' is not allowed here: ${why}` })),
  patterns: [{ group: names.map((name) => `${name}/*`), message: `Sub-paths of ${names.join(', ')} are not allowed here: ${why}` }],
});

/**
 * Relative imports that land in one of `dirs` of the repo.
 * `parentDir` is the top folder the dirs live in ('' for the repo root, 'electron'
 * for electron/db, electron/main, ...).
 *
 * The import string is not resolved, so we match path segments after the leading
 * '../' run. Caught: '../../db/open-sqlite', '../db', '../../../electron/db/x'.
 * Not caught (stays inside the importing folder): './db', './main'.
 * Root-style specifiers ('electron/db/x') cannot resolve (tsconfig has no baseUrl/paths)
 * and 'electron/*' is caught as a package sub-path anyway.
 * A sibling folder of electron/domain's sub-folders reached by '../' and named like
 * a forbidden directory (db, main, services, hardware, cli, preload) would be a false
 * positive: do not name domain folders like that.
 */
const directories = (parentDir, dirs, why) => ({
  paths: [],
  patterns: [
    {
      regex: `^(?:\\.\\./)+${parentDir ? `(?:${parentDir}/)?` : ''}(?:${dirs.join('|')})(?:/|$)`,
      message: `Importing from ${dirs.map((d) => (parentDir ? `${parentDir}/${d}/` : `${d}/`)).join(', ')} is not allowed here: ${why}`,
    },
  ],
});

const restrict = (...parts) => [
  'error',
  {
    paths: parts.flatMap((p) => p.paths),
    patterns: parts.flatMap((p) => p.patterns),
  },
];

const DOMAIN_WHY = 'electron/domain is pure business logic; do I/O in electron/services and pass data in.';
const SHARED_WHY = 'shared/ runs in both the main and the renderer process; keep it free of platform code.';
const RENDERER_WHY = 'the renderer reaches the main process only through the typed contract in shared/contract and the preload bridge.';

const DOMAIN_IMPORTS = restrict(
  nodeBuiltins(DOMAIN_WHY),
  packages(['electron', 'better-sqlite3', 'pg', 'serialport', 'modbus-serial', 'pdfkit', 'exceljs', 'kysely'], DOMAIN_WHY),
  { paths: [], patterns: [{ group: ['@serialport/*'], message: `'@serialport/*' is not allowed here: ${DOMAIN_WHY}` }] },
  directories('electron', ['db', 'main', 'services', 'hardware', 'cli', 'preload'], DOMAIN_WHY),
  directories('', ['renderer'], DOMAIN_WHY),
);

const SHARED_IMPORTS = restrict(
  nodeBuiltins(SHARED_WHY),
  packages(['electron', 'better-sqlite3', 'pg', 'kysely', 'react', 'react-dom', 'serialport', 'pdfkit'], SHARED_WHY),
  directories('', ['electron', 'renderer'], SHARED_WHY),
);

const RENDERER_IMPORTS = restrict(
  nodeBuiltins(RENDERER_WHY),
  packages(['electron', 'better-sqlite3', 'pg', 'kysely', 'serialport', 'modbus-serial', 'pdfkit'], RENDERER_WHY),
  directories('', ['electron'], RENDERER_WHY),
);

const HARDWARE_WHY = 'electron/hardware talks to devices only; services reach it through its ports and persist what it answers.';
const CODECS_WHY = 'meter codecs are pure frame code: the transport carries the bytes, the simulator serves them.';

const HARDWARE_IMPORTS = restrict(
  packages(['electron', 'better-sqlite3', 'pg', 'kysely'], HARDWARE_WHY),
  directories('electron', ['db', 'main', 'services', 'cli', 'preload', 'demo', 'bench'], HARDWARE_WHY),
  directories('', ['renderer'], HARDWARE_WHY),
);

const CODEC_IMPORTS = restrict(
  nodeBuiltins(CODECS_WHY),
  packages(['electron', 'better-sqlite3', 'pg', 'kysely', 'serialport', 'modbus-serial'], CODECS_WHY),
  { paths: [], patterns: [{ regex: '^(?:\\.\\./)+(?:transport|sim)(?:/|$)', message: `Importing transport/ or sim/ is not allowed here: ${CODECS_WHY}` }] },
  directories('electron', ['db', 'main', 'services', 'cli', 'preload', 'demo', 'bench'], CODECS_WHY),
);

const DOM_GLOBALS = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator'].map((name) => ({
  name,
  message: `'${name}' is a browser global; ${SHARED_WHY}`,
}));

export default defineConfig(
  globalIgnores([
    'node_modules/',
    'out/',
    'dist/',
    'build/',
    'coverage/',
    'vitest.json',
    '.halldesk-data/',
    'bench-data/',
  ]),

  // Everything we lint.
  {
    files: LINTED,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/ban-ts-comment': [
        'error',
        {
          'ts-ignore': true,
          'ts-nocheck': true,
          'ts-check': false,
          'ts-expect-error': 'allow-with-description',
          minimumDescriptionLength: 5,
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },

  // Plain JS files (CLI launcher, config files) run under Node.
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: NODE_GLOBALS },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
    },
  },

  // ---- Boundaries -----------------------------------------------------------
  {
    files: [`electron/domain/**/*.${SOURCE_EXT}`],
    rules: {
      'no-restricted-imports': DOMAIN_IMPORTS,
      'no-restricted-globals': ['error', ...DOM_GLOBALS.map((g) => ({ ...g, message: `'${g.name}' is a browser global; ${DOMAIN_WHY}` }))],
      // The domain returns values and throws DomainError; logging is the caller's business.
      'no-console': 'error',
    },
  },
  {
    files: [`electron/hardware/**/*.${SOURCE_EXT}`],
    ignores: [`electron/hardware/meters/codecs/**`],
    rules: { 'no-restricted-imports': HARDWARE_IMPORTS },
  },
  {
    files: [`electron/hardware/meters/codecs/**/*.${SOURCE_EXT}`],
    rules: { 'no-restricted-imports': CODEC_IMPORTS },
  },
  {
    files: [`shared/**/*.${SOURCE_EXT}`],
    rules: {
      'no-restricted-imports': SHARED_IMPORTS,
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    files: [`renderer/**/*.${SOURCE_EXT}`],
    rules: {
      'no-restricted-imports': RENDERER_IMPORTS,
    },
  },
);
