/**
 * The CLI's progress bar for backup, verify and restore (issue 7 item 7), drawn on stderr so stdout stays the
 * result (and --json stays parseable). Only on a terminal: piped or captured stderr gets nothing.
 */
import type { BackupPhase, ProgressListener } from '../db/backup-copy';

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const WIDTH = 30;
const LABELS: Record<BackupPhase, string> = { copy: 'copying  ', verify: 'verifying' };

export function renderBar(phase: BackupPhase, done: number, total: number): string {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(fraction * WIDTH);
  const unit = phase === 'copy' ? 'pages' : 'checks';
  return `${LABELS[phase]} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${done}/${total} ${unit}`;
}

export interface ProgressBar {
  readonly listener: ProgressListener;
  /** Ends the bar's line (call once the job is done). */
  finish(): void;
}

export function progressBar(stream: ProgressStream = process.stderr): ProgressBar {
  let drawn = false;
  let lastPhase: BackupPhase | null = null;
  let lastText = '';
  return {
    listener(phase, done, total) {
      if (!stream.isTTY) return;
      if (lastPhase !== null && phase !== lastPhase) stream.write('\n');
      const text = renderBar(phase, done, total);
      if (text === lastText) return;
      stream.write(`\r${text}`);
      drawn = true;
      lastPhase = phase;
      lastText = text;
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
      lastPhase = null;
    },
  };
}
