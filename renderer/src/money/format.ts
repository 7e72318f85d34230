/** Display helpers over shared/money's formatters: grouping, currency sign and the meter's unit. */
import { fen, formatUnits, formatYuan, units } from '../../../shared/money';
import type { CreditKind, Utility } from '../../../shared/vocabulary';

function group(text: string): string {
  const [whole = '', decimals] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return decimals === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${decimals}`;
}

/** 1234567 fen → "¥12,345.67". */
export function yuan(amount: number): string {
  const text = group(formatYuan(fen(amount)));
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}

/** Fen as plain decimal text for an input field: 10000 → "100.00". */
export function yuanPlain(amount: number): string {
  return formatYuan(fen(amount));
}

export function unitLabel(utility: Utility): string {
  return utility === 'electricity' ? 'kWh' : 'm³';
}

/** 0.01-unit count → "1,234.56 kWh". */
export function unitsText(amount: number, utility: Utility): string {
  return `${group(formatUnits(units(amount)))} ${unitLabel(utility)}`;
}

/** A meter's own remaining: units for energy meters, fen for money and hall-kept meters. */
export function remainingText(amount: number, creditKind: CreditKind, utility: Utility): string {
  return creditKind === 'energy' ? unitsText(amount, utility) : yuan(amount);
}
