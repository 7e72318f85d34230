/**
 * Reminder worklists and SMS (issue 7 item 5): low balance, arrears and not-recharged lists; each contact's
 * outcome logged so a handled customer leaves its list until due again; the list printed as the duplicate
 * customer list; SMS through a GSM modem or an HTTP gateway, rate limited, each message's state recorded.
 */
import { z } from 'zod';
import * as f from './fields';
import type { Role } from '../vocabulary';
import { CONTACT_OUTCOMES, SMS_DRIVERS, SMS_STATES, WORKLIST_KINDS } from './worklist-views';
import type { ContactView, SmsMessageView, SmsSendView, WorklistSettingsView, WorklistView } from './worklist-views';
import type { DocumentView } from './money-views';

const STAFF: readonly Role[] = ['clerk', 'supervisor', 'admin'];
const COUNTER: readonly Role[] = ['clerk', 'supervisor'];
const ADMIN: readonly Role[] = ['admin'];

const kind = z.enum(WORKLIST_KINDS);
const days = (max: number) => z.number().int().min(0).max(max);
const template = z.string().trim().min(1).max(300);

export const worklistSettings = z.object({
  lowBalanceDays: days(90), averageWindowDays: days(365).min(7), notRechargedDays: days(730).min(1), recontactDays: days(90).min(1),
  smsPerMinute: z.number().int().min(1).max(600),
  sms: z.object({ driver: z.enum(SMS_DRIVERS), target: z.string().trim().max(200) }).strict()
    .refine((s) => s.driver === 'none' || s.target.length > 0, { message: 'a modem or gateway needs its port or URL', path: ['target'] }),
  templates: z.object({ lowBalance: template, arrears: template, notRecharged: template }).strict(),
}).strict();

export const worklistContract = {
  'worklists.list': {
    access: STAFF,
    input: z.object({ kind, area: f.text(40).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  },
  /** A promise needs its date; a handled customer leaves the list until the promise passes or recontactDays go by. */
  'worklists.logContact': {
    access: COUNTER,
    input: z.object({
      meterId: f.id, kind, outcome: z.enum(CONTACT_OUTCOMES), promisedDate: f.businessDate.nullable().optional(), note: f.optionalText(200),
    }).strict().refine((c) => (c.outcome === 'promised') === (c.promisedDate !== undefined && c.promisedDate !== null),
      { message: 'a promise, and only a promise, carries a promised date', path: ['promisedDate'] }),
  },
  'worklists.settings': { access: STAFF, input: f.empty },
  'worklists.setSettings': { access: ADMIN, input: worklistSettings },
  /** The list as the duplicate customer list (清单联 + 存根联), A4 PDF. */
  'worklists.print': { access: STAFF, input: z.object({ kind, area: f.text(40).optional() }).strict() },
  'sms.send': {
    access: COUNTER,
    input: z.object({
      accountIds: z.array(f.id).min(1).max(200), template: kind.optional(), text: template.optional(),
      /** The list the message is a reminder of: each sent message is logged as an sms_sent contact on it. */
      kind: kind.optional(),
    }).strict().refine((s) => (s.template === undefined) !== (s.text === undefined), { message: 'a template or a text, not both', path: ['text'] }),
  },
  'sms.status': {
    access: STAFF,
    input: z.object({ accountId: f.id.optional(), state: z.enum(SMS_STATES).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  },
} as const;

export interface WorklistOutputs {
  'worklists.list': WorklistView;
  'worklists.logContact': ContactView;
  'worklists.settings': WorklistSettingsView;
  'worklists.setSettings': WorklistSettingsView;
  'worklists.print': DocumentView;
  'sms.send': SmsSendView;
  'sms.status': readonly SmsMessageView[];
}
