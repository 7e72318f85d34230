/** One backup job in a worker thread (backup-thread.ts says why): copy or verify, progress and answer by message. */
import { parentPort, workerData } from 'node:worker_threads';
import { copySnapshot, verifyCopy } from './backup-copy';
import type { BackupJob, BackupWorkerMessage } from './backup-thread';

function send(message: BackupWorkerMessage): void {
  parentPort?.postMessage(message);
}

async function run(job: BackupJob): Promise<unknown> {
  const progress = (phase: 'copy' | 'verify', done: number, total: number) => send({ type: 'progress', phase, done, total });
  return job.op === 'copy' ? copySnapshot(job.source, job.target, progress) : verifyCopy(job.file, job.expected, progress);
}

try {
  send({ type: 'done', value: await run(workerData as BackupJob) });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
