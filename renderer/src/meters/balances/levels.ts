import type { BalanceLevel } from '../../../../shared/vocabulary';

/** Tag colours of the balance levels, from fine to tripped. */
export const LEVEL_COLOR: Record<BalanceLevel, string> = { ok: 'green', alarm1: 'gold', alarm2: 'orange', zero: 'red', overdraft: 'magenta' };
