/**
 * `halldesk collect [--once]`: meter reading (and control jobs whose time has come) without the counter program.
 * Without --once it runs the unified schedule headless (00:00 Beijing for every meter, every N minutes for the networked ones, re-reads of the
 * failed) until Ctrl-C; with --once it runs one sweep of every active bus now and exits. The results land in
 * the data folder's database exactly as the counter program's own sweeps do. Control jobs run alongside: every
 * 30 s in the schedule (composition.ts starts their runner), once before the sweep with --once.
 */
import { createBackend } from '../../main/composition';
import { DomainError } from '../../domain/errors';
import type { SweepOutcome } from '../../services/collection-service';
import { nextSlot } from '../../services/collection-scheduler';
import type { RunOutcome } from '../../services/control-job-runner';
import { backendPlace, positionals } from '../args';
import { defineCommand } from '../command';
import type { Command } from '../command';

const USAGE = 'halldesk collect [--once] [--json] [--data DIR]';

function describe(outcome: SweepOutcome): string {
  const failed = outcome.failed > 0 ? `, failed meters ${outcome.failedMeterIds.join(', ')}` : '';
  return `sweep #${outcome.id} (${outcome.kind}${outcome.scheduledFor ? ` for ${outcome.scheduledFor}` : ''}): ${outcome.ok}/${outcome.total} read${failed}`;
}

function describeJobs(outcome: RunOutcome): string {
  const finished = outcome.finishedJobs.length > 0 ? `; finished jobs ${outcome.finishedJobs.join(', ')}` : '';
  return `control jobs: ${outcome.sent} sent, ${outcome.succeeded} succeeded, ${outcome.failed} failed (retried later)${finished}`;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

const collectCommand = defineCommand({
  summary: 'read the meters on schedule without the counter program (--once: one sweep now)',
  usage: USAGE,
  options: { once: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, USAGE);
    const json = parsed.values.json === true;
    const print = (outcome: SweepOutcome) => console.log(json ? JSON.stringify(outcome) : describe(outcome));
    const printJobs = (outcome: RunOutcome) => { if (outcome.sent > 0) console.log(json ? JSON.stringify({ controlJobs: outcome }) : describeJobs(outcome)); };
    if (parsed.values.once) {
      const backend = await createBackend(backendPlace(parsed));
      try {
        // Control jobs whose time has come (and due retries) are sent first, then the sweep reads their results.
        printJobs(await backend.services.controlJobs.runner.runDue());
        print(await backend.services.collection.run({ kind: 'manual' }));
        return 0;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'nothing-to-read') {
          console.error('collect: nothing to read: no active bus with meters configured');
          return 1;
        }
        throw error;
      } finally {
        await backend.close();
      }
    }
    const backend = await createBackend({ ...backendPlace(parsed), collect: { onSweep: print } });
    try {
      if (!backend.scheduler.isStarted) {
        console.error('collect: no active bus: save a bus (buses.save) and give meters their comm settings first');
        return 1;
      }
      const { intervalMinutes } = await backend.services.collection.settings();
      console.log(`collecting from ${parsed.dataDir}: every meter at 00:00 Beijing, networked meters every ${intervalMinutes} min; next slot ${nextSlot(backend.clock.now(), intervalMinutes).at.toISOString()}. Ctrl-C stops.`);
      await waitForSignal();
      return 0;
    } finally {
      await backend.close();
    }
  },
});

export const collectCommands: Record<string, Command> = { collect: collectCommand };
