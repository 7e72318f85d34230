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

/** Worker → host, each tagged with the job's id. */
export type BackupWorkerMessage =
  | { readonly id: number; readonly type: 'progress'; readonly phase: 'copy' | 'verify'; readonly done: number; readonly total: number }
  | { readonly id: number; readonly type: 'done'; readonly value: unknown }
  | { readonly id: number; readonly type: 'failed'; readonly message: string };

/**
 * The desktop build bundles the job as out/main/backup-worker.js beside index.js (vite.electron.config.ts);
 * from the sources (CLI, browser mode, tests) a plain-JS shim registers tsx and loads the TypeScript job.
 */
function workerEntry(): URL {
  const bundled = new URL('./backup-worker.js', import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./backup-worker.mjs', import.meta.url);
}

type Pending = { readonly resolve: (value: unknown) => void; readonly reject: (error: Error) => void; readonly onProgress: ProgressListener | undefined };

/**
 * One worker for the process, started at the first job and kept (unref'd: it never keeps the process alive):
 * starting a worker loads the SQLite and books-check modules again, most of a second from the sources.
 */
class BackupWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  run<T>(job: BackupJob, onProgress?: ProgressListener): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject, onProgress });
      this.started().postMessage({ id, job });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerEntry());
    worker.unref();
    worker.on('message', (message: BackupWorkerMessage) => this.answer(message));
    const fail = (error: Error) => {
      this.worker = null;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the backup worker stopped (exit ${code}) before answering`)));
    this.worker = worker;
    return worker;
  }

  private answer(message: BackupWorkerMessage): void {
    const job = this.pending.get(message.id);
    if (!job) return;
    if (message.type === 'progress') return job.onProgress?.(message.phase, message.done, message.total);
    this.pending.delete(message.id);
    if (message.type === 'done') job.resolve(message.value);
    else job.reject(new Error(message.message));
  }
}

const backupWorker = new BackupWorker();

/** copySnapshot (backup-copy.ts) in a worker thread. */
export function copySnapshotOffThread(source: string, target: string, onProgress?: ProgressListener): Promise<CopyResult> {
  return backupWorker.run<CopyResult>({ op: 'copy', source, target }, onProgress);
}

/**
 * verifyCopy (backup-copy.ts) in a worker thread. The first 'verify' step is told here, before the worker starts,
 * so a listener acting on it (a test corrupting the copy) runs before anything is read.
 */
export function verifyCopyOffThread(file: string, expected: RowCounts | null, onProgress?: ProgressListener): Promise<CopyVerdict> {
  onProgress?.('verify', 0, 1);
  return backupWorker.run<CopyVerdict>({ op: 'verify', file, expected }, onProgress);
}
