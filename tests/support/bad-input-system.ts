/**
 * The bad-input matrix for the database methods (issue 8: system.databaseStatus and the settings page's
 * database choice). To be spread into SPECS (and its kinds into KINDS) in bad-input-table.ts. A URL that is
 * not a PostgreSQL URL is refused with database-url-invalid before anything is tried, written or audited.
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { systemContract } from '../../shared/contract/system-methods';

export const SYSTEM_KINDS = {
  databaseUrl: () => ['', '   ', 'x'.repeat(501), 123, null, [], true],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const c = (name: string, who: Caller, code: ErrorCode, input: () => unknown, language?: 'en'): Case => ({ name, who, code, input, ...(language ? { language } : {}) });
/** A well-formed URL of a server nobody runs: only the matrix's refusals ever reach it. */
const URL = 'postgres://halldesk:secret@db.invalid:5432/hall';
const NOT_POSTGRES = ['http://db.example/hall', 'postgres://', 'postgres://db.example', 'postgres:///hall', 'sqlite', 'not a url at all'];

export const SYSTEM_SPECS: Record<keyof typeof systemContract, MethodSpec> = {
  'system.databaseStatus': { who: 'clerk1', valid: () => ({}), fields: [] },
  'system.databaseSettings': { who: 'admin', valid: () => ({}), fields: [] },
  'system.testDatabase': {
    who: 'admin', valid: () => ({ url: URL }), fields: [['url', 'databaseUrl']],
    cases: [
      ...NOT_POSTGRES.map((url) => c(`not a PostgreSQL URL: ${url}`, 'admin', 'database-url-invalid', () => ({ url }))),
      c('not a PostgreSQL URL, in English', 'admin', 'database-url-invalid', () => ({ url: 'mysql://db.example/hall' }), 'en'),
    ],
  },
  'system.saveDatabase': {
    who: 'admin', valid: () => ({ kind: 'postgres', url: URL }), fields: [['kind', 'enum'], ['url', 'databaseUrl']],
    cases: [
      ...NOT_POSTGRES.map((url) => c(`not a PostgreSQL URL: ${url}`, 'admin', 'database-url-invalid', () => ({ kind: 'postgres', url }))),
      c('the embedded file with a URL', 'admin', 'invalid-input', () => ({ kind: 'sqlite', url: URL })),
      c('no kind', 'admin', 'invalid-input', () => ({ url: URL })),
    ],
  },
};
