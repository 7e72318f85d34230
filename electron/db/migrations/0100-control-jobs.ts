/**
 * 0100: control jobs (issue 5 item 6). A job is a command (relay, keep-power, valve, prices, alarm amounts) for a
 * frozen set of meters. Every table is append-only: the job and its targets never change once written, and what
 * happens to them is a row appended to control_job_events (submitted with its approval, started, finished,
 * cancelled) or control_target_attempts (each send: ok, error with the next retry time or none when given up,
 * cancelled, or requeued by a person). The state of a job and of each target is derived from those rows, as a meter
 * write's is from meter_write_events (0090).
 */
import { sql } from 'kysely';
import { createTableWithId, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { Migration } from './dialect';
import { CONTROL_ACTIONS } from '../../../shared/vocabulary';

export const CONTROL_JOB_EVENT_KINDS = ['submitted', 'cancelled', 'started', 'finished'] as const;
export const CONTROL_ATTEMPT_OUTCOMES = ['ok', 'error', 'cancelled', 'requeued'] as const;

export const m0100ControlJobs: Migration = {
  version: 100,
  name: 'control-jobs',
  async up(db, d) {
    await strict(createTableWithId(db, d, 'control_jobs')
      .addColumn('action', 'text', (c) => c.notNull().check(sqlIn('action', CONTROL_ACTIONS)))
      /** JSON: the contract's ControlCommand. */
      .addColumn('command', 'text', (c) => c.notNull())
      /** JSON: the ControlSelection the person chose; null for an automatic job. */
      .addColumn('selection', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('automatic', 'integer', (c) => c.notNull().check(sql`automatic in (0, 1)`))
      .addColumn('requested_by', int64(d), (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      /** Not before this instant; null = as soon as submitted. */
      .addColumn('effective_at', 'text'), d).execute();
    await strict(createTableWithId(db, d, 'control_job_events')
      .addColumn('job_id', int64(d), (c) => c.notNull().references('control_jobs.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', CONTROL_JOB_EVENT_KINDS)))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', int64(d), (c) => c.references('users.id'))
      .addColumn('approval_id', int64(d), (c) => c.references('approvals.id'))
      /** JSON object: a cancel's reason, a finish's outcome. */
      .addColumn('detail', 'text', (c) => c.notNull()), d).execute();
    await db.schema.createIndex('control_job_events_job').on('control_job_events').columns(['job_id', 'id']).execute();
    await strict(createTableWithId(db, d, 'control_job_targets')
      .addColumn('job_id', int64(d), (c) => c.notNull().references('control_jobs.id'))
      .addColumn('meter_id', int64(d), (c) => c.notNull().references('meters.id'))
      .addUniqueConstraint('control_job_targets_job_meter', ['job_id', 'meter_id']), d).execute();
    await db.schema.createIndex('control_job_targets_meter').on('control_job_targets').column('meter_id').execute();
    await strict(createTableWithId(db, d, 'control_target_attempts')
      .addColumn('target_id', int64(d), (c) => c.notNull().references('control_job_targets.id'))
      .addColumn('attempt', 'integer', (c) => c.notNull().check(sql`attempt >= 0`))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull().check(sqlIn('outcome', CONTROL_ATTEMPT_OUTCOMES)))
      .addColumn('error_code', 'text')
      .addColumn('error_message', 'text')
      /** When the retry queue sends it again; null once it succeeded or gave up. */
      .addColumn('next_attempt_at', 'text'), d).execute();
    await db.schema.createIndex('control_target_attempts_target').on('control_target_attempts').columns(['target_id', 'id']).execute();
    for (const table of ['control_jobs', 'control_job_events', 'control_job_targets', 'control_target_attempts']) await makeAppendOnly(db, d, table);
  },
};
