/**
 * Report figures (issue 7): day_report_ms (target ≤ 300) — reports.dayClose through the contract for the
 * hall's busiest business date, median of 5; monthly_export_xlsx_s (target ≤ 10) — the monthly payment record
 * of that date's month as xlsx (every standing payment of the month, one row each), median of 3; plus the
 * monthly report view and the year tier summary for reference. `--only reports` runs them on a copy of the
 * cached hall (run-bench's cachedHall), migrated first.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, DATABASE_FILE } from '../main/composition';
import type { Backend } from '../main/composition';
import { percentile, round2, timeEach } from './stats';
import { requireSqlite } from '../db/database-handle';

async function call(backend: Backend, session: string | null, method: string, input: unknown): Promise<unknown> {
  const result = await backend.dispatch(method, input, { session });
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

export async function benchReports(backend: Backend, session: string): Promise<Record<string, number | string>> {
  const busiest = requireSqlite(backend.database, 'this benchmark').raw.prepare('select business_date as d, count(*) as n from sales group by business_date order by n desc limit 1').get() as { d: string; n: number } | undefined;
  if (!busiest) return {};
  const month = busiest.d.slice(0, 7);
  const day = await timeEach(5, () => call(backend, session, 'reports.dayClose', { date: busiest.d }));
  const monthly = await timeEach(3, () => call(backend, session, 'reports.monthly', { month, by: 'building' }));
  let rows = 0;
  const xlsx = await timeEach(3, async () => { rows = ((await call(backend, session, 'reports.monthlyPaymentRecord', { month, format: 'xlsx' })) as { rows: number }).rows; });
  const tiers = await timeEach(1, () => call(backend, session, 'reports.tiers', { period: month.slice(0, 4) }));
  return {
    day_report_ms: round2(percentile(day, 50)), day_report_date: busiest.d, day_report_sales: Number(busiest.n),
    monthly_report_ms: round2(percentile(monthly, 50)),
    monthly_export_xlsx_s: round2(percentile(xlsx, 50) / 1000), monthly_export_rows: rows,
    tier_year_s: round2(percentile(tiers, 50) / 1000),
  };
}

export async function benchReportsOnly(options: { customers: number; sales: number; cacheDir: string; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const { cachedHall } = await import('./run-bench');
  const { dir: hallDir, seedSeconds } = await cachedHall({ ...options, iterations: 10, importRows: 100 });
  const work = mkdtempSync(join(tmpdir(), 'halldesk-bench-rep-'));
  try {
    copyFileSync(join(hallDir, DATABASE_FILE), join(work, DATABASE_FILE));
    const backend = await createBackend({ dataDir: work });
    try {
      const session = ((await call(backend, null, 'auth.login', { username: 'zhang.sup', password: 'super1234' })) as { session: string }).session;
      return { customers: options.customers, sales: options.sales, seed_seconds: seedSeconds, ...(await benchReports(backend, session)) };
    } finally {
      await backend.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
