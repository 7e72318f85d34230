/** The sale the clerk is typing: by money (yuan → fen) or by units (kWh/m³ → 0.01 units). */
import { parseMoneyInput, parseUnitsInput } from '../money/input';
import type { InputProblem } from '../money/input';

export type SaleMode = 'money' | 'units';
export type SaleRequest =
  | { readonly mode: 'money'; readonly amount: number }
  | { readonly mode: 'units'; readonly units: number };

export type RequestProblem = InputProblem | 'step';
export type ParsedRequest = { readonly ok: true; readonly request: SaleRequest } | { readonly ok: false; readonly problem: RequestProblem };

export function parseSaleRequest(mode: SaleMode, text: string): ParsedRequest {
  if (mode === 'money') {
    const amount = parseMoneyInput(text);
    return amount.ok ? { ok: true, request: { mode, amount: amount.value } } : amount;
  }
  const quantity = parseUnitsInput(text);
  return quantity.ok ? { ok: true, request: { mode, units: quantity.value } } : quantity;
}

/**
 * Units must be a whole number of the meter's unit step (e.g. whole kWh): said before asking the backend,
 * in the clerk's terms, instead of a refused quote.
 */
export function onStep(parsed: ParsedRequest, unitStep: number): ParsedRequest {
  if (!parsed.ok || parsed.request.mode !== 'units' || parsed.request.units % unitStep === 0) return parsed;
  return { ok: false, problem: 'step' };
}

/** A stable text for "this exact request on this meter" (quote caching, idempotency attempts). */
export function requestKey(meterId: number, request: SaleRequest, tendered?: number): string {
  const what = request.mode === 'money' ? `m${request.amount}` : `u${request.units}`;
  return tendered === undefined ? `${meterId}:${what}` : `${meterId}:${what}:t${tendered}`;
}
