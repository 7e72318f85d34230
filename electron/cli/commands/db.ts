import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openSqlite } from '../../db/open-sqlite';
import { openPostgres } from '../../db/open-postgres';
import { requireSqlite, sqliteDatabase } from '../../db/database-handle';
import type { DatabaseHandle } from '../../db/database-handle';
import { migrate, schemaVersion } from '../../db/migrate';
import type { MigrationReport } from '../../db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../db/migrations/index';
import { verifyBooks } from '../../db/verify';
import { pageIntegrity } from '../../db/page-integrity';
import { sha256File } from '../../db/backup-copy';
import { copySnapshotOffThread as copySnapshot, verifyCopyOffThread as verifyCopy } from '../../services/db-worker/backup';
import { progressBar } from '../../services/backup-cli-progress';
import { restoreCommand } from './db-restore';
import { copyCommand } from './db-copy';
import { DatabaseChoiceError, resolveDatabase } from '../../main/database-choice';
import type { DatabaseChoice } from '../../main/database-choice';
import { positionals, UsageError } from '../args';
import type { Parsed } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';
import { makeFolder } from '../../services/make-folder';

/** The database --database / HALLDESK_DATABASE_URL / the data folder's saved choice names (issue 8). */
function chosen(parsed: Parsed): DatabaseChoice {
  try {
    return resolveDatabase(parsed.dataDir, parsed.database);
  } catch (error) {
    if (error instanceof DatabaseChoiceError) throw new UsageError(error.message);
    throw error;
  }
}

function openChoice(parsed: Parsed, choice: DatabaseChoice): DatabaseHandle {
  makeFolder(parsed.dataDir);
  return choice.kind === 'postgres' ? openPostgres(choice.url, { maxConnections: 2 }) : sqliteDatabase(openSqlite(choice.file));
}

/** Opens the chosen database with its schema brought up to date, runs `work`, always closes. */
async function withDatabase(parsed: Parsed, work: (handle: DatabaseHandle, report: MigrationReport) => Promise<number>): Promise<number> {
  const handle = openChoice(parsed, chosen(parsed));
  try {
    return await work(handle, await migrate(handle.db, handle.dialect, () => new Date()));
  } finally {
    await handle.close();
  }
}

/** The file, or the server's URL without its password (openPostgres redacts it). */
const where = (handle: DatabaseHandle) => handle.location;

const migrateCommand = defineCommand({
  summary: 'create or upgrade the database schema',
  usage: 'halldesk db migrate [--data DIR] [--database URL]',
  async run(parsed) {
    positionals(parsed, 0, 'halldesk db migrate [--data DIR] [--database URL]');
    return withDatabase(parsed, async (handle, report) => {
      console.log(report.applied.length === 0 ? `schema is current (version ${report.to}) in ${where(handle)}`
        : `migrated ${report.from} → ${report.to} in ${where(handle)}: ${report.applied.join(', ')}`);
      return 0;
    });
  },
});

const backupCommand = defineCommand({
  summary: 'online backup to FILE, verified (integrity, row counts at the snapshot, books) before it is reported good',
  usage: 'halldesk db backup FILE [--data DIR]',
  async run(parsed) {
    const [file] = positionals(parsed, 1, 'halldesk db backup FILE [--data DIR]');
    return withDatabase(parsed, async (handle) => {
      const sqlite = requireSqlite(handle, 'db backup');
      const target = resolve(file!);
      const bar = progressBar();
      const copy = await copySnapshot(sqlite.file, target, bar.listener);
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
  usage: 'halldesk db verify [--data DIR] [--database URL] [--json]',
  options: { json: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, 'halldesk db verify [--data DIR] [--database URL] [--json]');
    return withDatabase(parsed, async (handle) => {
      const bar = progressBar();
      const checks = [await pageIntegrity(handle), ...(await verifyBooks(handle.db, (done, total) => bar.listener('verify', done, total)))];
      bar.finish();
      const clean = checks.every((c) => c.ok);
      if (parsed.values.json) console.log(JSON.stringify({ clean, database: where(handle), dialect: handle.dialect, checks }));
      else {
        console.log(`database ${where(handle)} (${handle.dialect})`);
        for (const check of checks) {
          const detail = check.ok ? (check.note ? ` (${check.note})` : '') : ` ${JSON.stringify(check.offenders)}`;
          console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${detail}`);
        }
        console.log(clean ? 'database is clean and balanced' : 'database has problems (see FAIL lines)');
      }
      return clean ? 0 : 1;
    });
  },
});

const statusCommand = defineCommand({
  summary: 'which database this data folder uses, and its schema version against this HallDesk (changes nothing)',
  usage: 'halldesk db status [--data DIR] [--database URL] [--json]',
  options: { json: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, 'halldesk db status [--data DIR] [--database URL] [--json]');
    const choice = chosen(parsed);
    if (choice.kind === 'sqlite' && !existsSync(choice.file)) {
      console.log(`no database yet at ${choice.file} (sqlite): the first start or halldesk db migrate creates it`);
      return 0;
    }
    const handle = openChoice(parsed, choice);
    try {
      const version = await schemaVersion(handle.db);
      const state = version > LATEST_SCHEMA_VERSION ? 'newer than this HallDesk: install the newer HallDesk'
        : version < LATEST_SCHEMA_VERSION ? `${MIGRATIONS.filter((m) => m.version > version).length} migration(s) pending: run halldesk db migrate` : 'current';
      if (parsed.values.json) console.log(JSON.stringify({ database: where(handle), dialect: handle.dialect, schemaVersion: version, appSchemaVersion: LATEST_SCHEMA_VERSION, state }));
      else console.log(`database ${where(handle)} (${handle.dialect}), schema version ${version} of ${LATEST_SCHEMA_VERSION}: ${state}`);
      return version > LATEST_SCHEMA_VERSION ? 1 : 0;
    } finally {
      await handle.close();
    }
  },
});

export const dbCommands: Record<string, Command> = {
  'db migrate': migrateCommand,
  'db backup': backupCommand,
  'db verify': verifyCommand,
  'db restore': restoreCommand,
  'db copy': copyCommand,
  'db status': statusCommand,
};
