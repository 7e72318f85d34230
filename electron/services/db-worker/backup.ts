/** The backup copy and its verification (backup-copy.ts) in the database worker (host.ts says why). */
import type { CopyResult, CopyVerdict, ProgressListener, RowCounts } from '../../db/backup-copy';
import { runInWorker } from './host';

const asBackupProgress = (onProgress?: ProgressListener) =>
  onProgress && ((phase: string, done: number, total: number) => onProgress(phase === 'copy' ? 'copy' : 'verify', done, total));

export function copySnapshotOffThread(source: string, target: string, onProgress?: ProgressListener): Promise<CopyResult> {
  return runInWorker<CopyResult>({ op: 'copy', source, target }, asBackupProgress(onProgress));
}

/** The first 'verify' step is told here, before the job starts, so a listener acting on it (a test corrupting the copy) runs before anything is read. */
export function verifyCopyOffThread(file: string, expected: RowCounts | null, onProgress?: ProgressListener): Promise<CopyVerdict> {
  onProgress?.('verify', 0, 1);
  return runInWorker<CopyVerdict>({ op: 'verify', file, expected }, asBackupProgress(onProgress));
}
