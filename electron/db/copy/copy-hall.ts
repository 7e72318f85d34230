/**
 * `halldesk db copy` (issue 8 item 4): moves a single-counter hall from its SQLite file onto a PostgreSQL
 * server. Both are brought to the latest schema; the server must hold no hall data yet; then every table is
 * copied, ids preserved, parents before children, in pages read by primary key (a hall has millions of rows,
 * none is held whole in memory), all in ONE transaction on the server. The copy is verified inside that
 * transaction (copy-verify.ts), so a copy that does not prove out is rolled back and the server is left as
 * it was. The append-only triggers stay on: they refuse UPDATE and DELETE, and a copy only inserts.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { DatabaseHandle } from '../database-handle';
import { openPostgres } from '../open-postgres';
import { migrate } from '../migrate';
import { LATEST_SCHEMA_VERSION } from '../migrations/index';
import { copyPlan } from './catalogue';
import type { CopyTable } from './catalogue';
import { openCopySource } from './sqlite-source';
import type { CopySource } from './sqlite-source';
import { verifyCopy } from './copy-verify';
import type { CopyVerification } from './copy-verify';

export interface CopyOptions {
  readonly from: string;
  readonly to: string;
  /** Progress lines (the CLI writes them to stderr). */
  readonly log?: (line: string) => void;
  /** Rows per INSERT at most; PostgreSQL takes up to 65,535 parameters per statement. */
  readonly pageRows?: number;
  /** Tests only: runs on the copy's transaction after the rows are in and before they are verified. */
  readonly beforeVerify?: (db: Kysely<Database>) => Promise<void>;
}

export interface CopyOutcome {
  /** True when the copy verified and was committed. */
  readonly committed: boolean;
  readonly sourceVersion: number;
  readonly schemaVersion: number;
  readonly verification: CopyVerification;
  readonly seconds: number;
}

/** The copy cannot start (the server already holds a hall, the file is not a hall's): nothing was written. */
export class CopyRefused extends Error {
  override name = 'CopyRefused';
}

/** Thrown inside the transaction to roll it back, carrying what the verification found. */
class VerificationFailed extends Error {
  constructor(readonly verification: CopyVerification) {
    super('the copy did not verify');
  }
}

/** pg_advisory_xact_lock key ('HDCP'): two copies into one server wait for each other, then the second finds data. */
const COPY_LOCK = 0x48444350;
const MAX_PARAMETERS = 60_000;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function insertStatement(table: CopyTable, rows: readonly unknown[][]): CompiledQuery {
  const width = table.columns.length;
  const tuples = rows.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
  return CompiledQuery.raw(`insert into ${quote(table.name)} (${table.columns.map(quote).join(', ')}) values ${tuples.join(', ')}`, rows.flat());
}

async function refuseUnlessEmpty(db: Kysely<Database>, tables: readonly CopyTable[], location: string): Promise<void> {
  const holding: string[] = [];
  for (const table of tables) {
    const row = await sql<{ yes: boolean }>`select exists (select 1 from ${sql.table(table.name)}) as yes`.execute(db);
    if (row.rows[0]?.yes) holding.push(table.name);
  }
  if (holding.length > 0) {
    throw new CopyRefused(`${location} already holds hall data (${holding.slice(0, 6).join(', ')}${holding.length > 6 ? ', …' : ''}): `
      + 'db copy only fills an empty database — create a new one (createdb) and copy into it before any counter opens it');
  }
}

async function copyTable(db: Kysely<Database>, source: CopySource, table: CopyTable, options: CopyOptions, log: (line: string) => void): Promise<number> {
  const pageRows = Math.max(1, Math.min(options.pageRows ?? 2_000, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const total = source.count(table.name);
  let copied = 0;
  const started = Date.now();
  let lastLog = started;
  for (const rows of source.pages(table, pageRows)) {
    await db.executeQuery(insertStatement(table, rows));
    copied += rows.length;
    if (Date.now() - lastLog > 2_000) {
      log(`copying ${table.name}: ${copied}/${total}`);
      lastLog = Date.now();
    }
  }
  log(`copied ${table.name}: ${copied} rows (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return copied;
}

/**
 * Ids were copied as they were, so each sequence is set past the largest one. setval is not undone by a
 * rollback, hence it is the very last step, after the copy has verified.
 */
async function advanceSequences(db: Kysely<Database>, tables: readonly CopyTable[]): Promise<void> {
  for (const table of tables) {
    if (!table.sequence) continue;
    await sql`select setval(${table.sequence}::regclass, coalesce((select max(id) from ${sql.table(table.name)}), 0) + 1, false)`.execute(db);
  }
}

async function copyInto(target: DatabaseHandle, source: CopySource, options: CopyOptions, log: (line: string) => void): Promise<CopyVerification> {
  return target.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${COPY_LOCK})`.execute(trx);
    const tables = await copyPlan(trx, source.handle.raw);
    await refuseUnlessEmpty(trx, tables, target.location);
    for (const table of tables) await copyTable(trx, source, table, options, log);
    if (options.beforeVerify) await options.beforeVerify(trx);
    const verification = await verifyCopy(trx, source, tables, log);
    if (!verification.ok) throw new VerificationFailed(verification);
    await advanceSequences(trx, tables);
    // A lease copied from the file belongs to a workstation that used it alone; on the server each counter
    // takes its own at start (counter-lease.ts), so A01 need not wait for the copied lease to lapse.
    await trx.updateTable('counters').set({ lease_until: null }).execute();
    log('verified; committing');
    return verification;
  });
}

async function openTarget(url: string, log: (line: string) => void): Promise<DatabaseHandle> {
  const target = openPostgres(url, { maxConnections: 2 });
  try {
    const report = await migrate(target.db, 'postgres', () => new Date());
    log(report.applied.length > 0 ? `server schema migrated ${report.from} → ${report.to}` : `server schema is current (version ${report.to})`);
    return target;
  } catch (error) {
    await target.close();
    throw error;
  }
}

export async function copyHall(options: CopyOptions): Promise<CopyOutcome> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const source = await openCopySource(options.from);
  try {
    log(`source ${options.from}: schema version ${source.foundVersion}${source.foundVersion < LATEST_SCHEMA_VERSION ? ` (read through a copy migrated to ${LATEST_SCHEMA_VERSION})` : ''}`);
    const target = await openTarget(options.to, log);
    try {
      const outcome = (verification: CopyVerification, committed: boolean): CopyOutcome => ({
        committed, verification, sourceVersion: source.foundVersion, schemaVersion: LATEST_SCHEMA_VERSION, seconds: (performance.now() - started) / 1000,
      });
      try {
        return outcome(await copyInto(target, source, options, log), true);
      } catch (error) {
        if (error instanceof VerificationFailed) return outcome(error.verification, false);
        throw error;
      }
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
