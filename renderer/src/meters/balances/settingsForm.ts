/**
 * The hall-kept balance settings as typed (yuan text, "HH:mm" clock times) ↔ the contract's integers
 * (balances.setSettings: fen, rule R3 via shared/money parseYuan; never rounded).
 */
import type { HallBalanceSettingsView } from '../../../../shared/contract/balance-views';
import { yuanPlain } from '../../money/format';
import { parseCashInput } from '../../money/input';
import type { InputProblem } from '../../money/input';

export interface SettingsTexts {
  readonly alarm1: string;
  readonly alarm2: string;
  readonly overdraftLimit: string;
  readonly autoTrip: boolean;
  readonly nightStart: string;
  readonly nightEnd: string;
  readonly nonWorkingDays: boolean;
}

export type SettingsField = 'alarm1' | 'alarm2' | 'overdraftLimit' | 'nightStart' | 'nightEnd';

export type ParsedSettings =
  | { readonly ok: true; readonly value: HallBalanceSettingsView }
  | { readonly ok: false; readonly field: SettingsField; readonly problem: InputProblem | 'order' | 'time' };

export function settingsTexts(s: HallBalanceSettingsView): SettingsTexts {
  return {
    alarm1: yuanPlain(s.alarm1), alarm2: yuanPlain(s.alarm2), overdraftLimit: yuanPlain(s.overdraftLimit), autoTrip: s.autoTrip,
    nightStart: s.keepPower.nightStart, nightEnd: s.keepPower.nightEnd, nonWorkingDays: s.keepPower.nonWorkingDays,
  };
}

/** "7:05" or "07:05" → "07:05"; null when it is not a clock time. */
export function parseClockTime(text: string): string | null {
  const match = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? `${String(h).padStart(2, '0')}:${match[2]}` : null;
}

export function parseSettings(texts: SettingsTexts): ParsedSettings {
  const amounts: Partial<Record<'alarm1' | 'alarm2' | 'overdraftLimit', number>> = {};
  for (const field of ['alarm1', 'alarm2', 'overdraftLimit'] as const) {
    const parsed = parseCashInput(texts[field]);
    if (!parsed.ok) return { ok: false, field, problem: parsed.problem };
    amounts[field] = parsed.value;
  }
  const { alarm1 = 0, alarm2 = 0, overdraftLimit = 0 } = amounts;
  if (alarm1 < alarm2) return { ok: false, field: 'alarm2', problem: 'order' };
  const nightStart = parseClockTime(texts.nightStart);
  if (!nightStart) return { ok: false, field: 'nightStart', problem: 'time' };
  const nightEnd = parseClockTime(texts.nightEnd);
  if (!nightEnd) return { ok: false, field: 'nightEnd', problem: 'time' };
  return {
    ok: true,
    value: { alarm1, alarm2, overdraftLimit, autoTrip: texts.autoTrip, keepPower: { nightStart, nightEnd, nonWorkingDays: texts.nonWorkingDays } },
  };
}
