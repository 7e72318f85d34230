/**
 * `halldesk print queue` and `halldesk print retry JOB_ID` (issue 7 item 2 from the CLI): the print jobs as
 * prints.queue answers them, and one job tried now as prints.retry does it (audited, by a counter user named
 * with --user). A failed attempt leaves the job failed and due again, as on the screen; the command exits 1.
 */
import { PRINT_JOB_STATES } from '../../../shared/contract/print-views';
import type { PrintJobView } from '../../../shared/contract/print-views';
import { UsageError, intOption, positionals, stringOption } from '../args';
import { actorFor, checked, withBackend } from '../backend-session';
import { defineCommand } from '../command';
import type { Command } from '../command';
import { formatTable } from '../table';

const QUEUE_USAGE = `halldesk print queue [--state ${PRINT_JOB_STATES.join('|')}] [--limit N] [--json] [--data DIR]`;
const RETRY_USAGE = 'halldesk print retry JOB_ID --user NAME [--data DIR]';

/** One line for a job after an attempt: where it went and how it ended. */
export function describeJob(job: PrintJobView): string {
  const what = `print job #${job.jobId} (${job.kind} ${job.receiptNo ?? ''}${job.reprintNo > 0 ? ` COPY ${job.reprintNo}` : ''}, ${job.form}) to ${job.driver} ${job.target}`;
  if (job.state === 'printed') return `${what}: printed`;
  const error = job.error ? ` (${job.error.code}: ${job.error.message})` : '';
  return `${what}: ${job.state}${error}; due again ${job.nextAttemptAt ?? 'now'} (halldesk print retry ${job.jobId})`;
}

function printQueue(jobs: readonly PrintJobView[]): void {
  const rows = jobs.map((j) => [
    String(j.jobId), j.kind, j.receiptNo ?? '', j.reprintNo > 0 ? String(j.reprintNo) : '', j.form, `${j.driver} ${j.target}`.trim(), j.state,
    String(j.attempts), j.error ? `${j.error.code}: ${j.error.message}` : '', j.updatedAt,
  ]);
  const headers = ['job', 'kind', 'receipt', 'copy', 'form', 'printer', 'state', 'tries', 'error', 'updated'];
  for (const line of formatTable(headers.map((header) => ({ header, right: header === 'job' || header === 'tries' })), rows)) console.log(line);
  console.log(`${jobs.length} print job${jobs.length === 1 ? '' : 's'}`);
}

const queueCommand = defineCommand({
  summary: 'the print jobs, newest first (--state failed: the ones waiting for a retry)',
  usage: QUEUE_USAGE,
  options: { state: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  async run(parsed) {
    positionals(parsed, 0, QUEUE_USAGE);
    const state = stringOption(parsed, 'state');
    const limit = parsed.values.limit === undefined ? undefined : intOption(parsed, 'limit', 0);
    const input = checked('prints.queue', { ...(state !== undefined ? { state } : {}), ...(limit !== undefined ? { limit } : {}) });
    return withBackend(parsed, async (backend) => {
      const jobs = await backend.services.prints.list(input);
      if (parsed.values.json) console.log(JSON.stringify(jobs, null, 2));
      else printQueue(jobs);
      return 0;
    });
  },
});

const retryCommand = defineCommand({
  summary: 'try one print job again now (a counter user, --user)',
  usage: RETRY_USAGE,
  options: { user: { type: 'string' } },
  async run(parsed) {
    const [id] = positionals(parsed, 1, RETRY_USAGE);
    if (!/^\d{1,15}$/.test(id!)) throw new UsageError(`JOB_ID must be a job number, got "${id}"`);
    const { jobId } = checked('prints.retry', { jobId: Number(id) });
    return withBackend(parsed, async (backend) => {
      const actor = await actorFor(backend, parsed, 'prints.retry');
      const job = await backend.services.prints.retry(actor, jobId);
      console.log(describeJob(job));
      return job.state === 'printed' ? 0 : 1;
    });
  },
});

export const printCommands: Record<string, Command> = { 'print queue': queueCommand, 'print retry': retryCommand };
