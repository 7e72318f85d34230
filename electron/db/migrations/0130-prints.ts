/**
 * 0130: printing (issue 7 items 1–2). Both tables are append-only.
 *  - `print_jobs`: every print and reprint of a document, with the printer it went to and what to render
 *    (kind, form, sale, reprint number, language; a customer list's rows as JSON in `request`). Not the
 *    rendered bytes: a slip's PDF is ~30 KB, which at a few hundred slips a day would grow the database by
 *    gigabytes a year; a slip renders the same from its sale at any time (slips-service takes everything
 *    as of the sale), so a retry renders again. A slip's jobs carry its sale and serial; `reprint_no` is 0
 *    for the first print and n for "COPY / 补打 n", unique per sale and kind, so two counters cannot both
 *    print 补打 2.
 *  - `print_job_events`: queued → sent → printed, or failed with the next attempt's time (retry with
 *    backoff). The state of a job is its latest event. The sale never waits for any of this: it has
 *    committed before a job is queued, so a print failure can never undo it.
 */
import { sql } from 'kysely';
import { createTableWithId, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { Migration } from './dialect';

export const PRINT_KINDS = ['payment', 'recharge', 'customerList'] as const;
export const PRINT_FORMS_DB = ['a4', 'continuous241', 'thermal80'] as const;
export const PRINT_STATES = ['queued', 'sent', 'printed', 'failed'] as const;

export const m0130Prints: Migration = {
  version: 130,
  name: 'prints',
  async up(db, d) {
    await strict(createTableWithId(db, d, 'print_jobs')
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', PRINT_KINDS)))
      .addColumn('form', 'text', (c) => c.notNull().check(sqlIn('form', PRINT_FORMS_DB)))
      .addColumn('sale_id', int64(d), (c) => c.references('sales.id'))
      .addColumn('receipt_no', 'text')
      .addColumn('reprint_no', 'integer', (c) => c.notNull().check(sql`reprint_no >= 0`))
      .addColumn('driver', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('request', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('requested_by', int64(d), (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
    await db.schema.createIndex('print_jobs_sale_reprint').unique().on('print_jobs').columns(['sale_id', 'kind', 'reprint_no']).execute();
    await db.schema.createIndex('print_jobs_created').on('print_jobs').column('created_at').execute();
    await strict(createTableWithId(db, d, 'print_job_events')
      .addColumn('job_id', int64(d), (c) => c.notNull().references('print_jobs.id'))
      .addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', PRINT_STATES)))
      .addColumn('attempt', 'integer', (c) => c.notNull().check(sql`attempt >= 0`))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text'), d).execute();
    await db.schema.createIndex('print_job_events_job').on('print_job_events').columns(['job_id', 'id']).execute();
    for (const table of ['print_jobs', 'print_job_events']) await makeAppendOnly(db, d, table);
  },
};
