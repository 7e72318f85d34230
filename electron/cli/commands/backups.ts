/**
 * `halldesk backups list|run|status` (issue 7 item 6 from the CLI): the recorded backups as backups.list answers
 * them, a backup run exactly as backups.run does it (to the configured folder, verified, recorded and audited,
 * retention after), and the status behind the "no verified backup in 24 h" warning. `db backup FILE` stays the
 * one-off copy to a file of one's choosing, outside the records.
 */
import type { Backend } from '../../main/composition';
import type { BackupStatusView, BackupView } from '../../../shared/contract/backup-views';
import { intOption, positionals } from '../args';
import { actorFor, checked, withBackend } from '../backend-session';
import { defineCommand } from '../command';
import type { Command } from '../command';
import { formatTable } from '../table';
import { progressBar } from './report-progress';

const LIST_USAGE = 'halldesk backups list [--limit N] [--json] [--data DIR]';
const RUN_USAGE = 'halldesk backups run [--user NAME] [--json] [--data DIR]';
const STATUS_USAGE = 'halldesk backups status [--json] [--data DIR]';

function verdictOf(b: BackupView): string {
  return b.verified ? 'verified' : `FAILED ${b.failedCheck ?? '?'}`;
}

function printList(backups: readonly BackupView[]): void {
  const rows = backups.map((b) => [String(b.id), b.kind, b.finishedAt, verdictOf(b), b.present ? 'present' : 'gone', String(b.sizeBytes), b.file]);
  const headers = ['id', 'kind', 'finished', 'check', 'file is', 'bytes', 'file'];
  for (const line of formatTable(headers.map((header) => ({ header, right: header === 'id' || header === 'bytes' })), rows)) console.log(line);
  console.log(`${backups.length} backup${backups.length === 1 ? '' : 's'} recorded`);
}

/**
 * The backup service reports its progress to backups.progress (the screen polls it); the bar polls the same,
 * so the CLI draws exactly what the screen shows without a second way of reporting.
 */
async function withProgress<T>(backend: Backend, work: Promise<T>): Promise<T> {
  const bar = progressBar('backup');
  const timer = setInterval(() => {
    const now = backend.services.backups.progress();
    if (now.running) bar.update(Math.round(now.fraction * 100), 100);
  }, 100);
  try {
    const result = await work;
    bar.update(100, 100);
    return result;
  } finally {
    clearInterval(timer);
    bar.end();
  }
}

const listCommand = defineCommand({
  summary: 'the recorded backups, newest first: verified or the check they failed, and whether the file is still there',
  usage: LIST_USAGE,
  options: { limit: { type: 'string' }, json: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, LIST_USAGE);
    const limit = parsed.values.limit === undefined ? undefined : intOption(parsed, 'limit', 0);
    const input = checked('backups.list', limit !== undefined ? { limit } : {});
    return withBackend(parsed, async (backend) => {
      const backups = await backend.services.backups.list(input.limit);
      if (parsed.values.json) console.log(JSON.stringify(backups, null, 2));
      else printList(backups);
      return 0;
    });
  },
});

const runCommand = defineCommand({
  summary: 'a recorded backup to the configured folder, verified before it counts (exit 1 if not verified)',
  usage: RUN_USAGE,
  options: { user: { type: 'string' }, json: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, RUN_USAGE);
    return withBackend(parsed, async (backend) => {
      const actor = await actorFor(backend, parsed, 'backups.run');
      const backup = await withProgress(backend, backend.services.backups.run('manual', actor));
      if (parsed.values.json) console.log(JSON.stringify(backup));
      else console.log(backup.verified ? `backup #${backup.id} verified: ${backup.file} (${backup.sizeBytes} bytes, sha256 ${backup.sha256})`
        : `backup #${backup.id} NOT verified: ${backup.file} failed ${backup.failedCheck ?? '?'}`);
      return backup.verified ? 0 : 1;
    });
  },
});

function statusLines(status: BackupStatusView): string[] {
  const last = status.lastVerified;
  const lines = [last ? `last verified backup: #${last.id} (${last.kind}) at ${last.finishedAt}: ${last.file}${last.present ? '' : ' (file gone)'}` : 'last verified backup: none'];
  if (status.warning) lines.push('WARNING: no verified backup within the last 24 hours');
  if (status.running) lines.push('a backup or restore drill is running');
  const plan = status.pendingRestore;
  if (plan) lines.push(`restore scheduled: backup #${plan.backupId} ${plan.file} (by ${plan.scheduledBy} at ${plan.scheduledAt}) replaces the database at the next start`);
  const done = status.lastRestore;
  if (done) lines.push(`last restore at start: backup #${done.backupId} at ${done.at}: ${done.ok ? `done, the old database kept as ${done.keptAside ?? '?'}` : `failed, the old database kept (${done.reason ?? '?'})`}`);
  return lines;
}

const statusCommand = defineCommand({
  summary: 'the last verified backup, a warning if none within 24 h, and a scheduled restore if any',
  usage: STATUS_USAGE,
  options: { json: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, STATUS_USAGE);
    return withBackend(parsed, async (backend) => {
      const status = await backend.services.backups.status();
      if (parsed.values.json) console.log(JSON.stringify(status, null, 2));
      else for (const line of statusLines(status)) console.log(line);
      return 0;
    });
  },
});

export const backupsCommands: Record<string, Command> = { 'backups list': listCommand, 'backups run': runCommand, 'backups status': statusCommand };
