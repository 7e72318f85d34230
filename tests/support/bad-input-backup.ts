/**
 * The bad-input matrix for the backup methods (issue 7 item 6). Spread into SPECS (and its kinds into KINDS) in
 * bad-input-table.ts. A folder that cannot be created is refused with backup-folder-unusable before anything is stored;
 * a drill or scheduled restore of a backup that does not exist, or a restore not confirmed by the typed word, is
 * refused before any drill runs, any marker is written or anything is audited.
 */
import type { Case, Caller, MethodSpec } from './bad-input-table';
import type { ErrorCode } from '../../shared/contract/errors';
import type { backupContract } from '../../shared/contract/backup-methods';

export const BACKUP_INPUT_KINDS = {
  backupFolder: () => ['', '   ', 'relative/dir', 'x'.repeat(401), 123, [], true],
  backupTime: () => ['2:00', '24:00', '02:60', '0200', '', 200, null],
  keepCount: () => [0, -1, 1.5, 366, NaN, '10', null],
  keepDays: () => [0, -1, 1.5, 3651, Infinity, '10', null],
  restoreConfirm: () => ['x'.repeat(41), 123, null, [], true],
} satisfies Record<string, (valid: unknown) => unknown[]>;

const c = (name: string, who: Caller, code: ErrorCode, input: () => unknown): Case => ({ name, who, code, input });
const settings = { folder: null, dailyTime: '02:00', keepCount: 30, keepDays: 90 };
const NO_BACKUP = 999_999;

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
  'backups.drill': {
    who: 'admin', valid: () => ({ backupId: 1 }), fields: [['backupId', 'id']],
    cases: [c('a backup that does not exist', 'admin', 'not-found', () => ({ backupId: NO_BACKUP }))],
  },
  'backups.scheduleRestore': {
    who: 'admin', valid: () => ({ backupId: 1, confirm: 'RESTORE' }), fields: [['backupId', 'id'], ['confirm', 'restoreConfirm']],
    cases: [
      c('a backup that does not exist', 'admin', 'not-found', () => ({ backupId: NO_BACKUP, confirm: 'RESTORE' })),
      c('the confirmation not typed', 'admin', 'backup-restore-unconfirmed', () => ({ backupId: NO_BACKUP, confirm: '' })),
      c('the confirmation mistyped', 'admin', 'backup-restore-unconfirmed', () => ({ backupId: NO_BACKUP, confirm: 'restore' })),
    ],
  },
  'backups.cancelRestore': { who: 'admin', valid: () => ({}), fields: [], cases: [c('a supervisor', 'supervisor', 'forbidden', () => ({}))] },
};
