/** The running backup's progress (issue 7 item 7), read by backups.progress: copy is the first half, verification the second. */
import type { Clock } from '../domain/time/business-time';
import type { BackupPhase } from '../db/backup-copy';
import type { BackupKind, BackupProgressView } from '../../shared/contract/backup-views';

const IDLE: BackupProgressView = { running: false, kind: null, phase: null, fraction: 0, startedAt: null };

/** 0…1 over the whole job from a phase's done/total. */
export function overallFraction(phase: BackupPhase, done: number, total: number): number {
  const within = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  return phase === 'copy' ? within / 2 : 0.5 + within / 2;
}

export class BackupProgress {
  private current: BackupProgressView = IDLE;

  constructor(private readonly clock: Clock) {}

  begin(kind: BackupKind): void {
    this.current = { running: true, kind, phase: 'copy', fraction: 0, startedAt: this.clock.now().toISOString() };
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
