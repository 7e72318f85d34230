/**
 * The port through which hall-kept balances (balance services) raise and cancel automatic control jobs
 * (control-jobs services implement it). Automatic jobs carry the hall-kept rule's own authority (brief,
 * "远程费控": trip at zero, never when the customer cannot pay; close once paid), so they need no approval;
 * they are audited as the system's and appear in the job list marked automatic.
 */
import type { Db } from '../db/repositories/db';
import type { ControlCommand } from '../../shared/contract/control-methods';
import type { ControlJobView } from '../../shared/contract/control-views';
import type { ControlAction } from '../../shared/vocabulary';

export interface AutomaticJob {
  readonly meterId: number;
  readonly command: ControlCommand;
  /** Not before this instant (a trip deferred past the keep-power window). */
  readonly effectiveAt: Date;
  readonly reason: string;
}

export interface AutomaticControl {
  /** Raises an automatic job for one meter inside the caller's transaction; answers its id. */
  raise(db: Db, job: AutomaticJob): Promise<number>;
  /** Cancels the meter's automatic jobs of `action` not yet done; answers how many were cancelled. */
  cancelPending(db: Db, meterId: number, action: ControlAction, reason: string): Promise<number>;
  /** The meter's newest automatic job not yet done (any action), or null. */
  pendingOf(db: Db, meterId: number): Promise<ControlJobView | null>;
  /** The meter's newest finished relay job that succeeded ('relay_trip' or 'relay_close'), or null. */
  lastRelayAction(db: Db, meterId: number): Promise<'relay_trip' | 'relay_close' | null>;
}
