/** The backup jobs in a worker thread (backup-thread.ts says why): copy or verify, progress and answer by message. */
import { parentPort } from 'node:worker_threads';
import { copySnapshot, verifyCopy } from './backup-copy';
import type { BackupJob, BackupWorkerMessage } from './backup-thread';

function send(message: BackupWorkerMessage): void {
  parentPort?.postMessage(message);
}

async function run(id: number, job: BackupJob): Promise<void> {
  const progress = (phase: 'copy' | 'verify', done: number, total: number) => send({ id, type: 'progress', phase, done, total });
  try {
    const value = job.op === 'copy' ? await copySnapshot(job.source, job.target, progress) : await verifyCopy(job.file, job.expected, progress);
    send({ id, type: 'done', value });
  } catch (error) {
    send({ id, type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

parentPort?.on('message', (message: { id: number; job: BackupJob }) => { void run(message.id, message.job); });
