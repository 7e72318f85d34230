/**
 * The bad-input matrix for the backup methods (issue 7 item 6). Spread into SPECS (and its kinds into KINDS) in
 * bad-input-table.ts. A folder that cannot be created is refused with backup-folder-unusable before anything is stored.
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { backupContract } from '../../shared/contract/backup-methods';

export const BACKUP_INPUT_KINDS = {
  backupFolder: () => ['', '   ', 'relative/dir', 'x'.repeat(401), 123, [], true],
  backupTime: () => ['2:00', '24:00', '02:60', '0200', '', 200, null],
  keepCount: () => [0, -1, 1.5, 366, NaN, '10', null],
  keepDays: () => [0, -1, 1.5, 3651, Infinity, '10', null],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const c = (name: string, who: Caller, code: ErrorCode, input: () => unknown): Case => ({ name, who, code, input });
const settings = { folder: null, dailyTime: '02:00', keepCount: 30, keepDays: 90 };

export const BACKUP_SPECS: Record<keyof typeof backupContract, MethodSpec> = {
  'backups.settings': { who: 'admin', valid: () => ({}), fields: [], cases: [c('a clerk', 'clerk1', 'forbidden', () => ({}))] },
  'backups.setSettings': {
    who: 'admin', valid: () => ({ ...settings }),
    fields: [['folder', 'backupFolder'], ['dailyTime', 'backupTime'], ['keepCount', 'keepCount'], ['keepDays', 'keepDays']],
    cases: [
      c('a folder that cannot be created', 'admin', 'backup-folder-unusable', () => ({ ...settings, folder: '/proc/halldesk-backups' })),
      c('a supervisor', 'supervisor', 'forbidden', () => ({ ...settings })),
    ],
  },
  'backups.run': { who: 'admin', valid: () => ({}), fields: [], cases: [c('a clerk', 'clerk1', 'forbidden', () => ({}))] },
  'backups.progress': { who: 'supervisor', valid: () => ({}), fields: [], cases: [c('a clerk', 'clerk1', 'forbidden', () => ({}))] },
  'backups.list': { who: 'admin', valid: () => ({ limit: 10 }), fields: [['limit', 'limit500', 'optional']] },
  'backups.status': { who: 'supervisor', valid: () => ({}), fields: [], cases: [c('a clerk', 'clerk1', 'forbidden', () => ({}))] },
};
