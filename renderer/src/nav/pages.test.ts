import { describe, expect, it } from 'vitest';
import { pageForKey, pagesFor, shortcutOf } from './pages';

const key = (code: string, altKey = true) => ({ code, altKey, ctrlKey: false, metaKey: false });

describe('pages', () => {
  it('each role sees its own pages', () => {
    expect(pagesFor('clerk')).toEqual(['counter', 'vouchers', 'deposits', 'reversal', 'meters', 'worklists', 'printing']);
    expect(pagesFor('supervisor')).toEqual(['counter', 'vouchers', 'deposits', 'approvals', 'reversal', 'meters', 'reports', 'worklists', 'printing']);
    expect(pagesFor('admin')).toEqual(['counter', 'vouchers', 'deposits', 'calendar', 'rules', 'meters', 'reports', 'worklists', 'printing']);
  });

  it('Alt+digit opens a page the role may see, by its fixed position', () => {
    expect(shortcutOf('deposits')).toBe('Alt+3');
    expect(pageForKey(key('Digit3'), 'clerk')).toBe('deposits');
    expect(pageForKey(key('Numpad1'), 'clerk')).toBe('counter');
    expect(pageForKey(key('Digit4'), 'clerk')).toBeNull();
    expect(pageForKey(key('Digit4'), 'supervisor')).toBe('approvals');
    expect(pageForKey(key('Digit3', false), 'clerk')).toBeNull();
    expect(pageForKey(key('KeyA'), 'clerk')).toBeNull();
    expect(shortcutOf('meters')).toBe('Alt+8');
    expect(pageForKey(key('Digit8'), 'clerk')).toBe('meters');
    // The tenth page is Alt+0.
    expect(shortcutOf('worklists')).toBe('Alt+0');
    expect(pageForKey(key('Digit0'), 'clerk')).toBe('worklists');
    expect(pageForKey(key('Numpad0'), 'admin')).toBe('worklists');
    // The eleventh page has no digit: menu only.
    expect(shortcutOf('printing')).toBeNull();
  });
});
