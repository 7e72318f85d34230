/** The pages reachable from the counter screen, who may open them, and their Alt+digit shortcut (by position). */
import type { Role } from '../../../shared/vocabulary';

export const PAGES = ['counter', 'vouchers', 'deposits', 'approvals', 'reversal', 'calendar', 'rules', 'meters', 'reports', 'worklists', 'printing'] as const;
export type PageName = (typeof PAGES)[number];

const ALL: readonly Role[] = ['clerk', 'supervisor', 'admin'];
const ACCESS: Record<PageName, readonly Role[]> = {
  counter: ALL,
  vouchers: ALL,
  deposits: ALL,
  approvals: ['supervisor'],
  reversal: ['clerk', 'supervisor'],
  calendar: ['admin'],
  rules: ['admin'],
  meters: ALL,
  reports: ['supervisor', 'admin'],
  worklists: ALL,
  // Everyone sees the print queue; the printer settings on it are the administrator's (PrintingPage).
  printing: ALL,
};

export function pagesFor(role: Role): readonly PageName[] {
  return PAGES.filter((page) => ACCESS[page].includes(role));
}

/**
 * "Alt+3" for the third page in PAGES (fixed per page, whichever pages the role sees); the tenth is Alt+0.
 * Pages past the tenth have no digit left: null, they open from the menu (printing also from the top bar).
 */
export function shortcutOf(page: PageName): string | null {
  const index = PAGES.indexOf(page);
  return index < 10 ? `Alt+${(index + 1) % 10}` : null;
}

/** The page an Alt+digit key event points at, if the role may open it. */
export function pageForKey(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'code'>, role: Role): PageName | null {
  if (!event.altKey || event.ctrlKey || event.metaKey) return null;
  const match = /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
  if (!match) return null;
  const page = PAGES[(Number(match[1]) + 9) % 10];
  return page && pagesFor(role).includes(page) ? page : null;
}
