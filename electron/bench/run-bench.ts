/**
 * `npm run bench`: the counter core measured on a generated hall (default 200,000 customers and
 * 2,000,000 sales, as issue 2 names). The generated hall is kept in a cache folder and copied afresh for
 * each run, so the write benchmarks never change the cached hall.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, DATABASE_FILE } from '../main/composition';
import type { Backend } from '../main/composition';
import { seedDemoHall } from '../demo/seed';
import { benchImport } from './import-bench';
import { benchLedgerProperty } from './ledger-property';
import { benchSweeps } from './sweep-bench';
import { benchReports } from './report-bench';
import { rendererBundleSize } from './bundle-size';
import { benchSlip } from '../slips/bench-slip';
import { benchLookups, benchQuotes, benchSales, benchShiftReport, drawSample } from './contract-bench';
import { createRawSaleWriter } from './raw-sale';
import { benchWorklists } from './worklist-bench';
import { benchBackup } from './backup-bench';
import { percentile, round2, timeEach } from './stats';
import { requireSqlite } from '../db/database-handle';
import { benchPostgres } from './pg-sale-bench';

export interface BenchOptions {
  readonly customers: number;
  readonly sales: number;
  readonly cacheDir: string;
  readonly iterations: number;
  readonly importRows: number;
  /** The PostgreSQL benchmarks (issue 8): the server to run them on, and sales per counter. */
  readonly pg?: { readonly serverUrl: string | undefined; readonly salesPerCounter: number };
  readonly log: (line: string) => void;
}

/** The cached hall for this size, generated once (its generation time is reported when it happens). */
export async function cachedHall(options: BenchOptions): Promise<{ dir: string; seedSeconds: number | null }> {
  const dir = join(options.cacheDir, `hall-${options.customers}-${options.sales}`);
  if (existsSync(join(dir, DATABASE_FILE)) && existsSync(join(dir, 'complete'))) return { dir, seedSeconds: null };
  rmSync(dir, { recursive: true, force: true });
  options.log(`generating a hall of ${options.customers} customers and ${options.sales} sales in ${dir} …`);
  const backend = await createBackend({ dataDir: dir });
  const counts = await seedDemoHall(backend, { customers: options.customers, sales: options.sales, log: options.log });
  requireSqlite(backend.database, 'this benchmark').raw.pragma('wal_checkpoint(TRUNCATE)');
  await backend.close();
  // Written last: a generation that was interrupted is never taken for a complete hall.
  writeFileSync(join(dir, 'complete'), JSON.stringify(counts));
  return { dir, seedSeconds: round2(counts.seconds) };
}

async function login(backend: Backend, username: string, password: string): Promise<string> {
  const result = await backend.dispatch('auth.login', { username, password });
  if (!result.ok) throw new Error(`bench login ${username}: ${result.error.message}`);
  return (result.value as { session: string }).session;
}

async function benchOpen(dir: string) {
  const samples = await timeEach(3, async () => (await createBackend({ dataDir: dir })).close());
  return { db_open_ms: round2(percentile(samples, 100)) };
}

async function benchRaw(backend: Backend, sample: ReturnType<typeof drawSample>, shiftId: number, clerkId: number, count: number) {
  const raw = requireSqlite(backend.database, 'this benchmark').raw;
  const write = createRawSaleWriter(raw, 'Z99');
  const targets = sample.meterIds.map((meterId) => {
    const row = raw.prepare('select account_id, tariff_id from meters where id = ?').get(meterId) as { account_id: number; tariff_id: number };
    const version = raw.prepare('select max(id) as id from tariff_versions where tariff_id = ?').get(row.tariff_id) as { id: number };
    return { meterId, accountId: row.account_id, shiftId, clerkId, tariffVersionId: version.id };
  });
  const samples = await timeEach(count, (i) => write(targets[i % targets.length]!, `raw-${Date.now().toString(36)}-${i}`, new Date().toISOString()));
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export async function runBench(options: BenchOptions): Promise<Record<string, unknown>> {
  // First: it needs a PostgreSQL server and fails clearly (naming how to start one) before the long run, not after.
  const pgFigures = await benchPostgres({ ...options.pg, log: options.log });
  const { dir: cached, seedSeconds } = await cachedHall(options);
  const work = mkdtempSync(join(tmpdir(), 'halldesk-bench-'));
  try {
    copyFileSync(join(cached, DATABASE_FILE), join(work, DATABASE_FILE));
    const figures: Record<string, unknown> = { customers: options.customers, sales: options.sales, seed_seconds: seedSeconds,
      db_file_mb: round2(statSync(join(work, DATABASE_FILE)).size / 1e6), ...(await benchOpen(work)) };
    const backend = await createBackend({ dataDir: work });
    try {
      const session = await login(backend, 'li.clerk', 'clerk1234');
      const sample = drawSample(backend, options.iterations);
      Object.assign(figures, await benchLookups(backend, session, sample, Math.ceil(options.iterations / 5)));
      Object.assign(figures, await benchQuotes(backend, session, sample, options.iterations));
      const shift = await backend.dispatch('shifts.open', { float: 50_000 }, { session });
      if (!shift.ok) throw new Error(`bench shift: ${shift.error.message}`);
      const { samples: _samples, ...sales } = await benchSales(backend, session, sample, options.iterations);
      Object.assign(figures, sales);
      const me = await backend.dispatch('auth.me', {}, { session });
      const clerkId = me.ok ? (me.value as { user: { id: number } }).user.id : 0;
      const raw = await benchRaw(backend, sample, (shift.value as { id: number }).id, clerkId, options.iterations);
      figures.raw_sale_commit_p50_ms = round2(raw.p50);
      figures.sale_commit_vs_raw = round2(sales.sale_commit_p50_ms / raw.p50);
      Object.assign(figures, await benchShiftReport(backend, session));
      Object.assign(figures, await benchWorklists(backend, session));
      Object.assign(figures, await benchReports(backend, await login(backend, 'zhang.sup', 'super1234')));
      Object.assign(figures, await benchBackup(backend));
    } finally {
      await backend.close();
    }
    Object.assign(figures, await benchImport(options.importRows));
    Object.assign(figures, await benchSlip());
    Object.assign(figures, rendererBundleSize(process.cwd()));
    Object.assign(figures, await benchLedgerProperty(100_000));
    Object.assign(figures, await benchSweeps(options.log));
    return { ...pgFigures, ...figures };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

