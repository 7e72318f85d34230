/**
 * `halldesk db restore FILE [--drill]` (issue 7 item 6): the drill restores into a scratch folder and verifies
 * there, never touching the live database; without --drill the verified file replaces the live database, only
 * while nothing has it open, the old file kept aside. Progress on stderr (a terminal only).
 */
import { join, resolve } from 'node:path';
import { restoreDrill } from '../../services/backup-restore';
import { restoreDatabase } from '../../services/backup-restore-start';
import type { FileVerdict } from '../../services/backup-restore';
import type { CheckOutcome } from '../../db/backup-copy';
import { progressBar } from '../../services/backup-cli-progress';
import { DATABASE_FILE } from '../../main/composition';
import { resolveDatabase } from '../../main/database-choice';
import { NeedsSqliteError } from '../../db/database-handle';
import { positionals } from '../args';
import { defineCommand } from '../command';

const USAGE = 'halldesk db restore FILE [--drill [--keep]] [--data DIR] [--json]';

function printChecks(title: string, checks: readonly CheckOutcome[]): void {
  console.log(title);
  for (const check of checks) console.log(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.ok ? '' : ` ${JSON.stringify(check.offenders)}`}`);
}

function describeSource(verdict: FileVerdict): string {
  return `sha256 ${verdict.sha256}, schema ${verdict.schemaVersion ?? '?'}${verdict.recordId ? `, matches backup record #${verdict.recordId}` : ', no record of it in the live database'}`;
}

async function drill(file: string, liveFile: string, json: boolean, keep: boolean): Promise<number> {
  const bar = progressBar();
  const outcome = await restoreDrill(file, liveFile, bar.listener, keep);
  bar.finish();
  if (json) console.log(JSON.stringify(outcome));
  else {
    printChecks(`backup ${file} (${describeSource(outcome.source)}):`, outcome.source.checks);
    if (outcome.restored) printChecks(`restored into ${outcome.scratch}${keep ? '' : ' (removed)'}, schema brought to ${outcome.migratedTo ?? '?'}:`, outcome.restored.checks);
    console.log(outcome.ok ? 'restore drill passed: the backup restores and verifies; the live database was not touched'
      : `restore drill FAILED (${outcome.restored?.failedCheck ?? outcome.source.failedCheck ?? '?'}); the live database was not touched`);
  }
  return outcome.ok ? 0 : 1;
}

export const restoreCommand = defineCommand({
  summary: 'verify a backup and restore it (only while the app is not running), or --drill: restore to a scratch folder and verify',
  usage: USAGE,
  options: { drill: { type: 'boolean' }, keep: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(parsed) {
    const [file] = positionals(parsed, 1, USAGE);
    // A hall on PostgreSQL restores with the server's tools; restoring the unused SQLite file would mislead.
    if (resolveDatabase(parsed.dataDir, parsed.database).kind === 'postgres') throw new NeedsSqliteError('db restore');
    const source = resolve(file!);
    const liveFile = join(parsed.dataDir, DATABASE_FILE);
    if (parsed.values.drill) return drill(source, liveFile, parsed.values.json === true, parsed.values.keep === true);
    const bar = progressBar();
    const outcome = await restoreDatabase(source, liveFile, new Date(), bar.listener);
    bar.finish();
    if (parsed.values.json) console.log(JSON.stringify(outcome));
    else {
      printChecks(`backup ${source} (${describeSource(outcome.verdict)}):`, outcome.verdict.checks);
      console.log(outcome.refused ? `restore refused: ${outcome.refused}`
        : `restored ${source} → ${liveFile} (schema ${outcome.schemaVersion ?? '?'})${outcome.keptAside ? `; the previous database is kept as ${outcome.keptAside}` : ''}`);
    }
    return outcome.refused ? 1 : 0;
  },
});
