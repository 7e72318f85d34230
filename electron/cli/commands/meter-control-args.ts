/**
 * The operation `halldesk meter control` sends, from its options: exactly one of --relay, --valve, --keep-power
 * on|off, --prices SPIKE,PEAK,FLAT,VALLEY (yuan per unit, up to four decimals) and --alarms A1,A2 (yuan, alarm 1
 * the higher). Amounts are parsed as decimal text through shared/money (R3): no float ever reaches a meter.
 */
import { formatPrice, formatYuan, fen, parsePrice, parseYuan, price } from '../../../shared/money';
import type { PrepaidSettings, RelayAction } from '../../hardware/meters/codecs/drivers';
import { stringOption, UsageError } from '../args';
import type { Parsed } from '../args';

export type ControlOp =
  | { readonly kind: 'relay'; readonly action: RelayAction }
  | { readonly kind: 'valve'; readonly action: 'open' | 'close' }
  | { readonly kind: 'settings'; readonly settings: PrepaidSettings };

export const CONTROL_OPTIONS = {
  relay: { type: 'string' }, valve: { type: 'string' }, 'keep-power': { type: 'string' }, prices: { type: 'string' }, alarms: { type: 'string' },
} as const;
export const CONTROL_USAGE = '(--relay trip|close|keep-power|keep-power-release | --valve open|close | --keep-power on|off | --prices SPIKE,PEAK,FLAT,VALLEY | --alarms A1,A2)';

const RELAY: readonly RelayAction[] = ['trip', 'close', 'keep-power', 'keep-power-release'];

function list(text: string, count: number, name: string, parse: (item: string) => number | null, what: string): number[] {
  const items = text.split(',');
  const values = items.map((item) => parse(item));
  if (items.length !== count || values.some((v) => v === null)) {
    throw new UsageError(`--${name} takes ${count} comma-separated ${what}, got "${text}"`);
  }
  return values as number[];
}

function settingsOf(name: 'prices' | 'alarms', text: string): PrepaidSettings {
  if (name === 'prices') {
    const [spike, peak, flat, valley] = list(text, 4, 'prices', parsePrice, 'prices in yuan with up to 4 decimals (spike,peak,flat,valley)');
    return { prices: { spike: spike!, peak: peak!, flat: flat!, valley: valley! } };
  }
  const [alarm1, alarm2] = list(text, 2, 'alarms', parseYuan, 'amounts in yuan with up to 2 decimals (alarm 1, alarm 2)');
  if (alarm1! < alarm2!) throw new UsageError(`--alarms: alarm 1 (${formatYuan(fen(alarm1!))}) must not be below alarm 2 (${formatYuan(fen(alarm2!))})`);
  return { alarms: { alarm1: alarm1!, alarm2: alarm2! } };
}

export function controlOpOf(parsed: Parsed): ControlOp {
  const given = Object.keys(CONTROL_OPTIONS).filter((name) => stringOption(parsed, name) !== undefined);
  if (given.length !== 1) throw new UsageError(`give exactly one of ${CONTROL_USAGE}`);
  const name = given[0]!;
  const value = stringOption(parsed, name)!;
  switch (name) {
    case 'relay':
      if (!RELAY.includes(value as RelayAction)) throw new UsageError(`--relay must be one of ${RELAY.join(', ')}, got "${value}"`);
      return { kind: 'relay', action: value as RelayAction };
    case 'valve':
      if (value !== 'open' && value !== 'close') throw new UsageError(`--valve must be open or close, got "${value}"`);
      return { kind: 'valve', action: value };
    case 'keep-power':
      if (value !== 'on' && value !== 'off') throw new UsageError(`--keep-power must be on or off, got "${value}"`);
      return { kind: 'relay', action: value === 'on' ? 'keep-power' : 'keep-power-release' };
    default:
      return { kind: 'settings', settings: settingsOf(name as 'prices' | 'alarms', value) };
  }
}

/** What the command prints after the meter acknowledged. */
export function describeOp(op: ControlOp): string {
  if (op.kind === 'relay') return `relay ${op.action}: done`;
  if (op.kind === 'valve') return `valve ${op.action}: done`;
  const { prices, alarms } = op.settings;
  if (prices) return `prices ${[prices.spike, prices.peak, prices.flat, prices.valley].map((p) => formatPrice(price(p))).join(', ')}: done`;
  return `alarms ${formatYuan(fen(alarms!.alarm1))}, ${formatYuan(fen(alarms!.alarm2))}: done`;
}
