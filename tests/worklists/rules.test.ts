/** The worklist rules on hand-built histories (electron/domain/worklists/rules.ts). */
import { describe, expect, it } from 'vitest';
import { addDays, alarmInMeasure, daysLeft, dueAgain, entryOf, worklistEntry } from '../../electron/domain/worklists/rules';
import type { MeterFacts, RuleInput } from '../../electron/domain/worklists/rules';
import { DEFAULT_WORKLIST_SETTINGS, fillTemplate } from '../../electron/domain/worklists/settings';

const today = '2026-06-15';
const input: RuleInput = { today, settings: { ...DEFAULT_WORKLIST_SETTINGS, lowBalanceDays: 7, averageWindowDays: 90, notRechargedDays: 60, recontactDays: 7 }, alarmFen: 2000 };
const meter = (over: Partial<MeterFacts>): MeterFacts => ({
  meterId: 1, creditKind: 'money', balance: 10_000, overdraft: 0, price: 4883, boughtInWindow: 0, lastSaleDate: '2026-06-01', installedDate: '2025-01-01', ...over,
});

describe('low balance', () => {
  it('a money meter below the alarm amount (fen) is on the list', () => {
    expect(entryOf('lowBalance', meter({ balance: 1999 }), input)).toEqual({ reason: 'belowAlarm', daysLeft: null });
    expect(entryOf('lowBalance', meter({ balance: 2000 }), input)).toBeNull();
  });
  it('an energy meter compares its units with the units the alarm amount buys at the first-tier price', () => {
    // 20.00 yuan at 0.4883 yuan/kWh: 40.96 kWh is the most whose charge (rounded to the fen) is 20.00 (shared/money.ts).
    expect(alarmInMeasure(meter({ creditKind: 'energy' }), 2000)).toBe(4096);
    expect(entryOf('lowBalance', meter({ creditKind: 'energy', balance: 4095 }), input)?.reason).toBe('belowAlarm');
    expect(entryOf('lowBalance', meter({ creditKind: 'energy', balance: 4096 }), input)).toBeNull();
  });
  it('a balance above the alarm but lasting fewer than N days of the average use is on the list', () => {
    // 90 days of history: 900 yuan bought = 10 yuan a day; 60 yuan lasts 6 days (< 7).
    const facts = meter({ balance: 6000, boughtInWindow: 90_000 });
    expect(daysLeft(facts, 90)).toBe(6);
    expect(entryOf('lowBalance', facts, input)).toEqual({ reason: 'belowDays', daysLeft: 6 });
    expect(entryOf('lowBalance', meter({ balance: 7000, boughtInWindow: 90_000 }), input)).toBeNull();
    expect(entryOf('lowBalance', facts, { ...input, settings: { ...input.settings, lowBalanceDays: 0 } })).toBeNull();
  });
  it('a meter with no use on record is judged by the alarm amount only', () => {
    expect(daysLeft(meter({ balance: 2500 }), 90)).toBeNull();
    expect(entryOf('lowBalance', meter({ balance: 2500 }), input)).toBeNull();
  });
  it('a hall-kept meter in arrears is on the arrears list, not the low-balance list', () => {
    expect(entryOf('lowBalance', meter({ creditKind: 'hall', balance: -100 }), input)).toBeNull();
    expect(entryOf('lowBalance', meter({ creditKind: 'hall', balance: 100 }), input)?.reason).toBe('belowAlarm');
  });
});

describe('arrears', () => {
  it('a negative hall-kept balance and an overdraft in use', () => {
    expect(entryOf('arrears', meter({ creditKind: 'hall', balance: -1 }), input)?.reason).toBe('negative');
    expect(entryOf('arrears', meter({ creditKind: 'energy', balance: 0, overdraft: 500 }), input)?.reason).toBe('overdraft');
    expect(entryOf('arrears', meter({ creditKind: 'hall', balance: 0 }), input)).toBeNull();
  });
});

describe('not recharged', () => {
  it('no sale within N days', () => {
    expect(entryOf('notRecharged', meter({ lastSaleDate: addDays(today, -60) }), input)?.reason).toBe('notRecharged');
    expect(entryOf('notRecharged', meter({ lastSaleDate: addDays(today, -59) }), input)).toBeNull();
    expect(entryOf('notRecharged', meter({ lastSaleDate: null }), input)?.reason).toBe('notRecharged');
  });
  it('a meter installed recently is not overdue even without a sale', () => {
    expect(entryOf('notRecharged', meter({ lastSaleDate: null, installedDate: addDays(today, -10) }), input)).toBeNull();
  });
});

describe('contacts', () => {
  const low = meter({ balance: 100 });
  it('a called customer leaves the list for recontactDays', () => {
    const called = { outcome: 'called' as const, date: addDays(today, -6), promisedDate: null };
    expect(worklistEntry('lowBalance', low, called, input)).toBeNull();
    expect(worklistEntry('lowBalance', low, { ...called, date: addDays(today, -7) }, input)?.reason).toBe('belowAlarm');
  });
  it('a promise holds until its date has passed', () => {
    const promised = { outcome: 'promised' as const, date: addDays(today, -30), promisedDate: today };
    expect(dueAgain(promised, today, input.settings)).toBe(false);
    expect(dueAgain(promised, addDays(today, 1), input.settings)).toBe(true);
  });
  it('no contact: due', () => {
    expect(worklistEntry('lowBalance', low, null, input)?.reason).toBe('belowAlarm');
  });
});

it('fills a template', () => {
  expect(fillTemplate('{name}您好，户号{accountNo}', { name: '张三', accountNo: 'H001' })).toBe('张三您好，户号H001');
});
