/** What the control-job methods answer (shared/contract/control-methods.ts). */
import type { ControlCommand, ControlSelection } from './control-methods';
import type { ControlAction, ControlJobState, ControlTargetState } from '../vocabulary';
import type { MeterProtocolCode } from './meter-methods';

export interface ControlPreviewMeterView {
  readonly meterId: number;
  readonly meterNo: string;
  readonly accountId: number;
  readonly customerName: string;
  readonly area: string;
  readonly building: string;
  readonly utility: 'electricity' | 'water';
  readonly protocol: MeterProtocolCode | null;
  readonly busCode: string | null;
  /** The command can be sent to this meter. */
  readonly supported: boolean;
  /** Why not: 'no-bus' (the hall does not talk to it), 'wrong-utility', 'unsupported-by-protocol', 'no-map', 'removed'. */
  readonly reason: string | null;
}

export interface ControlPreviewView {
  readonly action: ControlAction;
  readonly meters: readonly ControlPreviewMeterView[];
  readonly supported: number;
  readonly unsupported: number;
}

export interface ControlTargetView {
  readonly meterId: number;
  readonly meterNo: string;
  readonly customerName: string;
  readonly state: ControlTargetState;
  readonly attempts: number;
  /** When the retry queue tries it next (state 'retrying'). */
  readonly nextAttemptAt: string | null;
  readonly lastError: { readonly code: string; readonly message: string; readonly at: string } | null;
  readonly doneAt: string | null;
}

export interface ControlJobView {
  readonly id: number;
  readonly action: ControlAction;
  readonly command: ControlCommand;
  /** null for an automatic job (hall-kept balance). */
  readonly selection: ControlSelection | null;
  readonly reason: string;
  readonly state: ControlJobState;
  readonly automatic: boolean;
  readonly requestedBy: number | null;
  readonly requestedByName: string | null;
  readonly approvalId: number | null;
  readonly approvedBy: number | null;
  readonly approvedByName: string | null;
  readonly createdAt: string;
  /** When it may run; null on a draft created to run as soon as submitted. */
  readonly effectiveAt: string | null;
  readonly submittedAt: string | null;
  readonly finishedAt: string | null;
  readonly counts: { readonly total: number; readonly succeeded: number; readonly failed: number; readonly pending: number; readonly cancelled: number };
}

export interface ControlJobDetailView extends ControlJobView {
  readonly targets: readonly ControlTargetView[];
}

export interface ControlRetryItemView extends ControlTargetView {
  readonly jobId: number;
  readonly action: ControlAction;
}
