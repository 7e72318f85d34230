/** The running backup's progress (issue 7 item 7), read by backups.progress: copy is the first half, verification the second. */
import type { Clock } from '../domain/time/business-time';
import type { BackupPhase } from '../db/backup-copy';
import type { BackupKind, BackupProgressView } from '../../shared/contract/backup-views';

const IDLE: BackupProgressView = { running: false, job: null, kind: null, phase: null, fraction: 0, startedAt: null };

/** 0…1 over the whole job from a phase's done/total. */
export function overallFraction(phase: BackupPhase, done: number, total: number): number {
  const within = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  return phase === 'copy' ? within / 2 : 0.5 + within / 2;
}

/**
 * A restore drill reports three stages through one listener — the backup file verified, copied into the
 * scratch folder, the copy verified — so each stage is a third of the bar (a phase change starts the next).
 */
export function drillListener(progress: BackupProgress): (phase: BackupPhase, done: number, total: number) => void {
  let stage = 0;
  let last: BackupPhase = 'verify';
  return (phase, done, total) => {
    if (phase !== last) { stage = Math.min(2, stage + 1); last = phase; }
    const within = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    progress.at(phase, (stage + within) / 3);
  };
}

export class BackupProgress {
  private current: BackupProgressView = IDLE;

  constructor(private readonly clock: Clock) {}

  begin(kind: BackupKind, job: 'backup' | 'drill' = 'backup'): void {
    this.current = { running: true, job, kind, phase: job === 'drill' ? 'verify' : 'copy', fraction: 0, startedAt: this.clock.now().toISOString() };
  }

  /** Sets the whole job's fraction directly (a drill's three stages map themselves, see drillListener). */
  at(phase: BackupPhase, fraction: number): void {
    if (this.current.running) this.current = { ...this.current, phase, fraction: Math.max(this.current.fraction, Math.min(1, fraction)) };
  }

  step(phase: BackupPhase, done: number, total: number): void {
    if (this.current.running) this.current = { ...this.current, phase, fraction: overallFraction(phase, done, total) };
  }

  end(): void {
    this.current = IDLE;
  }

  view(): BackupProgressView {
    return this.current;
  }
}
