/**
 * The reminder worklist rules (issue 7 item 5), pure: a meter's facts and the settings in, its list entry
 * (or none) out. The clock is the caller's `today` (a Beijing business date).
 *  - low balance: below the alarm amount (the hall_balance alarm 1, in the meter's own measure), or
 *    below lowBalanceDays of the customer's average daily use over the sales history window;
 *  - arrears: a hall-kept balance below zero, or a meter using its overdraft;
 *  - not recharged: no sale (and not installed) within notRechargedDays.
 * A contact takes the meter off that list until due again: a promise once its date has passed, any other
 * outcome recontactDays after the contact.
 */
import { fen, price, unitsAffordable } from '../../../shared/money';
import type { ContactOutcome, WorklistKind, WorklistReason } from '../../../shared/contract/worklist-views';
import type { CreditKind } from '../../../shared/vocabulary';
import type { WorklistSettings } from './settings';

export interface MeterFacts {
  readonly meterId: number;
  readonly creditKind: CreditKind;
  /** credit_fen for a hall-kept meter; the meter's remaining (fen or 0.01 units) otherwise. */
  readonly balance: number;
  readonly overdraft: number;
  /** The tariff's first-tier price (1/10000 yuan per unit), to state the alarm amount in units. */
  readonly price: number;
  /** What was bought within the averaging window: 0.01 units for energy meters, fen otherwise. */
  readonly boughtInWindow: number;
  /** The latest sale's business date, or null when none is on record within the window. */
  readonly lastSaleDate: string | null;
  /** The meter's installation date (business date). */
  readonly installedDate: string;
}

export interface LastContact {
  readonly outcome: ContactOutcome;
  /** Business date of the contact. */
  readonly date: string;
  readonly promisedDate: string | null;
}

export interface RuleInput {
  readonly today: string;
  readonly settings: WorklistSettings;
  /** The hall_balance alarm 1 amount, fen. */
  readonly alarmFen: number;
}

export interface ListEntry {
  readonly reason: WorklistReason;
  readonly daysLeft: number | null;
}

const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The alarm amount in the meter's measure: fen, or the units it buys at the first-tier price (energy meters). */
export function alarmInMeasure(facts: MeterFacts, alarmFen: number): number {
  if (facts.creditKind !== 'energy') return alarmFen;
  if (facts.price <= 0) return 0;
  // Few tariffs, many meters: the conversion is remembered per (amount, price).
  const key = alarmFen * 1e7 + facts.price;
  let units = unitsCache.get(key);
  if (units === undefined) {
    units = unitsAffordable(fen(alarmFen), price(facts.price));
    if (unitsCache.size > 1000) unitsCache.clear();
    unitsCache.set(key, units);
  }
  return units;
}

const unitsCache = new Map<number, number>();

/** Whole days the balance lasts at the window's average daily use; null without use on record. */
export function daysLeft(facts: MeterFacts, windowDays: number): number | null {
  if (facts.boughtInWindow <= 0 || windowDays <= 0) return null;
  // Integer arithmetic: balance × days ÷ bought, rounded down (a day only counts when it is covered).
  return facts.balance <= 0 ? 0 : Math.floor((facts.balance * windowDays) / facts.boughtInWindow);
}

function lowBalance(facts: MeterFacts, input: RuleInput): ListEntry | null {
  const left = daysLeft(facts, input.settings.averageWindowDays);
  if (facts.balance < alarmInMeasure(facts, input.alarmFen)) return { reason: 'belowAlarm', daysLeft: left };
  if (input.settings.lowBalanceDays > 0 && left !== null && left < input.settings.lowBalanceDays) return { reason: 'belowDays', daysLeft: left };
  return null;
}

function arrears(facts: MeterFacts): ListEntry | null {
  if (facts.creditKind === 'hall' && facts.balance < 0) return { reason: 'negative', daysLeft: 0 };
  if (facts.overdraft > 0) return { reason: 'overdraft', daysLeft: 0 };
  return null;
}

function notRecharged(facts: MeterFacts, input: RuleInput): ListEntry | null {
  const since = facts.lastSaleDate !== null && facts.lastSaleDate > facts.installedDate ? facts.lastSaleDate : facts.installedDate;
  // ISO dates compare as strings: no date arithmetic per meter (a list covers every meter of the hall).
  return since <= cutoffOf(input) ? { reason: 'notRecharged', daysLeft: null } : null;
}

let lastCutoff = { today: '', days: -1, cutoff: '' };
function cutoffOf(input: RuleInput): string {
  if (lastCutoff.today !== input.today || lastCutoff.days !== input.settings.notRechargedDays) {
    lastCutoff = { today: input.today, days: input.settings.notRechargedDays, cutoff: addDays(input.today, -input.settings.notRechargedDays) };
  }
  return lastCutoff.cutoff;
}

/** The meter's entry on a list, before contacts are considered. Arrears take a meter off the low-balance list. */
export function entryOf(kind: WorklistKind, facts: MeterFacts, input: RuleInput): ListEntry | null {
  if (kind === 'arrears') return arrears(facts);
  if (kind === 'notRecharged') return notRecharged(facts, input);
  return arrears(facts) ? null : lowBalance(facts, input);
}

/** Whether a meter contacted as `contact` is due on its list again today. */
export function dueAgain(contact: LastContact | null, today: string, settings: WorklistSettings): boolean {
  if (!contact) return true;
  if (contact.outcome === 'promised' && contact.promisedDate !== null) return contact.promisedDate < today;
  return daysBetween(contact.date, today) >= settings.recontactDays;
}

/** The entry a meter has on the list today: on it by the rules and not handled (or due again). */
export function worklistEntry(kind: WorklistKind, facts: MeterFacts, contact: LastContact | null, input: RuleInput): ListEntry | null {
  const entry = entryOf(kind, facts, input);
  return entry && dueAgain(contact, input.today, input.settings) ? entry : null;
}
