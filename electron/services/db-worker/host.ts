/**
 * Long database jobs off the backend's thread: the backup copy and its verification, and report exports.
 * better-sqlite3 blocks the thread it runs on, and these are seconds to minutes of it (a 3.3 GB hall: 31 s of
 * copying and 230 s of integrity and books checks; the month's payment record: 3 s of queries and 2 s of
 * writing). On the main thread every backup after a shift close, or a supervisor's export, would freeze the
 * counter. A worker thread opens its own connections (WAL lets the counter keep writing) and reports progress by
 * message; one worker per process, started at the first job and kept (held only while a job is under way:
 * idle, it never keeps the process alive), because starting one loads the SQLite, books and report modules again — most of a second from the
 * sources.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../domain/errors';
import type { DbJob, DbWorkerMessage } from './jobs';

export type JobProgress = (phase: string, done: number, total: number) => void;

/**
 * The desktop build bundles jobs.ts as out/main/db-worker.js beside index.js (vite.electron.config.ts); from
 * the sources (CLI, browser mode, tests) a plain-JS shim registers tsx and loads the TypeScript jobs.
 */
function workerEntry(): URL {
  const bundled = new URL('./db-worker.js', import.meta.url);
  return existsSync(fileURLToPath(bundled)) ? bundled : new URL('./worker.mjs', import.meta.url);
}

type Pending = { readonly resolve: (value: unknown) => void; readonly reject: (error: Error) => void; readonly onProgress: JobProgress | undefined };

class DbWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  run<T>(job: DbJob, onProgress?: JobProgress): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject, onProgress });
      const worker = this.started();
      worker.ref(); // a job under way keeps the process alive (a CLI awaiting it); an idle worker does not
      worker.postMessage({ id, job });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerEntry());
    worker.on('message', (message: DbWorkerMessage) => this.answer(message));
    const fail = (error: Error) => {
      this.worker = null;
      for (const job of this.pending.values()) job.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the database worker stopped (exit ${code}) before answering`)));
    this.worker = worker;
    return worker;
  }

  private answer(message: DbWorkerMessage): void {
    const job = this.pending.get(message.id);
    if (!job) return;
    if (message.type === 'progress') return job.onProgress?.(message.phase, message.done, message.total);
    this.pending.delete(message.id);
    // Idle: unref'd, so a kept worker never holds the process open (halldesk start must end on SIGTERM).
    if (this.pending.size === 0) this.worker?.unref();
    if (message.type === 'done') job.resolve(message.value);
    else job.reject(message.domain ? new DomainError(message.domain.code, message.domain.params) : new Error(message.message));
  }
}

const dbWorker = new DbWorker();

/** Runs `job` in the process's database worker. */
export function runInWorker<T>(job: DbJob, onProgress?: JobProgress): Promise<T> {
  return dbWorker.run<T>(job, onProgress);
}
