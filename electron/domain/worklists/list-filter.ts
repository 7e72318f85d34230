/**
 * The rules of rules.ts restated as the parameters of a set query, so the database picks out the listed
 * meters and only those reach the program (a 200,000-customer hall has ~310,000 meters; the worklist_ms
 * target is 500 ms). Pure: everything here is derived from the settings, the clock's date, the tariffs'
 * first-tier prices and the latest contacts. Which predicate each list applies, in the rules' own terms:
 *  - arrears:       (hall-kept and balance < 0) or overdraft > 0
 *  - low balance:   not arrears, and balance < alarm (alarmInMeasure), or
 *                   bought > 0 and balance × windowDays < lowBalanceDays × bought
 *                   (daysLeft < lowBalanceDays in integers: floor(b·W / bought) < D ⇔ b·W < D·bought; b ≤ 0 gives 0 < D)
 *  - not recharged: the latest sale in the window, else the installation date, on or before the cutoff
 * and a meter whose latest contact is not due again (dueAgain) is left out. tests/worklists/list-filter.test.ts
 * checks the query against worklistEntry meter by meter.
 */
import type { WorklistKind } from '../../../shared/contract/worklist-views';
import { addDays, alarmInMeasure, dueAgain } from './rules';
import type { LastContact } from './rules';
import type { WorklistSettings } from './settings';

export interface ListFilter {
  readonly kind: WorklistKind;
  /** First business date of the sales window (average use, or the not-recharged span); null for arrears. */
  readonly windowFrom: string | null;
  /** Not recharged: a meter whose latest sale (else installation) is on or before this date is listed. */
  readonly cutoff: string;
  readonly windowDays: number;
  readonly lowBalanceDays: number;
  /** The alarm amount for meters credited in money (fen; hall-kept and money meters). */
  readonly alarmFen: number;
  /** The alarm amount in units for energy meters, per tariff (absent tariff: 0, as alarmInMeasure without a price). */
  readonly energyAlarms: ReadonlyMap<number, number>;
  /** Meters whose latest contact on this list keeps them off it today. */
  readonly handled: readonly number[];
}

export interface FilterInput {
  readonly kind: WorklistKind;
  readonly today: string;
  readonly settings: WorklistSettings;
  readonly alarmFen: number;
  /** The first-tier price of each tariff (1/10000 yuan per unit). */
  readonly prices: ReadonlyMap<number, number>;
  /** The latest handling contact per meter on this list. */
  readonly contacts: ReadonlyMap<number, LastContact>;
}

/** The window the list's sales are summed over: average use for low balance, the not-recharged span otherwise. */
export function windowDaysOf(kind: WorklistKind, settings: WorklistSettings): number {
  return kind === 'lowBalance' ? settings.averageWindowDays : settings.notRechargedDays;
}

export function listFilter(input: FilterInput): ListFilter {
  const { kind, today, settings } = input;
  const energyAlarms = new Map<number, number>();
  for (const [tariffId, price] of input.prices) {
    energyAlarms.set(tariffId, alarmInMeasure({ creditKind: 'energy', price, meterId: 0, balance: 0, overdraft: 0, boughtInWindow: 0, lastSaleDate: null, installedDate: today }, input.alarmFen));
  }
  const handled: number[] = [];
  for (const [meterId, contact] of input.contacts) if (!dueAgain(contact, today, settings)) handled.push(meterId);
  return {
    kind, windowFrom: kind === 'arrears' ? null : addDays(today, -windowDaysOf(kind, settings)),
    cutoff: addDays(today, -settings.notRechargedDays), windowDays: settings.averageWindowDays, lowBalanceDays: settings.lowBalanceDays,
    alarmFen: input.alarmFen, energyAlarms, handled,
  };
}
