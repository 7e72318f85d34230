/**
 * The backup copy and its verification off the backend's thread. Both are long synchronous SQLite work (on a
 * 3.3 GB hall: 31 s of copying, 230 s of integrity check and books checks, single statements taking seconds), and
 * better-sqlite3 blocks the thread it runs on: on the main thread every backup, including the one after each
 * shift close, would freeze the counter. A worker thread opens its own connections (WAL lets the counter keep
 * writing) and reports progress by message.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CopyResult, CopyVerdict, ProgressListener, RowCounts } from './backup-copy';

export type BackupJob =
  | { readonly op: 'copy'; readonly source: string; readonly target: string }
  | { readonly op: 'verify'; readonly file: string; readonly expected: RowCounts | null };

export type BackupWorkerMessage =
  | { readonly type: 'progress'; readonly phase: 'copy' | 'verify'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly value: unknown }
  | { readonly type: 'failed'; readonly message: string };

/**
 * The desktop build bundles the job as out/main/backup-worker.js beside index.js (vite.electron.config.ts);
 * from the sources (CLI, browser mode, tests) a plain-JS shim registers tsx and loads the TypeScript job.
 */
function workerEntry(): URL {
  const bundled = new URL('./backup-worker.js', import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./backup-worker.mjs', import.meta.url);
}

function runJob<T>(job: BackupJob, onProgress?: ProgressListener): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerEntry(), { workerData: job });
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
    };
    worker.on('message', (message: BackupWorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.phase, message.done, message.total);
      else if (message.type === 'done') finish(() => resolve(message.value as T));
      else finish(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the backup worker stopped (exit ${code}) before answering`))));
  });
}

/** copySnapshot (backup-copy.ts) in a worker thread. */
export function copySnapshotOffThread(source: string, target: string, onProgress?: ProgressListener): Promise<CopyResult> {
  return runJob<CopyResult>({ op: 'copy', source, target }, onProgress);
}

/**
 * verifyCopy (backup-copy.ts) in a worker thread. The first 'verify' step is told here, before the worker starts,
 * so a listener acting on it (a test corrupting the copy) runs before anything is read.
 */
export function verifyCopyOffThread(file: string, expected: RowCounts | null, onProgress?: ProgressListener): Promise<CopyVerdict> {
  onProgress?.('verify', 0, 1);
  return runJob<CopyVerdict>({ op: 'verify', file, expected }, onProgress);
}
