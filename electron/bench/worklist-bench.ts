/**
 * worklist_ms (issue 7, target ≤ 500): worklists.list through the contract (zod, session, service, SQLite) on
 * the generated hall, for each list kind; the figure is the slowest kind's median (worklist_first_ms: the
 * slowest first call, which sums the whole sales window into the connection's TEMP window table first;
 * later calls add only the sales since — services/worklist-list-query.ts). `--only worklists` runs it on a
 * copy of the cached hall (migrated first, its time reported).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, DATABASE_FILE } from '../main/composition';
import type { Backend } from '../main/composition';
import { WORKLIST_KINDS } from '../../shared/contract/worklist-views';
import { percentile, round2, timeEach } from './stats';

export async function benchWorklists(backend: Backend, session: string, iterations = 5): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  let worst = 0;
  let firstWorst = 0;
  for (const kind of WORKLIST_KINDS) {
    let total = 0;
    const samples = await timeEach(iterations, async () => {
      const result = await backend.dispatch('worklists.list', { kind, limit: 200 }, { session });
      if (!result.ok) throw new Error(`worklists.list ${kind}: ${result.error.message}`);
      total = (result.value as { total: number }).total;
    });
    const p50 = percentile(samples, 50);
    figures[`worklist_${kind}_ms`] = round2(p50);
    // The first list of a kind sums the whole sales window; later ones add only the sales since (worklist-list-query.ts).
    figures[`worklist_${kind}_first_ms`] = round2(samples[0]!);
    figures[`worklist_${kind}_rows`] = total;
    worst = Math.max(worst, p50);
    firstWorst = Math.max(firstWorst, samples[0]!);
  }
  return { worklist_ms: round2(worst), worklist_first_ms: round2(firstWorst), ...figures };
}

/** `--only worklists`: the cached hall (generated once by run-bench's cachedHall) copied and measured. */
export async function benchWorklistsOnly(options: { customers: number; sales: number; cacheDir: string; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const { cachedHall } = await import('./run-bench');
  const { dir: hallDir, seedSeconds } = await cachedHall({ ...options, iterations: 10, importRows: 100 });
  const work = mkdtempSync(join(tmpdir(), 'halldesk-bench-wl-'));
  try {
    copyFileSync(join(hallDir, DATABASE_FILE), join(work, DATABASE_FILE));
    const started = performance.now();
    const backend = await createBackend({ dataDir: work });
    const openMs = performance.now() - started;
    try {
      const login = await backend.dispatch('auth.login', { username: 'li.clerk', password: 'clerk1234' });
      if (!login.ok) throw new Error(`bench login: ${login.error.message}`);
      return { customers: options.customers, sales: options.sales, seed_seconds: seedSeconds, worklist_open_and_migrate_ms: round2(openMs), ...(await benchWorklists(backend, (login.value as { session: string }).session)) };
    } finally {
      await backend.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
