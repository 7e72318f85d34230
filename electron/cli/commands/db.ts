import { join, resolve } from 'node:path';
import { openSqlite } from '../../db/open-sqlite';
import type { SqliteHandle } from '../../db/open-sqlite';
import { migrate } from '../../db/migrate';
import type { MigrationReport } from '../../db/migrate';
import { verifyBooks } from '../../db/verify';
import { integrityProblems } from '../../db/sqlite-maintenance';
import { sha256File } from '../../db/backup-copy';
import { copySnapshotOffThread as copySnapshot, verifyCopyOffThread as verifyCopy } from '../../services/db-worker/backup';
import { progressBar } from '../../services/backup-cli-progress';
import { restoreCommand } from './db-restore';
import { DATABASE_FILE } from '../../main/composition';
import { positionals } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';
import { makeFolder } from '../../services/make-folder';

/** Opens the data folder's database with its schema brought up to date, runs `work`, always closes. */
async function withDatabase(dataDir: string, work: (handle: SqliteHandle, report: MigrationReport) => Promise<number>): Promise<number> {
  makeFolder(dataDir);
  const handle = openSqlite(join(dataDir, DATABASE_FILE));
  try {
    return await work(handle, await migrate(handle.db, 'sqlite', () => new Date()));
  } finally {
    await handle.close();
  }
}

const migrateCommand = defineCommand({
  summary: 'create or upgrade the database schema',
  usage: 'halldesk db migrate [--data DIR]',
  async run(parsed) {
    positionals(parsed, 0, 'halldesk db migrate [--data DIR]');
    return withDatabase(parsed.dataDir, async (_handle, report) => {
      console.log(report.applied.length === 0 ? `schema is current (version ${report.to})`
        : `migrated ${report.from} → ${report.to}: ${report.applied.join(', ')}`);
      return 0;
    });
  },
});

const backupCommand = defineCommand({
  summary: 'online backup to FILE, verified (integrity, row counts at the snapshot, books) before it is reported good',
  usage: 'halldesk db backup FILE [--data DIR]',
  async run(parsed) {
    const [file] = positionals(parsed, 1, 'halldesk db backup FILE [--data DIR]');
    return withDatabase(parsed.dataDir, async (handle) => {
      const target = resolve(file!);
      const bar = progressBar();
      const copy = await copySnapshot(handle.file, target, bar.listener);
      const verdict = await verifyCopy(target, copy.counts, bar.listener);
      bar.finish();
      if (!verdict.ok) {
        console.log(`backup NOT verified: ${target} failed ${verdict.failedCheck ?? '?'} ${JSON.stringify(verdict.checks.find((c) => !c.ok)?.offenders ?? [])}`);
        return 1;
      }
      console.log(`backup good: ${target} (${copy.pages} pages, schema ${verdict.schemaVersion ?? '?'}, ${verdict.counts['sales'] ?? 0} sales, `
        + `${Object.keys(copy.counts).length} tables' row counts equal, integrity ok, books balanced, sha256 ${await sha256File(target)})`);
      return 0;
    });
  },
});

const verifyCommand = defineCommand({
  summary: 'check integrity, balanced ledger, balances, units-to-date, gapless serials and the audit hash chain',
  usage: 'halldesk db verify [--data DIR] [--json]',
  options: { json: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, 'halldesk db verify [--data DIR] [--json]');
    return withDatabase(parsed.dataDir, async (handle) => {
      const problems = integrityProblems(handle.raw);
      const bar = progressBar();
      const checks = [{ name: 'sqlite-integrity', ok: problems.length === 0, offenders: problems.slice(0, 5) }, ...(await verifyBooks(handle.db, (done, total) => bar.listener('verify', done, total)))];
      bar.finish();
      const clean = checks.every((c) => c.ok);
      if (parsed.values.json) console.log(JSON.stringify({ clean, checks }));
      else {
        for (const check of checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.ok ? '' : ` ${JSON.stringify(check.offenders)}`}`);
        console.log(clean ? 'database is clean and balanced' : 'database has problems (see FAIL lines)');
      }
      return clean ? 0 : 1;
    });
  },
});

export const dbCommands: Record<string, Command> = {
  'db migrate': migrateCommand,
  'db backup': backupCommand,
  'db verify': verifyCommand,
  'db restore': restoreCommand,
};
