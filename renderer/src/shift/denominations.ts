/**
 * Counting the drawer by denomination. Keys are the denomination in fen, as the contract wants them
 * ('10000' = 100 yuan … '1' = 1 fen); a count is a whole number of pieces. Totals are exact integers.
 */
import { fen, subFen } from '../../../shared/money';
import type { Fen } from '../../../shared/money';

/** 100, 50, 20, 10, 5, 1 yuan; 5 角, 1 角; 5, 2, 1 分. */
export const DENOMINATIONS = [10000, 5000, 2000, 1000, 500, 100, 50, 10, 5, 2, 1] as const;
export const MAX_PIECES = 100_000;

export type CountTexts = Readonly<Record<string, string>>;

/** "" → 0; whole numbers 0…100000 (full-width digits accepted); anything else null. */
export function parsePieces(text: string): number | null {
  const clean = text.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  if (clean === '') return 0;
  if (!/^\d{1,6}$/.test(clean)) return null;
  const pieces = Number(clean);
  return pieces <= MAX_PIECES ? pieces : null;
}

export type DrawerCount =
  | { readonly ok: true; readonly counted: Record<string, number>; readonly total: Fen }
  | { readonly ok: false; readonly bad: readonly string[] };

/** The count to send (denominations with pieces only) and its total in fen, or the keys typed wrong. */
export function drawerCount(texts: CountTexts): DrawerCount {
  const counted: Record<string, number> = {};
  const bad: string[] = [];
  let total = 0;
  for (const value of DENOMINATIONS) {
    const key = String(value);
    const pieces = parsePieces(texts[key] ?? '');
    if (pieces === null) bad.push(key);
    else if (pieces > 0) {
      counted[key] = pieces;
      total += value * pieces;
    }
  }
  return bad.length > 0 ? { ok: false, bad } : { ok: true, counted, total: fen(total) };
}

/** Counted − expected: positive is over (长款), negative short (短款). */
export function shortOver(counted: Fen, expected: Fen): Fen {
  return subFen(counted, expected);
}

/** How a denomination is named: yuan, jiao or fen, with its number. */
export function denominationName(value: number): { unit: 'yuan' | 'jiao' | 'fen'; n: number } {
  if (value >= 100) return { unit: 'yuan', n: value / 100 };
  if (value >= 10) return { unit: 'jiao', n: value / 10 };
  return { unit: 'fen', n: value };
}
