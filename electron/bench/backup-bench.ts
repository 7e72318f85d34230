/**
 * `backup_verified_s` (issue 7): one verified backup of the hall — the snapshot copy, sha256, integrity check,
 * row counts of every table and every books check on the copy — as the counter's process runs it (in the database
 * worker). `backup_event_loop_*_lag_ms`: how long the counter's own thread was kept waiting meanwhile.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createBackend, DATABASE_FILE } from '../main/composition';
import type { Backend } from '../main/composition';
import { createBackupService } from '../services/backup-service';
import { round2 } from './stats';
import { requireSqlite } from '../db/database-handle';

export async function benchBackup(backend: Backend): Promise<Record<string, unknown>> {
  let verifyStarted = 0;
  const service = createBackupService({ db: backend.database.db, clock: backend.clock, counterCode: 'A01' }, requireSqlite(backend.database, 'this benchmark').file, {
    onProgress: (phase) => { if (phase === 'verify' && verifyStarted === 0) verifyStarted = performance.now(); },
    log: () => undefined,
  });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  const backup = await service.run('manual', null);
  const ended = performance.now();
  lag.disable();
  return {
    backup_verified_s: round2((ended - started) / 1000),
    backup_copy_s: round2(((verifyStarted || ended) - started) / 1000),
    backup_verify_s: round2((ended - (verifyStarted || ended)) / 1000),
    backup_mb: round2(backup.sizeBytes / 1e6),
    backup_event_loop_max_lag_ms: round2(lag.max / 1e6),
    backup_event_loop_p99_lag_ms: round2(lag.percentile(99) / 1e6),
    backup_verified: backup.verified,
    ...(backup.verified ? {} : { backup_failed_check: backup.failedCheck }),
  };
}

export async function benchBackupOnly(options: { customers: number; sales: number; cacheDir: string; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const { cachedHall } = await import('./run-bench');
  const { dir: hallDir, seedSeconds } = await cachedHall({ ...options, iterations: 10, importRows: 100 });
  const work = mkdtempSync(join(tmpdir(), 'halldesk-bench-backup-'));
  try {
    copyFileSync(join(hallDir, DATABASE_FILE), join(work, DATABASE_FILE));
    const backend = await createBackend({ dataDir: work });
    try {
      return { customers: options.customers, sales: options.sales, seed_seconds: seedSeconds, ...(await benchBackup(backend)) };
    } finally {
      await backend.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
