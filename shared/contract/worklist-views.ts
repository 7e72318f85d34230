/**
 * Reminder worklists and SMS (issue 7 item 5): the list kinds, contact outcomes, settings and the views the
 * worklist and SMS methods answer with. The backend's rules and tables take their code lists from here.
 */
import type { CreditKind, Utility } from '../vocabulary';

export const WORKLIST_KINDS = ['lowBalance', 'arrears', 'notRecharged'] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

export const CONTACT_OUTCOMES = ['called', 'no_answer', 'sms_sent', 'promised', 'note'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Why a meter is on its list. */
export const WORKLIST_REASONS = ['belowAlarm', 'belowDays', 'negative', 'overdraft', 'notRecharged'] as const;
export type WorklistReason = (typeof WORKLIST_REASONS)[number];

export const SMS_DRIVERS = ['none', 'modem', 'http'] as const;
export type SmsDriver = (typeof SMS_DRIVERS)[number];

export const SMS_STATES = ['sending', 'sent', 'delivered', 'failed', 'rate_limited'] as const;
export type SmsState = (typeof SMS_STATES)[number];

export interface WorklistSettingsView {
  /** Low balance also when the balance covers fewer than this many days of average use; 0 = alarm amount only. */
  readonly lowBalanceDays: number;
  /** The sales history (days back) the average daily use is taken over. */
  readonly averageWindowDays: number;
  /** Not recharged: no sale (and not installed) within this many days. */
  readonly notRechargedDays: number;
  /** A contacted customer (other than a promise) comes back on the list this many days after the contact. */
  readonly recontactDays: number;
  /** SMS sent per minute at most (the modem or gateway's limit); the rest are recorded rate_limited. */
  readonly smsPerMinute: number;
  readonly sms: { readonly driver: SmsDriver; readonly target: string };
  /** Message text per list kind; {name} and {accountNo} are filled in. */
  readonly templates: { readonly [K in WorklistKind]: string };
}

export interface ContactView {
  readonly id: number;
  readonly meterId: number;
  readonly accountId: number;
  readonly kind: WorklistKind;
  readonly outcome: ContactOutcome;
  readonly promisedDate: string | null;
  readonly note: string | null;
  readonly user: string;
  readonly at: string;
}

export interface WorklistRowView {
  readonly meterId: number;
  readonly accountId: number;
  readonly accountNo: string;
  readonly customerName: string;
  readonly phone: string | null;
  readonly address: string;
  readonly area: string;
  readonly meterNo: string;
  readonly utility: Utility;
  readonly creditKind: CreditKind;
  readonly reason: WorklistReason;
  /** fen for money and hall-kept meters, 0.01 units for energy meters (measure says which). */
  readonly balance: number;
  readonly measure: 'fen' | 'units';
  readonly overdraft: number;
  /** Days the balance lasts at the average daily use; null when there is no use on record. */
  readonly daysLeft: number | null;
  readonly lastSaleDate: string | null;
  readonly daysSinceSale: number | null;
  readonly lastContact: ContactView | null;
}

export interface WorklistView {
  readonly kind: WorklistKind;
  readonly today: string;
  /** Meters on the list (before limit). */
  readonly total: number;
  readonly rows: readonly WorklistRowView[];
}

export interface SmsMessageView {
  readonly id: number;
  readonly accountId: number;
  readonly phone: string;
  readonly text: string;
  readonly parts: number;
  readonly driver: SmsDriver;
  readonly state: SmsState;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SmsSendView {
  readonly sent: number;
  readonly failed: number;
  readonly rateLimited: number;
  /** Accounts without a phone number on record: nothing was sent to them. */
  readonly noPhone: readonly number[];
  readonly messages: readonly SmsMessageView[];
}
