/**
 * What the clerk types, turned into exact integers. The conversion itself is shared/money's parseYuan
 * (rule R3: plain decimal text, at most two decimals, never rounded); this module only tidies what a
 * Chinese keyboard produces (full-width digits, the 。 full stop) and says why a text is refused.
 * Units (kWh / m³) have the same shape as yuan, two decimals, so 12.34 kWh is 1234 in 0.01 units.
 */
import { fen, parseYuan, subFen, units } from '../../../shared/money';
import type { Fen, Units } from '../../../shared/money';

/** Largest single sale or tender the backend accepts (shared/contract/fields MAX_SALE_FEN; a test pins it). */
export const MAX_SALE_FEN = 100_000_000;
/** Largest unit quantity in one sale (shared/contract/fields MAX_SALE_UNITS). */
export const MAX_SALE_UNITS = 100_000_000;

export type InputProblem = 'empty' | 'format' | 'zero' | 'too-large';
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: InputProblem };

/** Full-width digits and decimal marks (an IME left on) become ASCII; spaces go. Nothing else changes. */
export function normalizeNumberText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[。．\uFF0E]/g, '.')
    .replace(/\s+/g, '');
}

function parseScaled(text: string, max: number, allowZero: boolean): Parsed<number> {
  const clean = normalizeNumberText(text);
  if (clean === '') return { ok: false, problem: 'empty' };
  const value = parseYuan(clean);
  if (value === null) return { ok: false, problem: /^\d+(\.\d{1,2})?$/.test(clean) ? 'too-large' : 'format' };
  if (value === 0 && !allowZero) return { ok: false, problem: 'zero' };
  if (value > max) return { ok: false, problem: 'too-large' };
  return { ok: true, value };
}

/** An amount of money to sell for: positive, ≤ 2 decimals, within the per-sale limit. */
export function parseMoneyInput(text: string): Parsed<Fen> {
  const parsed = parseScaled(text, MAX_SALE_FEN, false);
  return parsed.ok ? { ok: true, value: fen(parsed.value) } : parsed;
}

/** A quantity of kWh or m³ to sell: positive, ≤ 2 decimals (0.01 units), within the per-sale limit. */
export function parseUnitsInput(text: string): Parsed<Units> {
  const parsed = parseScaled(text, MAX_SALE_UNITS, false);
  return parsed.ok ? { ok: true, value: units(parsed.value) } : parsed;
}

/** Cash counted into or out of the drawer (float, tendered): zero allowed. */
export function parseCashInput(text: string): Parsed<Fen> {
  const parsed = parseScaled(text, MAX_SALE_FEN, true);
  return parsed.ok ? { ok: true, value: fen(parsed.value) } : parsed;
}

export type Tender =
  | { readonly ok: true; readonly tendered: Fen; readonly change: Fen }
  | { readonly ok: false; readonly problem: Exclude<InputProblem, 'zero' | 'empty'> | 'short' };

/** Change in fen: tendered − payable, or null when the cash does not cover the payable. */
export function changeDue(tendered: Fen, payable: Fen): Fen | null {
  return tendered >= payable ? subFen(tendered, payable) : null;
}

/**
 * The cash the customer hands over. Left empty it means "exactly the payable" (no change), the usual
 * case at a counter; otherwise it must cover the payable.
 */
export function parseTender(text: string, payable: Fen): Tender {
  const parsed = parseCashInput(text);
  if (!parsed.ok) {
    if (parsed.problem === 'empty') return { ok: true, tendered: payable, change: fen(0) };
    return { ok: false, problem: parsed.problem === 'too-large' ? 'too-large' : 'format' };
  }
  const change = changeDue(parsed.value, payable);
  return change === null ? { ok: false, problem: 'short' } : { ok: true, tendered: parsed.value, change };
}
