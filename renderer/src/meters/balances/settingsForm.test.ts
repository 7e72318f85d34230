import { describe, expect, it } from 'vitest';
import { parseClockTime, parseSettings, settingsTexts } from './settingsForm';

const view = { alarm1: 5000, alarm2: 1000, overdraftLimit: 0, autoTrip: true, keepPower: { nightStart: '22:00', nightEnd: '07:00', nonWorkingDays: true } };

describe('hall-kept balance settings', () => {
  it('round-trips the view through the texts exactly', () => {
    expect(settingsTexts(view)).toMatchObject({ alarm1: '50.00', alarm2: '10.00', overdraftLimit: '0.00' });
    expect(parseSettings(settingsTexts(view))).toEqual({ ok: true, value: view });
  });
  it('parses yuan to fen and clock times', () => {
    const texts = { ...settingsTexts(view), alarm1: '30.05', overdraftLimit: '20', nightStart: '7:30' };
    expect(parseSettings(texts)).toEqual({ ok: true, value: { ...view, alarm1: 3005, overdraftLimit: 2000, keepPower: { ...view.keepPower, nightStart: '07:30' } } });
  });
  it('refuses bad text, alarm order and bad times', () => {
    expect(parseSettings({ ...settingsTexts(view), alarm1: '1.001' })).toEqual({ ok: false, field: 'alarm1', problem: 'format' });
    expect(parseSettings({ ...settingsTexts(view), alarm1: '5' })).toEqual({ ok: false, field: 'alarm2', problem: 'order' });
    expect(parseSettings({ ...settingsTexts(view), nightEnd: '25:00' })).toEqual({ ok: false, field: 'nightEnd', problem: 'time' });
    expect(parseClockTime('23：59')).toBe('23:59');
    expect(parseClockTime('2359')).toBeNull();
  });
});
