/** The database worker's side (host.ts says why): backup copy and verification, report exports; progress and answers by message. */
import { parentPort } from 'node:worker_threads';
import { copySnapshot, verifyCopy } from '../../db/backup-copy';
import type { RowCounts } from '../../db/backup-copy';
import { openSqlite } from '../../db/open-sqlite';
import { DomainError } from '../../domain/errors';
import { runExport } from '../report-export';
import type { ExportJob } from '../report-export';

export type DbJob =
  | { readonly op: 'copy'; readonly source: string; readonly target: string }
  | { readonly op: 'verify'; readonly file: string; readonly expected: RowCounts | null }
  | { readonly op: 'export'; readonly file: string; readonly job: ExportJob };

/** Worker → host, each tagged with the job's id. */
export type DbWorkerMessage =
  | { readonly id: number; readonly type: 'progress'; readonly phase: string; readonly done: number; readonly total: number }
  | { readonly id: number; readonly type: 'done'; readonly value: unknown }
  | { readonly id: number; readonly type: 'failed'; readonly message: string; readonly domain?: { readonly code: string; readonly params: Readonly<Record<string, string | number>> } };

type Progress = (phase: string, done: number, total: number) => void;

/** An export reads through a read-only connection of its own: it can never write, and WAL lets it read beside the counter. */
async function exportFrom(file: string, job: ExportJob, progress: Progress): Promise<unknown> {
  const handle = openSqlite(file, { readonly: true });
  try {
    return await runExport(handle.db, job, (done, total) => progress('export', done, total));
  } finally {
    await handle.close();
  }
}

function perform(job: DbJob, progress: Progress): Promise<unknown> {
  switch (job.op) {
    case 'copy': return copySnapshot(job.source, job.target, progress);
    case 'verify': return verifyCopy(job.file, job.expected, progress);
    case 'export': return exportFrom(job.file, job.job, progress);
  }
}

function send(message: DbWorkerMessage): void {
  parentPort?.postMessage(message);
}

async function run(id: number, job: DbJob): Promise<void> {
  try {
    send({ id, type: 'done', value: await perform(job, (phase, done, total) => send({ id, type: 'progress', phase, done, total })) });
  } catch (error) {
    // A refusal (not-found …) crosses the thread as its code and params, so the caller answers it as the service would.
    const domain = error instanceof DomainError ? { domain: { code: error.code, params: error.params } } : {};
    send({ id, type: 'failed', message: error instanceof Error ? error.message : String(error), ...domain });
  }
}

parentPort?.on('message', (message: { id: number; job: DbJob }) => { void run(message.id, message.job); });
