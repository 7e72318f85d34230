/**
 * The AutomaticControl port (control-port.ts) for hall-kept balances (issue 5 item 7): jobs raised by the backend
 * itself, on the authority of the hall-kept rule, so without an approval — automatic = 1, no requester, the
 * 'submitted' event written at creation with no approval, audited as the system's (user null). They run through
 * the same runner and retry queue as a person's jobs.
 */
import { appendAudit } from '../db/repositories/audit-repository';
import { insertJob, insertJobEvent, insertTargets, jobIdsOfMeter, lastRelayOk, listJobs } from '../db/repositories/control-jobs-repository';
import type { Db } from '../db/repositories/db';
import { findMeter } from '../db/repositories/meters-repository';
import type { AutomaticControl, AutomaticJob } from './control-port';
import { detailViews, factsOf, summaryOf } from './control-job-facts';
import { cancelJob } from './control-jobs-service';
import { found } from './deps';
import type { ServiceDeps } from './deps';

const OPEN_STATES: ReadonlySet<string> = new Set(['scheduled', 'running']);

async function openAutomaticJobs(db: Db, meterId: number) {
  const ids = await jobIdsOfMeter(db, meterId, true);
  return (await factsOf(db, await listJobs(db, { ids }))).filter((j) => OPEN_STATES.has(j.state));
}

export function createAutomaticControl(deps: Pick<ServiceDeps, 'clock'>): AutomaticControl {
  const nowIso = () => deps.clock.now().toISOString();
  return {
    async raise(db: Db, job: AutomaticJob): Promise<number> {
      found(await findMeter(db, job.meterId), 'meter');
      const at = nowIso();
      const id = await insertJob(db, {
        action: job.command.action, command: JSON.stringify(job.command), selection: null, reason: job.reason, automatic: 1,
        requested_by: null, created_at: at, effective_at: job.effectiveAt.toISOString(),
      });
      await insertTargets(db, id, [job.meterId]);
      await insertJobEvent(db, { job_id: id, kind: 'submitted', at, user_id: null, approval_id: null, detail: JSON.stringify({ automatic: true }) });
      await appendAudit(db, {
        at, userId: null, action: 'control-job.raise', entity: 'control_job', entityId: id,
        after: { meterId: job.meterId, command: job.command, effectiveAt: job.effectiveAt.toISOString(), reason: job.reason },
      });
      return id;
    },

    async cancelPending(db, meterId, action, reason): Promise<number> {
      const jobs = (await openAutomaticJobs(db, meterId)).filter((j) => j.row.action === action);
      for (const job of jobs) await cancelJob(db, job, null, reason, nowIso());
      return jobs.length;
    },

    async pendingOf(db, meterId) {
      const [newest] = await openAutomaticJobs(db, meterId);
      return newest ? summaryOf((await detailViews(db, [newest]))[0]!) : null;
    },

    async lastRelayAction(db, meterId) {
      const action = await lastRelayOk(db, meterId);
      return action === 'relay_trip' || action === 'relay_close' ? action : null;
    },
  };
}
