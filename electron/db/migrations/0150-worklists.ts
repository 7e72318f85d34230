/**
 * 0150: reminder worklists and SMS (issue 7 item 5). All three tables are append-only (corrections are new rows).
 *  - `reminder_contacts`: each contact's outcome with a customer on a list (called, no answer, SMS sent,
 *    promised with its date, note); the latest takes the meter off that list until due again.
 *  - `sms_messages`: every message handed to the modem or gateway (text, phone, parts, driver).
 *  - `sms_events`: sending → sent → delivered, or failed / rate_limited; a message's state is its latest event.
 * The index on sales (business_date, meter_id, units, charge_fen) covers the worklist's window scan, so
 * the average-use and last-sale figures are read from the index alone (the worklist_ms benchmark).
 */
import { sql } from 'kysely';
import { createTableWithId, int64, makeAppendOnly, sqlIn, strict } from './dialect';
import type { Migration } from './dialect';

export const WORKLIST_KINDS_DB = ['lowBalance', 'arrears', 'notRecharged'] as const;
export const CONTACT_OUTCOMES_DB = ['called', 'no_answer', 'sms_sent', 'promised', 'note'] as const;
export const SMS_STATES_DB = ['sending', 'sent', 'delivered', 'failed', 'rate_limited'] as const;

export const m0150Worklists: Migration = {
  version: 150,
  name: 'worklists',
  async up(db, d) {
    await strict(createTableWithId(db, d, 'reminder_contacts')
      .addColumn('account_id', int64(d), (c) => c.notNull().references('accounts.id'))
      .addColumn('meter_id', int64(d), (c) => c.notNull().references('meters.id'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', WORKLIST_KINDS_DB)))
      .addColumn('outcome', 'text', (c) => c.notNull().check(sqlIn('outcome', CONTACT_OUTCOMES_DB)))
      .addColumn('promised_date', 'text')
      .addColumn('note', 'text')
      .addColumn('user_id', int64(d), (c) => c.notNull().references('users.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addCheckConstraint('reminder_contacts_promise', sql`(outcome = 'promised') = (promised_date is not null)`), d).execute();
    await db.schema.createIndex('reminder_contacts_kind_meter').on('reminder_contacts').columns(['kind', 'meter_id', 'id']).execute();
    await strict(createTableWithId(db, d, 'sms_messages')
      .addColumn('account_id', int64(d), (c) => c.notNull().references('accounts.id'))
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('parts', 'integer', (c) => c.notNull().check(sql`parts >= 1`))
      .addColumn('driver', 'text', (c) => c.notNull())
      .addColumn('requested_by', int64(d), (c) => c.references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull()), d).execute();
    await db.schema.createIndex('sms_messages_account').on('sms_messages').columns(['account_id', 'id']).execute();
    await db.schema.createIndex('sms_messages_created').on('sms_messages').column('created_at').execute();
    await strict(createTableWithId(db, d, 'sms_events')
      .addColumn('message_id', int64(d), (c) => c.notNull().references('sms_messages.id'))
      .addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', SMS_STATES_DB)))
      /** The modem's message reference(s) of the parts, comma-separated, for matching delivery reports. */
      .addColumn('reference', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull()), d).execute();
    await db.schema.createIndex('sms_events_message').on('sms_events').columns(['message_id', 'id']).execute();
    await db.schema.createIndex('sales_worklist').on('sales').columns(['business_date', 'meter_id', 'units', 'charge_fen']).execute();
    for (const table of ['reminder_contacts', 'sms_messages', 'sms_events']) await makeAppendOnly(db, d, table);
  },
};
