import { join, resolve } from 'node:path';
import { openSqlite } from '../../db/open-sqlite';
import type { SqliteHandle } from '../../db/open-sqlite';
import { migrate } from '../../db/migrate';
import type { MigrationReport } from '../../db/migrate';
import { verifyBooks } from '../../db/verify';
import { backupTo, integrityProblems } from '../../db/sqlite-maintenance';
import { DATABASE_FILE } from '../../main/composition';
import { positionals } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';
import { mkdirSync } from 'node:fs';

/** Opens the data folder's database with its schema brought up to date, runs `work`, always closes. */
async function withDatabase(dataDir: string, work: (handle: SqliteHandle, report: MigrationReport) => Promise<number>): Promise<number> {
  mkdirSync(dataDir, { recursive: true });
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
  summary: 'online backup to FILE, verified before it is reported good',
  usage: 'halldesk db backup FILE [--data DIR]',
  async run(parsed) {
    const [file] = positionals(parsed, 1, 'halldesk db backup FILE [--data DIR]');
    return withDatabase(parsed.dataDir, async (handle) => {
      const report = await backupTo(handle, resolve(file!));
      console.log(`backup good: ${report.file} (${report.pages} pages, schema ${report.schemaVersion}, ${report.sales} sales, integrity ok)`);
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
      const checks = [{ name: 'sqlite-integrity', ok: problems.length === 0, offenders: problems.slice(0, 5) }, ...(await verifyBooks(handle.db))];
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
};
