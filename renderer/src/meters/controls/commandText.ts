import type { ControlCommand } from '../../../../shared/contract/control-methods';
import { formatPrice, price } from '../../../../shared/money';
import { yuan } from '../../money/format';

type T = (key: string, params?: Record<string, string>) => string;

/** A command in one line: the action, and its prices (¥ per unit, four decimals) or alarm amounts. */
export function commandText(command: ControlCommand, t: T): string {
  const action = t(`controls.actions.${command.action}`);
  if (command.action === 'set_prices') {
    const { spike, peak, flat, valley } = command.prices;
    return `${action}: ${[spike, peak, flat, valley].map((p) => formatPrice(price(p))).join(' / ')}`;
  }
  if (command.action === 'set_alarms') return `${action}: ${yuan(command.alarm1)} / ${yuan(command.alarm2)}`;
  return action;
}
