/**
 * A settlement reading typed from the supply agreement (issue 5 item 8): the total in kWh with at most two
 * decimals → 0.01 units exactly (the shape of rule R3, parsed by shared/money parseYuan, never rounded),
 * optional four period totals (all four or none), the Beijing read time, the agreement reference.
 */
import { parseYuan, units } from '../../../shared/money';
import type { Units } from '../../../shared/money';
import { normalizeNumberText } from '../money/input';
import { TOU_PERIODS, parseBeijingDateTime } from '../meters/controls/commandInput';
import type { TouPeriod } from '../meters/controls/commandInput';

export interface ManualReadingTexts {
  readonly meterId: number | null;
  readonly readAt: string;
  readonly total: string;
  readonly periods: Readonly<Record<TouPeriod, string>>;
  readonly agreementRef: string;
}

export interface ManualReadingInput {
  readonly meterId: number;
  readonly readAt: string;
  readonly total: number;
  readonly periods: Readonly<Record<TouPeriod, number>> | null;
  readonly agreementRef: string;
}

export type ManualReadingField = 'meter' | 'readAt' | 'total' | TouPeriod | 'agreementRef';
export type ParsedManualReading =
  | { readonly ok: true; readonly value: ManualReadingInput }
  | { readonly ok: false; readonly field: ManualReadingField; readonly problem: 'empty' | 'format' };

/** "12345.67" kWh → 1234567 (0.01 kWh); zero allowed; null when not a plain decimal with ≤ 2 places. */
export function parseReadingUnits(text: string): Units | null {
  const value = parseYuan(normalizeNumberText(text));
  return value === null ? null : units(value);
}

type ParsedPeriods = { readonly ok: true; readonly value: Record<TouPeriod, number> | null } | Extract<ParsedManualReading, { ok: false }>;

/** All four period totals, or none at all. */
function parsePeriods(texts: ManualReadingTexts['periods']): ParsedPeriods {
  if (TOU_PERIODS.every((p) => texts[p].trim() === '')) return { ok: true, value: null };
  const out: Partial<Record<TouPeriod, number>> = {};
  for (const period of TOU_PERIODS) {
    const value = parseReadingUnits(texts[period]);
    if (value === null) return { ok: false, field: period, problem: texts[period].trim() ? 'format' : 'empty' };
    out[period] = value;
  }
  return { ok: true, value: out as Record<TouPeriod, number> };
}

export function parseManualReading(texts: ManualReadingTexts): ParsedManualReading {
  if (texts.meterId === null) return { ok: false, field: 'meter', problem: 'empty' };
  const readAt = parseBeijingDateTime(texts.readAt);
  if (!readAt) return { ok: false, field: 'readAt', problem: texts.readAt.trim() ? 'format' : 'empty' };
  const total = parseReadingUnits(texts.total);
  if (total === null) return { ok: false, field: 'total', problem: texts.total.trim() ? 'format' : 'empty' };
  const periods = parsePeriods(texts.periods);
  if (!periods.ok) return periods;
  const agreementRef = texts.agreementRef.trim();
  if (!agreementRef) return { ok: false, field: 'agreementRef', problem: 'empty' };
  return { ok: true, value: { meterId: texts.meterId, readAt, total, periods: periods.value, agreementRef } };
}
