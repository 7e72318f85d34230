/**
 * What a person types into the control-job wizard, turned into the contract's exact integers: TOU prices
 * in 1/10000 yuan (up to four decimals, as tariffs are published; shared/money parsePrice), alarm amounts in fen
 * (shared/money parseYuan, rule R3), and the Beijing date-time the job takes effect. Text that is not
 * exactly representable is refused, never rounded.
 */
import { parsePrice } from '../../../../shared/money';
import type { Fen, Price } from '../../../../shared/money';
import type { ControlCommand } from '../../../../shared/contract/control-methods';
import type { ControlAction } from '../../../../shared/vocabulary';
import { normalizeNumberText, parseCashInput } from '../../money/input';
import type { InputProblem, Parsed } from '../../money/input';

export const TOU_PERIODS = ['spike', 'peak', 'flat', 'valley'] as const;
export type TouPeriod = (typeof TOU_PERIODS)[number];

/** "0.4883" → 4883 (1/10000 yuan, shared/money parsePrice). Positive, at most four decimals, at most 1,000 yuan per unit. */
export function parsePriceInput(text: string): Parsed<Price> {
  const clean = normalizeNumberText(text);
  if (clean === '') return { ok: false, problem: 'empty' };
  const value = parsePrice(clean);
  if (value === null) return { ok: false, problem: /^\d+(\.\d{1,4})?$/.test(clean) ? 'too-large' : 'format' };
  return value === 0 ? { ok: false, problem: 'zero' } : { ok: true, value };
}

/** An alarm amount in yuan: zero allowed, two decimals at most (R3). */
export function parseAmountInput(text: string): Parsed<Fen> {
  return parseCashInput(text);
}

export interface CommandTexts {
  readonly prices: Readonly<Record<TouPeriod, string>>;
  readonly alarm1: string;
  readonly alarm2: string;
}

export const EMPTY_COMMAND_TEXTS: CommandTexts = { prices: { spike: '', peak: '', flat: '', valley: '' }, alarm1: '', alarm2: '' };

/** Why a command cannot be built: the field and its problem ('order': alarm 1 must not be below alarm 2). */
export interface CommandProblem {
  readonly field: TouPeriod | 'alarm1' | 'alarm2';
  readonly problem: InputProblem | 'order';
}

export type BuiltCommand = { readonly ok: true; readonly command: ControlCommand } | { readonly ok: false; readonly error: CommandProblem };

function buildPrices(texts: CommandTexts): BuiltCommand {
  const prices: Partial<Record<TouPeriod, Price>> = {};
  for (const period of TOU_PERIODS) {
    const parsed = parsePriceInput(texts.prices[period]);
    if (!parsed.ok) return { ok: false, error: { field: period, problem: parsed.problem } };
    prices[period] = parsed.value;
  }
  const { spike, peak, flat, valley } = prices as Record<TouPeriod, Price>;
  return { ok: true, command: { action: 'set_prices', prices: { spike, peak, flat, valley } } };
}

function buildAlarms(texts: CommandTexts): BuiltCommand {
  const alarm1 = parseAmountInput(texts.alarm1);
  if (!alarm1.ok) return { ok: false, error: { field: 'alarm1', problem: alarm1.problem } };
  const alarm2 = parseAmountInput(texts.alarm2);
  if (!alarm2.ok) return { ok: false, error: { field: 'alarm2', problem: alarm2.problem } };
  if (alarm1.value < alarm2.value) return { ok: false, error: { field: 'alarm2', problem: 'order' } };
  return { ok: true, command: { action: 'set_alarms', alarm1: alarm1.value, alarm2: alarm2.value } };
}

/** The contract command for an action and the texts typed for its parameters. */
export function buildCommand(action: ControlAction, texts: CommandTexts): BuiltCommand {
  if (action === 'set_prices') return buildPrices(texts);
  if (action === 'set_alarms') return buildAlarms(texts);
  return { ok: true, command: { action } };
}

/**
 * "2026-10-09 14:30" (or with a T), Beijing time as the hall reads clocks → "2026-10-09T14:30:00+08:00".
 * null for text that is not a real calendar date and time.
 */
export function parseBeijingDateTime(text: string): string | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return null;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const check = new Date(Date.UTC(y, mo - 1, d, h, mi));
  const real = check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d
    && check.getUTCHours() === h && check.getUTCMinutes() === mi;
  const two = (n: number) => String(n).padStart(2, '0');
  return real ? `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:00+08:00` : null;
}
